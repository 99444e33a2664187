using System.Globalization;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Statistics;
using InvestTrack.Features.Supervision;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.Assessment;

/// <summary>
/// Rankings (排名) of year Y, months 1..M under the year's scheme in force. A draft is computed live from the indicator
/// sources (the statistics module), the annual targets and the month's bonus and deduction entries; publishing freezes
/// those inputs with the scheme's configuration and the scores (PublishedRanking), once per month. A published ranking
/// is public within the city (every role that reads records); a draft only to users who see the whole city, since it
/// is computed from every unit's live records (docs/decisions/0012-published-rankings.md).
/// </summary>
public sealed class RankingService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<AssessmentResource> t,
    SchemeService schemes, IEnumerable<IAssessmentIndicatorSource> sources, IOptions<StatisticsOptions> statistics, TimeProvider clock)
{
    private const int MaxTimes = 100;

    public bool CanManage => actor.Can(Operation.ManageAssessment);

    /// <summary>Drafts are computed from every unit's records: only for users whose scope is the whole city.</summary>
    public bool CanPreview => actor.Can(Operation.ViewRecords) && actor.UnitScope.All;

    public async Task<(RankingView? View, RankingError Error)> PublishedAsync(int year, int month, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(PublishedRanking));
        if (!ValidPeriod(year, month)) return (null, RankingError.BadPeriod);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.PublishedRankings.AsNoTracking().SingleOrDefaultAsync(r => r.Year == year && r.Month == month, ct);
        if (row is null) return (null, RankingError.NotFound);
        var snapshot = JsonSerializer.Deserialize<RankingSnapshot>(row.Snapshot, SchemeService.Json)!;
        var result = JsonSerializer.Deserialize<StoredResult>(row.Result, SchemeService.Json)!;
        return (View(snapshot, result.Units, result.Bounds, [], row), RankingError.None);
    }

    /// <summary>The published ranking scored again by the kernel from its snapshot alone: it equals the published one.</summary>
    public async Task<(RankingView? View, RankingError Error)> RescoreAsync(int year, int month, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(PublishedRanking));
        if (!ValidPeriod(year, month)) return (null, RankingError.BadPeriod);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.PublishedRankings.AsNoTracking().SingleOrDefaultAsync(r => r.Year == year && r.Month == month, ct);
        if (row is null) return (null, RankingError.NotFound);
        var snapshot = JsonSerializer.Deserialize<RankingSnapshot>(row.Snapshot, SchemeService.Json)!;
        var outcome = AssessmentScoring.Score(snapshot.Scheme.ToKernel(), Inputs(snapshot));
        return (View(snapshot, outcome.Units, outcome.Bounds, [.. outcome.Problems.Select(p => schemes.Message(p, Names(snapshot)))], row), RankingError.None);
    }

    /// <summary>
    /// The draft computed now, under the year's scheme in force or, for city staff trying a draft scheme, the version
    /// <paramref name="schemeId"/> of the same year.
    /// </summary>
    public async Task<(RankingView? View, RankingError Error)> DraftAsync(int year, int month, int? schemeId = null, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(PublishedRanking));
        if (!ValidPeriod(year, month)) return (null, RankingError.BadPeriod);
        if (!CanPreview) return (null, RankingError.Forbidden);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scheme = schemeId is { } id
            ? await db.SchemeVersions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.Year == year, ct)
            : await SchemeService.InForceAsync(db, year, ct);
        if (scheme is null) return (null, schemeId is null ? RankingError.NoScheme : RankingError.NotFound);
        var (snapshot, missing) = await SnapshotAsync(db, year, month, scheme, ct);
        var outcome = AssessmentScoring.Score(snapshot.Scheme.ToKernel(), Inputs(snapshot));
        var problems = missing.Concat(outcome.Problems.Select(p => schemes.Message(p, Names(snapshot)))).ToList();
        return (View(snapshot, outcome.Units, outcome.Bounds, problems, null), RankingError.None);
    }

    /// <summary>
    /// For the monthly bulletin: the published ranking of the month, or the draft computed now when none is published
    /// (null when the year has no scheme in force). Runs as the acting user; a job acts as the system (all units).
    /// </summary>
    public async Task<RankingView?> PublishedOrDraftAsync(int year, int month, CancellationToken ct = default)
    {
        var (published, _) = await PublishedAsync(year, month, ct);
        if (published is not null) return published;
        var (draft, _) = await DraftAsync(year, month, null, ct);
        return draft;
    }

    /// <summary>Freezes the month's ranking; refused when it is published already, the month has not ended, or it cannot be scored.</summary>
    public async Task<(CommandResult Result, RankingView? View)> PublishAsync(int year, int month, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageAssessment, nameof(PublishedRanking), Key(year, month));
        if (!ValidPeriod(year, month)) return (Invalid("month", t["Ranking.Error.Period"]), null);
        var lastDay = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        if (lastDay >= ChinaTime.Today(clock)) return (Invalid("month", t["Ranking.Error.MonthOpen", year, month]), null);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.PublishedRankings.AsNoTracking().SingleOrDefaultAsync(r => r.Year == year && r.Month == month, ct) is { } done)
            return (Conflict(done), null);
        var scheme = await SchemeService.InForceAsync(db, year, ct);
        if (scheme is null) return (Invalid("", t["Ranking.Error.NoScheme", year]), null);
        var (snapshot, missing) = await SnapshotAsync(db, year, month, scheme, ct);
        if (missing.Count > 0) return (Invalid("", missing[0]), null);
        var outcome = AssessmentScoring.Score(snapshot.Scheme.ToKernel(), Inputs(snapshot));
        if (!outcome.Succeeded)
            return (new CommandResult(CommandOutcome.Invalid, new Dictionary<string, string[]> { [""] = [.. outcome.Problems.Select(p => schemes.Message(p, Names(snapshot)))] }), null);
        var row = new PublishedRanking
        {
            Year = year, Month = month, SchemeId = scheme.Id, SchemeNumber = scheme.Number, PublishedAt = snapshot.TakenAt, PublishedBy = actor.UserName ?? "",
            Snapshot = JsonSerializer.Serialize(snapshot, SchemeService.Json),
            Result = JsonSerializer.Serialize(new StoredResult(outcome.Units, outcome.Bounds), SchemeService.Json),
        };
        db.PublishedRankings.Add(row);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Published by someone else at the same moment: the unique index (Year, Month).
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            var other = await again.PublishedRankings.AsNoTracking().SingleOrDefaultAsync(r => r.Year == year && r.Month == month, ct);
            return (other is null ? CommandResult.Fail(CommandOutcome.Stale, "", t["Stale"]) : Conflict(other), null);
        }
        return (CommandResult.Success(row.Id, 1), View(snapshot, outcome.Units, outcome.Bounds, [], row));
    }

    public async Task<IReadOnlyList<AdjustmentEntry>> AdjustmentsAsync(int year, int month, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageAssessment, nameof(RankingAdjustment));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scheme = await SchemeService.InForceAsync(db, year, ct);
        var items = scheme is null ? [] : SchemeService.Deserialize(scheme.Configuration).Items;
        var rows = await (from a in db.RankingAdjustments.AsNoTracking()
                          join u in db.Units.AsNoTracking() on a.UnitId equals u.Id
                          where a.Year == year && a.Month == month
                          orderby u.SortOrder, u.Code, a.ItemCode
                          select new { a, u.Name }).ToListAsync(ct);
        return [.. rows.Select(r => new AdjustmentEntry(r.a.Id, r.a.UnitId, r.Name, r.a.ItemCode,
            items.FirstOrDefault(i => i.Code == r.a.ItemCode)?.Name ?? r.a.ItemCode, r.a.Times, r.a.Reason, r.a.UpdatedBy, r.a.Version))];
    }

    /// <summary>Sets how many times an item of the scheme in force applies to a unit in the month's draft (0 removes it), with the reason.</summary>
    public async Task<CommandResult> SetAdjustmentAsync(AdjustmentEntryForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageAssessment, nameof(RankingAdjustment), $"{Key(form.Year, form.Month)}/{form.UnitId}/{form.Item}");
        if (!ValidPeriod(form.Year, form.Month)) return Invalid("Month", t["Ranking.Error.Period"]);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.PublishedRankings.AsNoTracking().SingleOrDefaultAsync(r => r.Year == form.Year && r.Month == form.Month, ct) is { } done)
            return Conflict(done);
        var scheme = await SchemeService.InForceAsync(db, form.Year, ct);
        if (scheme is null) return Invalid("", t["Ranking.Error.NoScheme", form.Year]);
        var item = SchemeService.Deserialize(scheme.Configuration).Items.FirstOrDefault(i => i.Code == form.Item?.Trim());
        if (item is null) return Invalid(nameof(form.Item), t["Ranking.Error.UnknownItem", form.Item ?? ""]);
        if (form.Times is < 0 or > MaxTimes) return Invalid(nameof(form.Times), t["Ranking.Error.Times", 0, MaxTimes]);
        var reason = form.Reason?.Trim() ?? "";
        if (form.Times > 0 && reason.Length == 0) return Invalid(nameof(form.Reason), t["Ranking.Error.Reason"]);
        if (reason.Length > 500) return Invalid(nameof(form.Reason), t["Ranking.Error.ReasonLength", 500]);
        if (!await db.Units.AnyAsync(u => u.Id == form.UnitId && u.IsActive, ct)) return CommandResult.Fail(CommandOutcome.NotFound, nameof(form.UnitId), t["Ranking.Error.Unit"]);

        var row = await db.RankingAdjustments.SingleOrDefaultAsync(a => a.Year == form.Year && a.Month == form.Month && a.UnitId == form.UnitId && a.ItemCode == item.Code, ct);
        if ((row?.Version ?? 0) != form.Version) return CommandResult.Fail(CommandOutcome.Stale, "", t["Stale"]);
        if (row is null && form.Times == 0) return CommandResult.Success(0, 0);
        if (row is null)
            db.RankingAdjustments.Add(row = new RankingAdjustment { Year = form.Year, Month = form.Month, UnitId = form.UnitId, ItemCode = item.Code, Reason = reason, Version = 1 });
        else if (form.Times == 0) db.RankingAdjustments.Remove(row);
        else db.Entry(row).Property(a => a.Version).OriginalValue = form.Version;
        row.Times = form.Times;
        row.Reason = reason.Length == 0 ? row.Reason : reason;
        row.UpdatedBy = actor.UserName;
        row.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
            return CommandResult.Success(row.Id, row.Version);
        }
        catch (DbUpdateException) { return CommandResult.Fail(CommandOutcome.Stale, "", t["Stale"]); }
        catch (InvalidTextException e) { return Invalid(e.Field, e.Message); }
    }

    /// <summary>The .xlsx of a ranking: one row a unit, per indicator its actual, target, completion and score.</summary>
    public async Task<ExportFile> ExportAsync(RankingView view, CancellationToken ct = default)
    {
        await audit.WriteAsync("Export", nameof(PublishedRanking), Key(view.Year, view.Month),
            details: AdminGuard.Serialize(new { view.Year, view.Month, view.Published, rows = view.Rows.Count }), ct: ct);
        var columns = new List<ExportColumn<RankingRow>>
        {
            ExportColumn<RankingRow>.Count(t["Ranking.Rank"], r => r.Rank),
            ExportColumn<RankingRow>.Text(t["Ranking.Unit"], r => r.UnitName),
        };
        foreach (var (indicator, i) in view.Indicators.Select((x, i) => (x, i)))
        {
            columns.Add(ExportColumn<RankingRow>.Number($"{indicator.Name}{t["Ranking.Actual"]}", r => r.Cells[i].Actual));
            columns.Add(ExportColumn<RankingRow>.Number($"{indicator.Name}{t["Ranking.Target"]}", r => r.Cells[i].Target));
            columns.Add(ExportColumn<RankingRow>.Percent($"{indicator.Name}{t["Ranking.Completion"]}", r => r.Cells[i].CompletionPercent));
            columns.Add(ExportColumn<RankingRow>.Number($"{indicator.Name}{t["Ranking.Score"]}", r => Shown(r.Cells[i].Score)));
        }
        columns.Add(ExportColumn<RankingRow>.Number(t["Ranking.Bonus"], r => r.Bonus));
        columns.Add(ExportColumn<RankingRow>.Number(t["Ranking.Deduction"], r => r.Deduction));
        columns.Add(ExportColumn<RankingRow>.Number(t["Ranking.Total"], r => r.RoundedTotal));
        var stamp = ExportFile.Stamp(clock);
        var kind = view.Published ? "" : "-草稿";
        return ExportFile.Xlsx($"考核排名-{view.Year}年{view.Month}月{kind}-{stamp}", $"ranking-{view.Year}{view.Month:00}{(view.Published ? "" : "-draft")}-{stamp}",
            ExportSheet.Of("考核排名", view.Rows, [.. columns]));
    }

    public static decimal? Shown(decimal? value) => value is { } v ? AssessmentScoring.RoundHalfUp(v) : null;

    /// <summary>The inputs as they are now: each active unit's actual and target per indicator and its items for the month.</summary>
    private async Task<(RankingSnapshot Snapshot, List<string> Missing)> SnapshotAsync(AppDbContext db, int year, int month, SchemeVersion scheme, CancellationToken ct)
    {
        var config = SchemeService.Deserialize(scheme.Configuration);
        var query = new IndicatorQuery(db, year, month, statistics.Value);
        var actuals = new Dictionary<string, IReadOnlyDictionary<int, decimal>>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var indicator in config.Indicators)
        {
            if (sources.FirstOrDefault(s => s.Code == indicator.Code) is { } source) actuals[indicator.Code] = await source.ActualsAsync(query, ct);
            else
            {
                actuals[indicator.Code] = new Dictionary<int, decimal>();
                missing.Add(t["Scheme.Error.NoSource", schemes.IndicatorName(indicator.Code)]);
            }
        }
        var targets = (await db.AnnualTargets.AsNoTracking().Where(x => x.Year == year && x.UnitId != null).ToListAsync(ct))
            .ToDictionary(x => (x.UnitId!.Value, x.Indicator), x => x.Value);
        var entries = (await db.RankingAdjustments.AsNoTracking().Where(a => a.Year == year && a.Month == month && a.Times > 0).OrderBy(a => a.ItemCode).ToListAsync(ct))
            .ToLookup(a => a.UnitId);
        var units = await db.Units.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.SortOrder).ThenBy(u => u.Code)
            .Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct);
        var frozen = units.Select(u => new SnapshotUnit(u.Id, u.Code, u.Name,
            [.. config.Indicators.Select(i => new IndicatorFigure(i.Code, actuals[i.Code].GetValueOrDefault(u.Id), TargetOf(i, u.Id)))],
            [.. entries[u.Id].Select(a => new SnapshotAdjustment(a.ItemCode, a.Times, a.Reason))])).ToList();
        // Whole milliseconds: PostgreSQL keeps microseconds, so the moment read back equals the one answered at publication.
        var now = clock.GetUtcNow();
        var takenAt = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        return (new RankingSnapshot(year, month, scheme.Id, scheme.Number, scheme.PublishedAt, config, frozen, takenAt), missing);

        decimal? TargetOf(SchemeIndicatorConfig indicator, int unitId) =>
            AssessmentIndicators.AnnualTarget(indicator.Code) is { } annual
                ? targets.TryGetValue((unitId, annual), out var value) ? AssessmentFigures.FromStored(annual, value) : null
                : indicator.Target;
    }

    private static List<UnitAssessmentInput> Inputs(RankingSnapshot snapshot) =>
        [.. snapshot.Units.Select(u => new UnitAssessmentInput(u.Code, u.Figures, [.. u.Adjustments.Select(a => new UnitAdjustment(a.Item, a.Times))]))];

    private static Dictionary<string, string> Names(RankingSnapshot snapshot) => snapshot.Units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);

    /// <summary>The rows in the kernel's order (rank, then unit code; units without a total last); without scores, the snapshot's order.</summary>
    private RankingView View(RankingSnapshot snapshot, IReadOnlyList<UnitScore> scores, IReadOnlyList<IndicatorBounds> bounds, IReadOnlyList<string> problems, PublishedRanking? row)
    {
        var byCode = snapshot.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var ordered = scores.Count > 0 ? scores.Select(s => (Unit: byCode[s.UnitCode], Score: (UnitScore?)s)) : snapshot.Units.Select(u => (Unit: u, Score: (UnitScore?)null));
        var rows = ordered.Select(p => new RankingRow(p.Unit.UnitId, p.Unit.Code, p.Unit.Name,
            [.. snapshot.Scheme.Indicators.Select(i => Cell(i.Code, p.Unit, p.Score))], p.Unit.Adjustments,
            p.Score?.Bonus ?? 0, p.Score?.Deduction ?? 0, p.Score?.Total, p.Score?.RoundedTotal, p.Score?.Rank)).ToList();
        var indicators = snapshot.Scheme.Indicators.Select(i =>
        {
            var b = bounds.FirstOrDefault(x => x.Indicator == i.Code);
            return new RankingIndicator(i.Code, schemes.IndicatorName(i.Code), i.Weight, i.Method, b?.Ceiling, b?.Floor);
        }).ToList();
        return new RankingView(snapshot.Year, snapshot.Month, row is not null, row?.PublishedAt, row?.PublishedBy, snapshot.SchemeId, snapshot.SchemeNumber,
            indicators, rows, problems);
    }

    private static RankingCell Cell(string indicator, SnapshotUnit unit, UnitScore? score)
    {
        var figure = unit.Figures.First(f => f.Indicator == indicator);
        var scored = score?.Indicators.FirstOrDefault(s => s.Indicator == indicator);
        decimal? completion = figure.Target is > 0 ? AssessmentScoring.RoundHalfUp(figure.Actual * 100m / figure.Target.Value) : null;
        return new RankingCell(indicator, figure.Actual, figure.Target, completion, scored?.Score, scored?.WeightUsed);
    }

    private static bool ValidPeriod(int year, int month) => year is >= SchemeService.MinYear and <= SchemeService.MaxYear && month is >= 1 and <= 12;

    private static string Key(int year, int month) => string.Create(CultureInfo.InvariantCulture, $"{year}-{month:00}");

    private CommandResult Conflict(PublishedRanking done) =>
        CommandResult.Fail(CommandOutcome.Stale, "", t["Ranking.Error.Published", done.Year, done.Month, done.PublishedBy,
            done.PublishedAt.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)]);

    private static CommandResult Invalid(string field, string message) => CommandResult.Fail(CommandOutcome.Invalid, field, message);
}
