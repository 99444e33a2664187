using System.Diagnostics;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Leads;
using InvestTrack.Features.NodePlans;
using InvestTrack.Features.Supervision;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Warnings;

/// <summary>What a run did: its 旬 and the shown colours counted over every subject.</summary>
public sealed record WarningRunSummary(string Xun, string Label, int Red, int Yellow, int Green, int Projects, int Units, int Leads, long DurationMs);

/// <summary>A run refused before it started: the 旬 has not ended yet.</summary>
public sealed class WarningRunRefused(string message) : Exception(message);

/// <summary>
/// 旬预警 run: the five rules (as configured) over every project, unit and lead, as the records stood at the 旬's end;
/// stores each subject's raw and shown colour with every rule's facts, replacing the 旬's earlier results in one
/// transaction (a failed run leaves them as they were), then hands the summaries to the notifications, which deliver
/// later through the outbox (never inside the run). Safe to call from a scheduled job: it makes its own scope and acts
/// as the system operator under the given name; it reads no HttpContext.
/// </summary>
public sealed class WarningRunService(IServiceScopeFactory scopes, TimeProvider clock, ILogger<WarningRunService> log)
{
    /// <summary>The last 旬 that has ended by now (China time): what a scheduled run after a 旬's end runs.</summary>
    public Xun LastCompleteXun() => Xun.Containing(ChinaTime.Today(clock)).Previous;

    /// <summary>Whether the 旬 has ended (its records are read at 23:59:59 of its last day): only then may it run.</summary>
    public bool HasEnded(Xun xun) => xun.RecordsAsOf <= clock.GetUtcNow();

