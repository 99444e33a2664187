using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Funds;

public sealed record EvidenceItem(long Id, long FundsRecordId, string FileName, string ContentType, long Size, string Sha256, string? UploadedBy, DateTimeOffset UploadedAt);

/// <summary>A file to hand out: the name is set by the server, never the uploader's.</summary>
public sealed record EvidenceFile(byte[] Content, string ContentType, string DownloadName);

/// <summary>
/// Bank slips and invoices behind a funds record. The type is decided by the content's first bytes (PDF,
/// JPEG, PNG), never by the name; the size is capped (Funds:MaxEvidenceBytes, 10 MB by default); the same
/// content is kept once per record. Downloads go through the unit filter and are audited.
/// </summary>
public sealed class FundsEvidenceService(
    IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<FundsResource> f,
    IConfiguration configuration, TimeProvider clock)
{
    private const string ObjectType = nameof(FundsEvidence);

    public long MaxBytes => EvidenceUpload.MaxBytes(configuration);

    /// <summary>The evidence of a record in the user's scope; null when the record is missing or foreign (answered 404 alike).</summary>
    public async Task<IReadOnlyList<EvidenceItem>?> ListAsync(long recordId, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        if (!await db.FundsRecords.AnyAsync(r => r.Id == recordId, ct)) return null;
        return await db.FundsEvidence.AsNoTracking().Where(e => e.FundsRecordId == recordId).OrderBy(e => e.Id)
            .Select(e => new EvidenceItem(e.Id, e.FundsRecordId, e.FileName, e.ContentType, e.Size, e.Sha256, e.UploadedBy, e.UploadedAt))
            .ToListAsync(ct);
    }

    /// <summary>Reads at most <see cref="MaxBytes"/> + 1 bytes, so that an oversized stream is refused without being held whole.</summary>
    public async Task<FundsResult> UploadAsync(long recordId, string fileName, Stream content, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var record = await db.FundsRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == recordId, ct);
        if (record is null) return FundsResult.Fail(CommandOutcome.NotFound, "", f["Error.NotFound"]);
        if (record.Status == FundsAuditStatus.Audited) return Invalid(f["Error.EvidenceAudited"]);
        if (await FundsService.LockedAsync(db, record.Period, ct)) return Invalid(f["Error.MonthLocked", FundsRules.FormatPeriod(record.Period)]);

        var stored = await StoredFiles.AddAsync(db, db.FundsEvidence.Where(e => e.FundsRecordId == recordId),
            new FundsEvidence { FundsRecordId = recordId, UnitId = record.UnitId }, content, fileName, MaxBytes, actor, clock, f, ct);
        return stored.Outcome switch
        {
            StoreOutcome.Stored => FundsResult.Success(stored.Id, 0),
            StoreOutcome.NotFound => FundsResult.Fail(CommandOutcome.NotFound, "", f["Error.NotFound"]),
            _ => Invalid(stored.Message!),
        };
    }

    /// <summary>Removes one evidence of the record; an evidence of another record answers "not found", as a missing one.</summary>
    public async Task<FundsResult> DeleteAsync(long recordId, long evidenceId, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, evidenceId.ToString(CultureInfo.InvariantCulture));
        await using var db = dbFactory.CreateDbContext();
        var evidence = await db.FundsEvidence.SingleOrDefaultAsync(e => e.Id == evidenceId && e.FundsRecordId == recordId, ct);
        if (evidence is null) return FundsResult.Fail(CommandOutcome.NotFound, "", f["Error.NotFound"]);
        var record = await db.FundsRecords.AsNoTracking().SingleAsync(r => r.Id == evidence.FundsRecordId, ct);
        if (record.Status == FundsAuditStatus.Audited) return Invalid(f["Error.EvidenceAudited"]);
        if (await FundsService.LockedAsync(db, record.Period, ct)) return Invalid(f["Error.MonthLocked", FundsRules.FormatPeriod(record.Period)]);
        return await StoredFiles.RemoveAsync(db, evidence, ct) ? FundsResult.Success(evidenceId, 0) : FundsResult.Fail(CommandOutcome.NotFound, "", f["Error.NotFound"]);
    }

    /// <summary>The file of one evidence in the user's scope, or null (missing and foreign alike); the download is audited.</summary>
    public async Task<EvidenceFile?> DownloadAsync(long recordId, long evidenceId, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType, evidenceId.ToString(CultureInfo.InvariantCulture));
        await using var db = dbFactory.CreateDbContext();
        var e = await db.FundsEvidence.AsNoTracking().Where(x => x.Id == evidenceId && x.FundsRecordId == recordId)
            .Select(x => new { x.Content, x.ContentType, x.Sha256 }).SingleOrDefaultAsync(ct);
        if (e is null) return null;
        await AdminGuard.AuditAsync(db, "Download", ObjectType, evidenceId.ToString(CultureInfo.InvariantCulture),
            new { fundsRecordId = recordId, sha256 = e.Sha256 }, ct);
        var extension = EvidenceTypes.ExtensionOf(e.ContentType);
        return new EvidenceFile(e.Content, e.ContentType, $"funds-{recordId}-evidence-{evidenceId}{extension}");
    }

    private static FundsResult Invalid(string message) => FundsResult.Fail(CommandOutcome.Invalid, "File", message);
}

/// <summary>The file types accepted as evidence, recognised by their signature bytes.</summary>
public static class EvidenceTypes
{
    public sealed record EvidenceType(string ContentType, string Extension);

    private static readonly (byte[] Magic, EvidenceType Type)[] Known =
    [
        ("%PDF-"u8.ToArray(), new EvidenceType("application/pdf", ".pdf")),
        ([0xFF, 0xD8, 0xFF], new EvidenceType("image/jpeg", ".jpg")),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], new EvidenceType("image/png", ".png")),
    ];

    public static EvidenceType? Sniff(ReadOnlySpan<byte> content)
    {
        foreach (var (magic, type) in Known)
            if (content.StartsWith(magic)) return type;
        return null;
    }

    public static string ExtensionOf(string contentType) => Known.FirstOrDefault(k => k.Type.ContentType == contentType).Type?.Extension ?? "";
}
