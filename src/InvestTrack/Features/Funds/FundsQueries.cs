using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Funds;

/// <summary>
/// Filters of the funds ledger; every one is optional. Month needs Year. <see cref="From"/> and <see cref="To"/> are a range of
/// months (yyyymm, both included) beside or instead of Year; <see cref="ReporterId"/> is the id of the user who reported.
/// </summary>
public sealed record FundsFilter(
    int? Year = null, int? Month = null, int? UnitId = null, OriginClass? Source = null, FundsAuditStatus? Status = null,
    int? ProjectId = null, int Page = 1, int PageSize = 50, int? From = null, int? To = null, string? ReporterId = null);

/// <summary>
/// One record as the ledger shows it. Who reported and audited it are shown by name and unit (<see cref="ReporterName"/>,
/// <see cref="AuditorName"/>, <see cref="ImporterName"/>); the sign-in names stay for the four-eyes rule and the API.
/// </summary>
public sealed record FundsRow(
    long Id, int ProjectId, string ProjectCode, string ProjectName, int UnitId, string UnitName, int Period, OriginClass Source,
    long Amount, CapitalKind? CapitalKind, FundsAuditStatus Status, string? ReturnReason, string? ReportedBy, DateTimeOffset ReportedAt,
    string? AuditedBy, DateTimeOffset? AuditedAt, int Version, int EvidenceCount,
    bool AuditedInSource = false, string? ImportedFrom = null, string? ImportedBy = null, DateTimeOffset? ImportedAt = null,
    PersonName? Reporter = null, PersonName? Auditor = null, PersonName? Importer = null)
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

/// <param name="Changer">Who locked or unlocked it, by name and unit (<see cref="ChangedBy"/> is the sign-in name).</param>
public sealed record MonthLockRow(int Period, bool IsLocked, string Reason, string? ChangedBy, DateTimeOffset ChangedAt, PersonName? Changer = null)
{
    public string Month => FundsRules.FormatPeriod(Period);
}

/// <summary>A project's audited funds: this year's (China time) and all years', with the records' counts.</summary>
public sealed record FundsTotals(int Year, long YearAmount, int YearCount, long AllAmount, int AllCount, int Pending, int Returned);

/// <summary>Someone who may be named as reporter, for the ledger's filter: the user's id, display name and unit.</summary>
public sealed record ReporterChoice(string Id, string Name, string UnitName);

