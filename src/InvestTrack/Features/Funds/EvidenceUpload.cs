using System.Globalization;
using System.Security.Cryptography;
using InvestTrack.Resources;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Funds;

/// <summary>What is wrong with an uploaded file; <see cref="None"/> when it may be kept.</summary>
public enum UploadProblem { None, TooLarge, Empty, Type }

/// <summary>An uploaded file that passed the checks: its bytes, real type, hash and a display name safe to show.</summary>
public sealed record CheckedUpload(byte[] Content, EvidenceTypes.EvidenceType Type, string Sha256, string DisplayName);

/// <summary>
/// The safe upload rules of funds evidence, shared by every feature that keeps files (activity and order attachments; <see cref="StoredFiles"/> keeps them): read at
/// most the limit + 1 bytes so that an oversized stream is refused without being held whole; the type decided by the
/// content's first bytes (PDF, JPEG, PNG), never by the name; the name kept for display only, without a path or
/// invisible characters, and with the extension of the real type.
/// </summary>
public static class EvidenceUpload
{
    /// <summary>The largest file kept (Funds:MaxEvidenceBytes, 10 MB by default), for evidence and attachments alike.</summary>
    public static long MaxBytes(IConfiguration configuration) => configuration.GetValue("Funds:MaxEvidenceBytes", 10L * 1024 * 1024);

    /// <summary>What the user is told about a refused file, in the funds evidence's words; null when it may be kept.</summary>
    public static string? Message(UploadProblem problem, long maxBytes, IStringLocalizer<FundsResource> f) => problem switch
    {
        UploadProblem.TooLarge => f["Error.EvidenceTooLarge", (maxBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)].Value,
        UploadProblem.Empty => f["Error.EvidenceEmpty"].Value,
        UploadProblem.Type => f["Error.EvidenceType"].Value,
        _ => null,
    };

    public static async Task<(CheckedUpload? File, UploadProblem Problem)> CheckAsync(Stream content, string fileName, long maxBytes, CancellationToken ct)
    {
        var bytes = await ReadCappedAsync(content, maxBytes, ct);
        if (bytes is null) return (null, UploadProblem.TooLarge);
        if (bytes.Length == 0) return (null, UploadProblem.Empty);
        if (EvidenceTypes.Sniff(bytes) is not { } type) return (null, UploadProblem.Type);
        return (new CheckedUpload(bytes, type, Convert.ToHexStringLower(SHA256.HashData(bytes)), DisplayName(fileName, type.Extension)), UploadProblem.None);
    }

    private static async Task<byte[]?> ReadCappedAsync(Stream content, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The uploader's name for display only, without a path, and with the extension of the real type.</summary>
    public static string DisplayName(string fileName, string extension)
    {
        // Control, bidirectional and invisible characters go (Kernel/TextInput): a name that reads "回单.pdf" is one.
        var name = Kernel.TextInput.Search(Path.GetFileNameWithoutExtension(Path.GetFileName(fileName.Replace('\\', '/')))) ?? "evidence";
        if (name.Length > 180) name = name[..(char.IsHighSurrogate(name[179]) ? 179 : 180)];
        return name + extension;
    }
}
