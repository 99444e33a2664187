using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Funds;

/// <summary>Filters of the funds ledger; every one is optional. Month needs Year.</summary>
public sealed record FundsFilter(
    int? Year = null, int? Month = null, int? UnitId = null, OriginClass? Source = null, FundsAuditStatus? Status = null,
    int? ProjectId = null, int Page = 1, int PageSize = 50);

public sealed record FundsRow(
    long Id, int ProjectId, string ProjectCode, string ProjectName, int UnitId, string UnitName, int Period, OriginClass Source,
    long Amount, CapitalKind? CapitalKind, FundsAuditStatus Status, string? ReturnReason, string? ReportedBy, DateTimeOffset ReportedAt,
    string? AuditedBy, DateTimeOffset? AuditedAt, int Version, int EvidenceCount,
    bool AuditedInSource = false, string? ImportedFrom = null, string? ImportedBy = null, DateTimeOffset? ImportedAt = null)
{
    public decimal AmountWan => Money.ToWan(Amount);
    public string Month => FundsRules.FormatPeriod(Period);
}

/// <summary>
/// One page of records and the total of the audited funds among all filtered records (not only the page),
/// summed exactly in SQL, in hundredths of a 万元 and shown in 万元 and 亿元.
/// </summary>
public sealed record FundsPage(IReadOnlyList<FundsRow> Rows, int Total, int Page, int PageSize, long AuditedAmount, int AuditedCount)
{
    public decimal AuditedWan => Money.ToWan(AuditedAmount);
    public decimal AuditedYi => Money.ToYi(AuditedAmount);
}

public sealed record MonthLockRow(int Period, bool IsLocked, string Reason, string? ChangedBy, DateTimeOffset ChangedAt)
{
    public string Month => FundsRules.FormatPeriod(Period);
}

/// <summary>Reads of the funds ledger; the unit filter scopes every one of them.</summary>
public sealed class FundsQueries(IReadDbContextFactory dbFactory, CurrentUser actor, AuditLog audit)
{
    public const int MaxPageSize = 200;

    public async Task<FundsPage> ListAsync(FundsFilter filter, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(FundsRecord));
        await using var db = dbFactory.CreateDbContext();
        var records = db.FundsRecords.AsNoTracking();
        if (filter.Year is { } year)
        {
            // Periods are yyyymm integers: a year or a month is an integer range the index serves.
            var (from, to) = filter.Month is { } m and >= 1 and <= 12 ? (year * 100 + m, year * 100 + m) : (year * 100 + 1, year * 100 + 12);
            records = records.Where(r => r.Period >= from && r.Period <= to);
        }
        if (filter.UnitId is { } unit) records = records.Where(r => r.UnitId == unit);
        if (filter.Source is { } source) records = records.Where(r => r.Source == source);
        if (filter.Status is { } status) records = records.Where(r => r.Status == status);
        if (filter.ProjectId is { } project) records = records.Where(r => r.ProjectId == project);

        // One pass for the three summary figures: a city's year holds a million records at province scale.
        var summary = await records.GroupBy(r => 1).Select(g => new
        {
            Total = g.Count(),
            AuditedCount = g.Count(r => r.Status == FundsAuditStatus.Audited),
            AuditedAmount = g.Sum(r => r.Status == FundsAuditStatus.Audited ? r.Amount : 0L),
        }).SingleOrDefaultAsync(ct);
        var (total, auditedCount, auditedAmount) = summary is null ? (0, 0, 0L) : (summary.Total, summary.AuditedCount, summary.AuditedAmount);
        var size = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, filter.Page);
        var rows = Paging.Skip(page, size) is not { } skip ? [] : await records
            .Join(db.Projects, r => r.ProjectId, p => p.Id, (r, p) => new { r, p })
            .Join(db.Units, x => x.r.UnitId, u => u.Id, (x, u) => new { x.r, x.p, u })
            .OrderByDescending(x => x.r.Period).ThenBy(x => x.p.Code).ThenBy(x => x.r.Source)
            .Skip(skip).Take(size)
            .Select(x => new FundsRow(x.r.Id, x.p.Id, x.p.Code, x.p.Name, x.u.Id, x.u.Name, x.r.Period, x.r.Source, x.r.Amount, x.r.CapitalKind,
                x.r.Status, x.r.ReturnReason, x.r.ReportedBy, x.r.ReportedAt, x.r.AuditedBy, x.r.AuditedAt, x.r.Version,
                db.FundsEvidence.Count(e => e.FundsRecordId == x.r.Id), x.r.AuditedInSource, x.r.ImportedFrom, x.r.ImportedBy, x.r.ImportedAt))
            .ToListAsync(ct);
        return new FundsPage(rows, total, page, size, auditedAmount, auditedCount);
    }

    /// <summary>The audit queue: pending records, oldest report first.</summary>
    public async Task<FundsPage> QueueAsync(int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.AuditFunds, nameof(FundsRecord));
        return await ListAsync(new FundsFilter(Status: FundsAuditStatus.Pending, Page: page, PageSize: pageSize), ct);
    }

    public async Task<IReadOnlyList<MonthLockRow>> LocksAsync(CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.LockMonths, nameof(MonthLock));
        await using var db = dbFactory.CreateDbContext();
        return await db.MonthLocks.AsNoTracking().OrderByDescending(m => m.Period)
            .Select(m => new MonthLockRow(m.Period, m.IsLocked, m.Reason, m.ChangedBy, m.ChangedAt)).ToListAsync(ct);
    }

    /// <summary>The project a funds page is about, through the unit filter (a foreign one is null, as a missing one).</summary>
    public async Task<FundsProject?> ProjectAsync(int id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(FundsRecord));
        await using var db = dbFactory.CreateDbContext();
        return await db.Projects.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new FundsProject(p.Id, p.Code, p.Name, p.SignedOn)).SingleOrDefaultAsync(ct);
    }
}

public sealed record FundsProject(int Id, string Code, string Name, DateOnly? SignedOn);