    public async Task<WarningRunSummary> RunAsync(Xun xun, string actor, CancellationToken ct = default)
    {
        if (!HasEnded(xun))
            throw new WarningRunRefused($"{xun.Label}尚未结束（{DisplayFormat.Date(xun.LastDay, System.Globalization.CultureInfo.GetCultureInfo("zh-CN"))} 24时结束），不能运行预警。");
        var watch = Stopwatch.StartNew();
        var startedAt = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<CurrentUser>().SetSystem(actor);
        await using var db = services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var (options, _) = await WarningSettingsStore.LoadAsync(db, ct);
        var key = xun.ToString();
        var previousKey = xun.Previous.ToString();
        // Only a red previous colour changes the shown one (WarningColours.Shown): green and "new" start from the raw colour.
        var previousRed = (await db.WarningItems.AsNoTracking().Where(i => i.Xun == previousKey && i.Shown == WarningColour.Red)
            .Select(i => new { i.Kind, i.SubjectId, i.UnitId }).ToListAsync(ct)).ToDictionary(i => (i.Kind, i.SubjectId), i => i.UnitId);

        var context = new WarningContext(xun, new WorkingCalendar(await db.HolidayDates.AsNoTracking().ToListAsync(ct)));
        var projects = await WarningFactsLoader.ProjectsAsync(db, services.GetRequiredService<PlanService>(), xun, ct);
        var units = await WarningFactsLoader.UnitsAsync(db, xun, ct);
        var leads = await WarningFactsLoader.LeadsAsync(db, xun, ct);
        var loaded = watch.ElapsedMilliseconds;

        var items = new List<WarningItem>(projects.Count + units.Count + leads.Count);
        var results = new List<WarningRuleResult>(projects.Count * 3);
        Assess(WarningKind.Project, projects, DefaultRules.ForProjects(options));
        Assess(WarningKind.Unit, units, DefaultRules.ForUnits(options));
        Assess(WarningKind.Lead, leads, DefaultRules.ForLeads(options));
        // A subject shown red last 旬 that no rule is about any more (its clocks met, its target removed) is still shown
        // yellow for one 旬: the contract's "not yet for a whole 旬".
        var seen = items.Select(i => (i.Kind, i.SubjectId)).ToHashSet();
        foreach (var ((kind, id), unitId) in previousRed.Where(p => !seen.Contains(p.Key)))
            items.Add(new WarningItem { Xun = key, Kind = kind, SubjectId = id, UnitId = unitId, Raw = WarningColour.Green, Shown = WarningColour.Yellow, PreviousShown = WarningColour.Red });
        var evaluated = watch.ElapsedMilliseconds;

        var run = new WarningRun
        {
            Xun = key, StartedBy = actor, StartedAt = startedAt, OptionsJson = JsonSerializer.Serialize(options, WarningSettingsStore.Json),
            Red = items.Count(i => i.Shown == WarningColour.Red), Yellow = items.Count(i => i.Shown == WarningColour.Yellow),
            Green = items.Count(i => i.Shown == WarningColour.Green),
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.WarningRuleResults.Where(r => r.Xun == key).ExecuteDeleteAsync(ct);
            await db.WarningItems.Where(i => i.Xun == key).ExecuteDeleteAsync(ct);
            await db.WarningRuns.Where(r => r.Xun == key).ExecuteDeleteAsync(ct);
            await WriteAsync(db, items, ct);
            await WriteAsync(db, results, ct);
            run.FinishedAt = clock.GetUtcNow();
            run.DurationMs = watch.ElapsedMilliseconds;
            db.WarningRuns.Add(run);
            AuditCapture.Add(db, "Run", nameof(WarningRun), run.Xun, JsonSerializer.Serialize(new { run.Xun, run.Red, run.Yellow, run.Green, run.DurationMs }));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        log.LogInformation("warning run {Xun}: {Red} red, {Yellow} yellow, {Green} green; loaded in {Loaded} ms, evaluated in {Evaluated} ms, stored in {Total} ms",
            key, run.Red, run.Yellow, run.Green, loaded, evaluated - loaded, watch.ElapsedMilliseconds - evaluated);

        var summary = new WarningRunSummary(key, xun.Label, run.Red, run.Yellow, run.Green, projects.Count, units.Count, leads.Count, run.DurationMs);
        try
        {
            await services.GetRequiredService<WarningNotices>().SendAsync(xun, items, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The run is stored; a notice that cannot even be queued is logged, never the run's failure.
            log.LogError(e, "warning run {Xun}: the notices could not be queued", key);
        }
        return summary;

        void Assess<TFacts>(WarningKind kind, List<Subject<TFacts>> subjects, IReadOnlyList<IWarningRule<TFacts>> rules)
        {
            foreach (var s in subjects)
            {
                WarningColour? previous = previousRed.ContainsKey((kind, s.Id)) ? WarningColour.Red : null;
                var warning = Supervision.Warnings.Assess(s.Facts, rules, context, previous);
                if (warning.Results.Count == 0 && previous is null) continue; // not a subject of any rule
                items.Add(new WarningItem { Xun = key, Kind = kind, SubjectId = s.Id, UnitId = s.UnitId, Raw = warning.Raw, Shown = warning.Shown, PreviousShown = previous });
                foreach (var r in warning.Results)
                    results.Add(new WarningRuleResult
                    {
                        Xun = key, Kind = kind, SubjectId = s.Id, UnitId = s.UnitId, RuleId = r.RuleId, Colour = r.Colour,
                        Item = r.Facts.Item, Date = r.Facts.Date, Days = r.Facts.Days, WorkingDaysLeft = r.Facts.WorkingDaysLeft, Months = r.Facts.Months,
                        Actual = r.Facts.Actual, Target = r.Facts.Target, Completion = Stored(r.Facts.Completion), Pace = Stored(r.Facts.Pace),
                    });
            }
        }
    }

    /// <summary>Ratios kept to ten decimals (the column's scale), so that a rerun stores exactly what the first run did.</summary>
    private static decimal? Stored(decimal? ratio) => ratio is { } r ? Math.Round(r, 10, MidpointRounding.AwayFromZero) : null;

    /// <summary>Binary COPY on PostgreSQL (inside the run's transaction); SQLite, a small city's database, through EF Core.</summary>
    private static async Task WriteAsync<T>(AppDbContext db, List<T> rows, CancellationToken ct) where T : class
    {
        if (db.Database.IsNpgsql())
        {
            await BulkInsert.InsertAsync(db, rows, ct);
            return;
        }
        foreach (var chunk in rows.Chunk(5_000))
        {
            db.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
