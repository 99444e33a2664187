using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Projects;

public enum DocumentKind { FundsEvidence, OrderAttachment, ActivityAttachment }

/// <summary>
/// A file kept about a project, where it belongs (<see cref="Context"/>: the funds month, the order's number, the activity's
/// code) and the address it downloads from — the owning feature's own download, scoped and audited there.
/// </summary>
/// <param name="Source">The funds source of an evidence's record (shown in the reader's language).</param>
public sealed record ProjectDocument(DocumentKind Kind, string FileName, long Size, DateTimeOffset UploadedAt, string Context, string Href,
    ReferenceData.OriginClass? Source = null);

/// <summary>
/// The project page's 材料 tab: the files that exist about a project, read from the features that keep them (funds evidence,
/// supervision order attachments, attachments of the activities it came out of). Each list goes through the unit filter;
/// the content is never read here.
/// </summary>
public sealed class ProjectDocuments(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit)
{
    public async Task<IReadOnlyList<ProjectDocument>?> ListAsync(int projectId, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(Project));
        await using var db = dbFactory.CreateDbContext();
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, ct)) return null;

        var evidence = await (from e in db.FundsEvidence.AsNoTracking()
                              join r in db.FundsRecords on e.FundsRecordId equals r.Id
                              where r.ProjectId == projectId
                              select new { e.Id, RecordId = r.Id, e.FileName, e.Size, e.UploadedAt, r.Period, r.Source }).ToListAsync(ct);
        var orders = await (from a in db.OrderAttachments.AsNoTracking()
                            join o in db.SupervisionOrders on a.OrderId equals o.Id
                            where o.ProjectId == projectId
                            select new { a.Id, a.OrderId, a.FileName, a.Size, a.UploadedAt, o.Year, o.Number }).ToListAsync(ct);
        var activities = await (from a in db.ActivityAttachments.AsNoTracking()
                                join l in db.ActivityProjects on a.ActivityId equals l.ActivityId
                                join act in db.Activities on a.ActivityId equals act.Id
                                where l.ProjectId == projectId
                                select new { a.Id, a.ActivityId, a.FileName, a.Size, a.UploadedAt, act.Code }).ToListAsync(ct);

        return
        [
            .. evidence.Select(e => new ProjectDocument(DocumentKind.FundsEvidence, e.FileName, e.Size, e.UploadedAt,
                Funds.FundsRules.FormatPeriod(e.Period), $"/api/funds/{e.RecordId}/evidence/{e.Id}", e.Source)),
            .. orders.Select(o => new ProjectDocument(DocumentKind.OrderAttachment, o.FileName, o.Size, o.UploadedAt,
                SupervisionOrders.OrderNumber.Format(o.Year, o.Number), $"/api/orders/{o.OrderId}/attachments/{o.Id}")),
            .. activities.Select(a => new ProjectDocument(DocumentKind.ActivityAttachment, a.FileName, a.Size, a.UploadedAt,
                a.Code, $"/api/activities/{a.ActivityId}/attachments/{a.Id}")),
        ];
    }
}