/// <summary>Reads of the funds ledger; the unit filter scopes every one of them.</summary>
public sealed class FundsQueries(IReadDbContextFactory dbFactory, CurrentUser actor, AuditLog audit, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    public async Task<FundsPage> ListAsync(FundsFilter filter, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(FundsRecord));
        await using var db = dbFactory.CreateDbContext();
        var records = await FilteredAsync(db, filter, ct);

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
        var rows = Paging.Skip(page, size) is not { } skip ? [] : await Rows(db, records).Skip(skip).Take(size).ToListAsync(ct);
        return new FundsPage(await PersonNames.NameAsync(db, rows, ct), total, page, size, auditedAmount, auditedCount);
    }

    /// <summary>
    /// The filtered records in the list's order, for the export: the same filter and scope as <see cref="ListAsync"/>, at most
    /// <paramref name="max"/> rows.
    /// </summary>
    public async Task<IReadOnlyList<FundsRow>> AllAsync(FundsFilter filter, int max, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ExportRecords, nameof(FundsRecord));
        await using var db = dbFactory.CreateDbContext();
        var rows = await Rows(db, await FilteredAsync(db, filter, ct)).Take(max).ToListAsync(ct);
        return await PersonNames.NameAsync(db, rows, ct);
    }

    /// <summary>One record as the ledger shows it, through the unit filter (null when missing or another unit's).</summary>
    public async Task<FundsRow?> RowAsync(long id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(FundsRecord));
        await using var db = dbFactory.CreateDbContext();
        var rows = await Rows(db, db.FundsRecords.AsNoTracking().Where(r => r.Id == id)).ToListAsync(ct);
        return (await PersonNames.NameAsync(db, rows, ct)).SingleOrDefault();
    }

    /// <summary>The records a filter selects, through the unit filter. A reporter that does not exist selects nothing.</summary>
    private static async Task<IQueryable<FundsRecord>> FilteredAsync(AppDbContext db, FundsFilter filter, CancellationToken ct)
    {
        var records = db.FundsRecords.AsNoTracking();
        if (filter.Year is { } year)
        {
            // Periods are yyyymm integers: a year or a month is an integer range the index serves.
            var (from, to) = filter.Month is { } m and >= 1 and <= 12 ? (year * 100 + m, year * 100 + m) : (year * 100 + 1, year * 100 + 12);
            records = records.Where(r => r.Period >= from && r.Period <= to);
        }
        if (filter.From is { } first) records = records.Where(r => r.Period >= first);
        if (filter.To is { } last) records = records.Where(r => r.Period <= last);
        if (filter.UnitId is { } unit) records = records.Where(r => r.UnitId == unit);
        if (filter.Source is { } source) records = records.Where(r => r.Source == source);
        if (filter.Status is { } status) records = records.Where(r => r.Status == status);
        if (filter.ProjectId is { } project) records = records.Where(r => r.ProjectId == project);
        if (!string.IsNullOrEmpty(filter.ReporterId))
        {
            var userName = await db.Users.AsNoTracking().Where(u => u.Id == filter.ReporterId).Select(u => u.UserName).SingleOrDefaultAsync(ct);
            records = userName is null ? records.Where(r => false) : records.Where(r => r.ReportedBy == userName);
        }
        return records;
    }

    private static IQueryable<FundsRow> Rows(AppDbContext db, IQueryable<FundsRecord> records) => records
        .Join(db.Projects, r => r.ProjectId, p => p.Id, (r, p) => new { r, p })
        .Join(db.Units, x => x.r.UnitId, u => u.Id, (x, u) => new { x.r, x.p, u })
        .OrderByDescending(x => x.r.Period).ThenBy(x => x.p.Code).ThenBy(x => x.r.Source)
        .Select(x => new FundsRow(x.r.Id, x.p.Id, x.p.Code, x.p.Name, x.u.Id, x.u.Name, x.r.Period, x.r.Source, x.r.Amount, x.r.CapitalKind,
            x.r.Status, x.r.ReturnReason, x.r.ReportedBy, x.r.ReportedAt, x.r.AuditedBy, x.r.AuditedAt, x.r.Version,
            db.FundsEvidence.Count(e => e.FundsRecordId == x.r.Id), x.r.AuditedInSource, x.r.ImportedFrom, x.r.ImportedBy, x.r.ImportedAt,
            null, null, null));

    /// <summary>The audit queue: pending records, oldest report first.</summary>
    public async Task<FundsPage> QueueAsync(int page = 1, int pageSize = 50, CancellationToken ct = default) =>
        await QueueAsync(new FundsFilter(Page: page, PageSize: pageSize), ct);

    /// <summary>The audit queue narrowed by the ledger's filters; the status is always 待审核.</summary>
    public async Task<FundsPage> QueueAsync(FundsFilter filter, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.AuditFunds, nameof(FundsRecord));
        return await ListAsync(filter with { Status = FundsAuditStatus.Pending }, ct);
    }

    /// <summary>A project's audited funds this year and in all, and how many of its records wait or were returned.</summary>
    public async Task<FundsTotals?> TotalsAsync(int projectId, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(FundsRecord));
        await using var db = dbFactory.CreateDbContext();
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, ct)) return null;
        var year = FundsRules.TodayInChina(clock).Year;
        var (from, to) = (year * 100 + 1, year * 100 + 12);
        var t = await db.FundsRecords.AsNoTracking().Where(r => r.ProjectId == projectId).GroupBy(r => 1).Select(g => new
        {
            YearAmount = g.Sum(r => r.Status == FundsAuditStatus.Audited && r.Period >= from && r.Period <= to ? r.Amount : 0L),
            YearCount = g.Count(r => r.Status == FundsAuditStatus.Audited && r.Period >= from && r.Period <= to),
            AllAmount = g.Sum(r => r.Status == FundsAuditStatus.Audited ? r.Amount : 0L),
            AllCount = g.Count(r => r.Status == FundsAuditStatus.Audited),
            Pending = g.Count(r => r.Status == FundsAuditStatus.Pending),
            Returned = g.Count(r => r.Status == FundsAuditStatus.Returned),
        }).SingleOrDefaultAsync(ct);
        return t is null ? new FundsTotals(year, 0, 0, 0, 0, 0, 0) : new FundsTotals(year, t.YearAmount, t.YearCount, t.AllAmount, t.AllCount, t.Pending, t.Returned);
    }

    /// <summary>
    /// The people the reporter filter offers: the users who may report, of the units in the reader's scope, by unit and name. Users are
    /// not unit-owned rows, so the scope is applied here.
    /// </summary>
    public async Task<IReadOnlyList<ReporterChoice>> ReportersAsync(CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(FundsRecord));
        await using var db = dbFactory.CreateDbContext();
        var scope = actor.UnitScope;
        var ids = scope.UnitIdArray;
        // Only those who may report at all: not the system admin, the auditor or the leaders.
        var roles = AccessPolicy.RolesAllowed(Operation.EditRecords).ToArray();
        var reporters = from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where roles.Contains(r.Name!) select ur.UserId;
        return await (from u in db.Users.AsNoTracking()
                      join unit in db.Units on u.UnitId equals unit.Id
                      where (scope.All || ids.Contains(u.UnitId)) && reporters.Contains(u.Id)
                      orderby unit.SortOrder, u.DisplayName
                      select new ReporterChoice(u.Id, u.DisplayName, unit.Name)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<MonthLockRow>> LocksAsync(CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.LockMonths, nameof(MonthLock));
        await using var db = dbFactory.CreateDbContext();
        var rows = await db.MonthLocks.AsNoTracking().OrderByDescending(m => m.Period)
            .Select(m => new MonthLockRow(m.Period, m.IsLocked, m.Reason, m.ChangedBy, m.ChangedAt, null)).ToListAsync(ct);
        var names = await PersonNames.OfAsync(db, rows.Select(r => r.ChangedBy), ct);
        return [.. rows.Select(r => r with { Changer = r.ChangedBy is { } by ? names.GetValueOrDefault(by) ?? new PersonName(by, null) : null })];
    }

    /// <summary>The project a funds page is about, through the unit filter (a foreign one is null, as a missing one).</summary>
    public async Task<FundsProject?> ProjectAsync(int id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(FundsRecord));
        await using var db = dbFactory.CreateDbContext();
        return await db.Projects.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new FundsProject(p.Id, p.Code, p.Name, p.SignedOn)).SingleOrDefaultAsync(ct);
    }

    /// <summary>Projects of the user's scope whose code or name holds the text, signed ones first: the pickers of the entry and the filters.</summary>
    public async Task<IReadOnlyList<FundsProject>> SearchProjectsAsync(string? text, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(FundsRecord));
        await using var db = dbFactory.CreateDbContext();
        var projects = db.Projects.AsNoTracking();
        if (TextInput.Search(text) is { } t) projects = projects.Where(p => p.Code.Contains(t) || p.Name.Contains(t));
        return await projects.OrderBy(p => p.SignedOn == null).ThenBy(p => p.Code).Take(20)
            .Select(p => new FundsProject(p.Id, p.Code, p.Name, p.SignedOn)).ToListAsync(ct);
    }
}

public sealed record FundsProject(int Id, string Code, string Name, DateOnly? SignedOn)
{
    public override string ToString() => $"{Code} {Name}";
}
