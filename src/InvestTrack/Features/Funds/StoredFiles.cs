using InvestTrack.Data;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Funds;

/// <summary>A kept file (funds evidence, activity and order attachments): its checked content and who uploaded it.</summary>
public interface IStoredFile
{
    long Id { get; }
    string FileName { get; set; }
    string ContentType { get; set; }
    long Size { get; set; }
    string Sha256 { get; set; }
    byte[] Content { get; set; }
    string? UploadedBy { get; set; }
    DateTimeOffset UploadedAt { get; set; }
}

public enum StoreOutcome { Stored, Refused, NotFound }

/// <summary>What became of a file: stored (its id), refused (the message for the user), or its owner not found.</summary>
public sealed record StoreResult(StoreOutcome Outcome, long Id = 0, string? Message = null);

/// <summary>
/// Keeping and removing files the same way in every feature: the upload rules of <see cref="EvidenceUpload"/>, the same
/// content refused twice for one owner (checked first, and by the unique index when two arrive at once), and the unit
/// filter's refusal on save answered as "not found".
/// </summary>
public static class StoredFiles
{
    /// <param name="siblings">The files of the same owner, among which the same content is refused.</param>
    /// <param name="file">A new file with its owner set; the content, name, type, hash and uploader are filled here.</param>
    public static async Task<StoreResult> AddAsync<T>(AppDbContext db, IQueryable<T> siblings, T file, Stream content, string fileName, long maxBytes,
        CurrentUser actor, TimeProvider clock, IStringLocalizer<FundsResource> f, CancellationToken ct) where T : class, IStoredFile
    {
        var (upload, problem) = await EvidenceUpload.CheckAsync(content, fileName, maxBytes, ct);
        if (EvidenceUpload.Message(problem, maxBytes, f) is { } message) return new StoreResult(StoreOutcome.Refused, Message: message);
        var same = await siblings.AsNoTracking().Where(x => x.Sha256 == upload!.Sha256).Select(x => x.FileName).FirstOrDefaultAsync(ct);
        if (same is not null) return new StoreResult(StoreOutcome.Refused, Message: f["Error.EvidenceDuplicate", same]);
        (file.FileName, file.ContentType, file.Size, file.Sha256, file.Content) = (upload!.DisplayName, upload.Type.ContentType, upload.Content.Length, upload.Sha256, upload.Content);
        (file.UploadedBy, file.UploadedAt) = (actor.UserName, clock.GetUtcNow());
        db.Set<T>().Add(file);
        try
        {
            await db.SaveChangesAsync(ct);
            return new StoreResult(StoreOutcome.Stored, file.Id);
        }
        catch (OutOfScopeException)
        {
            return new StoreResult(StoreOutcome.NotFound);
        }
        catch (DbUpdateException)
        {
            // The same content uploaded at the same moment (unique per owner and hash).
            return new StoreResult(StoreOutcome.Refused, Message: f["Error.EvidenceDuplicate", file.FileName]);
        }
    }

    /// <summary>Removes a file; false when the unit filter refuses it (answered as "not found").</summary>
    public static async Task<bool> RemoveAsync<T>(AppDbContext db, T file, CancellationToken ct) where T : class, IStoredFile
    {
        db.Set<T>().Remove(file);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (OutOfScopeException)
        {
            return false;
        }
    }
}
