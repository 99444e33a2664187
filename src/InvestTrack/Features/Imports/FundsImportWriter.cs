using InvestTrack.Data;
using InvestTrack.Features.Funds;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Imports;

/// <summary>
/// Writes planned funds rows inside the import's transaction, after the projects (a new project's id is
/// known only then). Each save goes through AppDbContext: the unit guard, the audit entries and the
/// version check apply as for any edit. A row marked 已审核 was audited in the source ledger, not by the importer:
/// it is recorded so (AuditedInSource, with who imported it from which file and when), never as the importer's audit.
/// </summary>
internal sealed class FundsImportWriter(AppDbContext db, string? userName, string fileName, DateTimeOffset now)
{
    private const int Chunk = 5_000;

    public async Task WriteAsync(IReadOnlyList<PlannedFunds> plan, CancellationToken ct)
    {
        var changed = plan.Where(p => p.Changes).ToList();
        if (changed.Count == 0) return;
        // Projects created by this import: their ids by code, read back in the same transaction.
        var newCodes = changed.Where(p => p.Project.Id is null).Select(p => p.Row.ProjectCode).Distinct().ToList();
        var idOf = newCodes.Count == 0 ? new Dictionary<string, int>()
            : await db.Projects.AsNoTracking().Where(p => newCodes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, p => p.Id, ct);

        for (var start = 0; start < changed.Count; start += Chunk)
        {
            foreach (var p in changed.Skip(start).Take(Chunk))
            {
                var record = p.Existing;
                if (record is null)
                {
                    record = new FundsRecord
                    {
                        ProjectId = p.Project.Id ?? idOf[p.Row.ProjectCode], UnitId = p.Project.UnitId, Period = p.Row.Period, Source = p.Source,
                        ReportedBy = userName, ReportedAt = now,
                    };
                    db.FundsRecords.Add(record);
                }
                else db.FundsRecords.Attach(record);
                var reaudited = p.Status == FundsAuditStatus.Audited && (p.IsNew || record.Status != FundsAuditStatus.Audited || record.Amount != p.Row.Amount);
                record.Amount = p.Row.Amount;
                record.Status = p.Status;
                if (reaudited) (record.AuditedInSource, record.AuditedBy, record.AuditedAt) = (true, null, null);
                if (p.Status != FundsAuditStatus.Audited) (record.AuditedInSource, record.AuditedBy, record.AuditedAt) = (false, null, null);
                if (p.Status != FundsAuditStatus.Returned) record.ReturnReason = null;
                (record.ImportedFrom, record.ImportedBy, record.ImportedAt) = (fileName.Length > 200 ? fileName[..200] : fileName, userName, now);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
