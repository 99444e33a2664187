using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Network;

public sealed record RetentionFilter(int? UnitId = null, int? FromYear = null, int? ToYear = null, bool Descending = false, int Page = 1, int PageSize = 50);

/// <summary>One year's count; <see cref="Cumulative"/> is the unit's running total up to and including that year.</summary>
public sealed record RetentionRow(int Id, int UnitId, string UnitName, int Year, int Count, long Cumulative, string? Note, int Version);

/// <summary>A page of yearly counts and the total of every count the filter holds (累计引留各类人才N人).</summary>
public sealed record RetentionPage(IReadOnlyList<RetentionRow> Rows, int Total, int Page, int PageSize, long CumulativeTotal);

public sealed class RetentionForm
{
    public int? Year { get; set; }
    public int? Count { get; set; }
    public string? Note { get; set; }
    public int? UnitId { get; set; }

    public static RetentionForm Of(RetentionRow r) => new() { Year = r.Year, Count = r.Count, Note = r.Note, UnitId = r.UnitId };
}

/// <summary>The talent-retention programme's yearly count (万名大学生留平计划) as each unit records it; one row per unit and year.</summary>
public sealed class RetentionService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit,
    IStringLocalizer<NetworkResource> t, TimeProvider clock) : INetworkRecords<RetentionForm, RetentionRow>
{
    internal const string ObjectType = nameof(TalentRetentionCount);

    public async Task<RetentionPage> ListAsync(RetentionFilter filter, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var sum = await Filtered(db, filter).SumAsync(r => (long)r.Count, ct);
        var (items, total, page, size) = await NetworkSave.PageAsync(Rows(db, filter), filter.Page, filter.PageSize, ct);
        return new RetentionPage(items, total, page, size, sum);
    }

    public async Task<RetentionRow?> FindAsync(int id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType, EventService.Id(id));
        await using var db = dbFactory.CreateDbContext();
        return await Rows(db, new RetentionFilter(), id).SingleOrDefaultAsync(ct);
    }

    public async Task<NetworkResult> CreateAsync(RetentionForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var row = new TalentRetentionCount();
        return await NetworkSave.CreateAsync(db, row, () => row.Id, x => ApplyAsync(db, x, form, ct), t, ct, x => Taken(x.Year));
    }

    public async Task<NetworkResult> UpdateAsync(int id, RetentionForm form, int version, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, EventService.Id(id));
        await using var db = dbFactory.CreateDbContext();
        return await NetworkSave.UpdateAsync(db, db.TalentRetentionCounts.Where(x => x.Id == id), id, version, x => ApplyAsync(db, x, form, ct), t, ct,
            x => Taken(x.Year));
    }

    public async Task<NetworkResult> DeleteAsync(int id, int version, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, EventService.Id(id));
        await using var db = dbFactory.CreateDbContext();
        return await NetworkSave.DeleteAsync(db, db.TalentRetentionCounts.Where(x => x.Id == id), id, version, t, ct);
    }

    public async Task<ExportFile> ExportAsync(RetentionFilter filter, NetworkExportFormat format, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ExportRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var rows = await Rows(db, filter).Take(EventService.MaxExportRows).ToListAsync(ct);
        var sheet = ExportSheet.Of("人才引留", rows,
            ExportColumn<RetentionRow>.Text(t["Field.Unit"], r => r.UnitName),
            ExportColumn<RetentionRow>.Count(t["Retention.Year"], r => r.Year),
            ExportColumn<RetentionRow>.Count(t["Retention.Count"], r => r.Count),
            ExportColumn<RetentionRow>.Count(t["Retention.Cumulative"], r => r.Cumulative),
            ExportColumn<RetentionRow>.Text(t["Retention.Note"], r => r.Note));
        return await NetworkSave.ExportAsync(audit, clock, sheet, format, "人才引留统计", "talent-retention", ObjectType, rows.Count, filter, ct);
    }

    private static IQueryable<TalentRetentionCount> Filtered(AppDbContext db, RetentionFilter filter)
    {
        var counts = db.TalentRetentionCounts.AsNoTracking();
        if (filter.UnitId is { } unitId) counts = counts.Where(r => r.UnitId == unitId);
        if (filter.FromYear is { } from) counts = counts.Where(r => r.Year >= from);
        if (filter.ToYear is { } to) counts = counts.Where(r => r.Year <= to);
        return counts;
    }

    private static IQueryable<RetentionRow> Rows(AppDbContext db, RetentionFilter filter, int? id = null)
    {
        var counts = Filtered(db, filter);
        if (id is { } only) counts = counts.Where(r => r.Id == only);
        // Ordered on the entity (a record made by its constructor cannot be ordered in SQL); the id breaks ties.
        counts = filter.Descending
            ? counts.OrderByDescending(r => r.Year).ThenBy(r => db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First()).ThenBy(r => r.Id)
            : counts.OrderBy(r => r.Year).ThenBy(r => db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First()).ThenBy(r => r.Id);
        // The running total is the unit's own, from its first recorded year (the programme counts 累计 per unit).
        return counts.Select(r => new RetentionRow(r.Id, r.UnitId, db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First(),
            r.Year, r.Count, db.TalentRetentionCounts.Where(x => x.UnitId == r.UnitId && x.Year <= r.Year).Sum(x => (long)x.Count), r.Note, r.Version));
    }

    private NetworkResult Taken(int year) =>
        new(Errors: new Dictionary<string, string>(StringComparer.Ordinal) { ["year"] = t["Error.YearTaken", year] });

    private async Task<Dictionary<string, string>?> ApplyAsync(AppDbContext db, TalentRetentionCount row, RetentionForm form, CancellationToken ct)
    {
        var check = new NetworkChecks(t);
        if (form.Year is not { } year) check.Add("year", t["Error.Required", t["Retention.Year"]]);
        else if (year is < 2000 or > 2100) check.Add("year", t["Error.Year", t["Retention.Year"]]);
        if (form.Count is not { } count) check.Add("count", t["Error.Required", t["Retention.Count"]]);
        else if (count < 0) check.Add("count", t["Error.Negative", t["Retention.Count"]]);
        var note = check.Text("note", t["Retention.Note"], form.Note, 500);
        var unitId = await check.UnitAsync(db, "unitId", form.UnitId ?? (row.Id == 0 ? null : row.UnitId), actor.UnitId, ct);
        if (!check.Any && await db.TalentRetentionCounts.AnyAsync(r => r.UnitId == unitId && r.Year == form.Year && r.Id != row.Id, ct))
            check.Add("year", t["Error.YearTaken", form.Year!.Value]);
        if (check.Any) return check.Errors;
        (row.Year, row.Count, row.Note, row.UnitId) = (form.Year!.Value, form.Count!.Value, note, unitId);
        return null;
    }
}
