using System.Text.Json;
using System.Text.Json.Serialization;

namespace InvestTrack.Features.Backup;

/// <summary>The rows of one table at the moment of the backup.</summary>
public sealed record TableCount(string Table, long Rows);

/// <summary>
/// What a backup held when it was made, written as JSON beside the encrypted file (FILE.manifest.json): the row count of
/// every table and the audit trail's last sequence and MAC, all read in the snapshot that pg_dump dumped, the file's
/// SHA-256, its size and the time. `restore-drill` checks the file against it before decrypting and the restored
/// database against it afterwards. It holds no data of the records, so it is not encrypted.
/// </summary>
public sealed record BackupManifest
{
    public const string FormatName = "investtrack-backup";
    public const int CurrentVersion = 1;
    public const string Suffix = ".manifest.json";

    public string Format { get; init; } = FormatName;
    public int Version { get; init; } = CurrentVersion;
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Database { get; init; }
    public required string ServerVersion { get; init; }
    public required string File { get; init; }
    public required long Bytes { get; init; }
    public required string Sha256 { get; init; }
    public required string Encryption { get; init; }
    public long? AuditSequence { get; init; }
    public string? AuditMac { get; init; }
    public required IReadOnlyList<TableCount> Tables { get; init; }

    /// <summary>Where the manifest of a backup file is.</summary>
    public static string PathFor(string backupFile) => backupFile + Suffix;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>A manifest that is not JSON, not of a backup, of a later format, or lacks what the drill needs.</summary>
    public sealed class Unreadable(string message) : Exception(message);

    /// <exception cref="Unreadable">Says in both languages what is wrong with it.</exception>
    public static BackupManifest Parse(string json)
    {
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(json, Json);
        }
        catch (JsonException e)
        {
            throw new Unreadable($"清单无法读取 the manifest cannot be read: {e.Message}");
        }
        if (manifest is null || manifest.Format != FormatName) throw new Unreadable("不是备份清单 not a backup manifest (format is not investtrack-backup)");
        if (manifest.Version is < 1 or > CurrentVersion)
            throw new Unreadable($"清单格式版本 {manifest.Version} 不受支持 manifest format version {manifest.Version} is not supported (this program reads 1–{CurrentVersion})");
        if (manifest.Sha256 is not { Length: 64 } || !manifest.Sha256.All(Uri.IsHexDigit))
            throw new Unreadable("清单缺少 SHA-256 the manifest has no SHA-256 of the file");
        if (manifest.Tables is not { Count: > 0 } || manifest.Tables.Any(t => string.IsNullOrWhiteSpace(t.Table) || t.Rows < 0))
            throw new Unreadable("清单缺少各表行数 the manifest has no row counts (or a count below zero)");
        if (manifest.Tables.GroupBy(t => t.Table, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new Unreadable($"清单中表 {twice.Key} 出现两次 the manifest names table {twice.Key} twice");
        return manifest;
    }
}
