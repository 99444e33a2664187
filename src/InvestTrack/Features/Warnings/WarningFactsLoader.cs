using InvestTrack.Data;
using InvestTrack.Features.Leads;
using InvestTrack.Features.NodePlans;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Supervision;
using InvestTrack.Features.Targets;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Warnings;

/// <summary>A subject of a run with its unit: the kernel's facts and where the warning belongs.</summary>
public sealed record Subject<TFacts>(int Id, int UnitId, TFacts Facts);

/// <summary>
/// The facts of every project, unit and lead as they stood at the 旬's end (<see cref="Xun.RecordsAsOf"/>), each kind in a
/// few set-based queries over the whole city (no query per project): a province of 200 000 projects is read in seconds.
/// What "as they stood" means here (docs/supervision.md, As implemented): a project or progress entry entered after the
/// 旬's end is left out; a project changed since then takes its stage and status from its last stage change up to the end;
/// dates after the end count as not yet happened (the rules see to that).
/// </summary>
public static class WarningFactsLoader
{
    public static async Task<List<Subject<ProjectWarningFacts>>> ProjectsAsync(AppDbContext db, PlanService plans, Xun xun, CancellationToken ct)
    {
        // Moments are compared in SQL text that both providers run (SQLite cannot compare a DateTimeOffset in LINQ; every
        // moment is stored in UTC, as text of one fixed format there): the parameter is UTC too.
        var asOf = xun.RecordsAsOf.ToUniversalTime();
        var end = xun.LastDay;
        var projects = await db.Projects.FromSql($"SELECT * FROM \"Projects\" WHERE \"CreatedAt\" <= {asOf}").AsNoTracking()
            .Select(p => new { p.Id, p.UnitId, p.Stage, p.Status, p.SigningKind, p.SignedOn, p.StartedOn, p.CreatedAt, p.UpdatedAt })
            .ToListAsync(ct);

        // The stage and status at the end, for the projects changed since: their last change up to it (on Beijing's clock).
        var changed = projects.Where(p => p.UpdatedAt > asOf).Select(p => p.Id).ToList();
        var endBeijing = end.ToDateTime(new TimeOnly(23, 59, 59));
        var changes = changed.Count == 0 ? [] : await db.StageChanges.AsNoTracking()
            .Where(c => changed.Contains(c.ProjectId) && c.ChangedAtBeijing <= endBeijing)
            .OrderBy(c => c.ProjectId).ThenBy(c => c.ChangedAtBeijing).ThenBy(c => c.Id)
            .Select(c => new { c.ProjectId, c.ToStage, c.ToStatus }).ToListAsync(ct);
        var stageAtEnd = new Dictionary<int, (ProjectStage, ProjectStatus)>();
        foreach (var c in changes) stageAtEnd[c.ProjectId] = (c.ToStage, c.ToStatus);

        var lastProgress = await db.ProgressEntries.FromSql($"SELECT * FROM \"ProgressEntries\" WHERE \"CreatedAt\" <= {asOf}").AsNoTracking()
            .Where(e => e.OccurredOn <= end)
            .GroupBy(e => e.ProjectId).Select(g => new { g.Key, Last = g.Max(e => e.OccurredOn) })
            .ToDictionaryAsync(g => g.Key, g => g.Last, ct);

        // The node plans through the plan feature's own reading (steps closed from the project's dates and milestones).
        var steps = new Dictionary<int, IReadOnlyList<PlanStepFact>>();
        await foreach (var plan in plans.AllFactsAsync(ct)) steps[plan.ProjectId] = plan.Steps;

        return [.. projects.Select(p =>
        {
            var (stage, status) = p.UpdatedAt > asOf && stageAtEnd.TryGetValue(p.Id, out var then) ? then : (p.Stage, p.Status);
            return new Subject<ProjectWarningFacts>(p.Id, p.UnitId, new ProjectWarningFacts(
                stage, status, p.SigningKind, p.SignedOn, p.StartedOn,
                lastProgress.TryGetValue(p.Id, out var last) ? last : null, ChinaTime.DateOf(p.CreatedAt), steps.GetValueOrDefault(p.Id)));
        })];
    }

    /// <summary>
    /// Units with an annual funds target of the 旬's year; the actual for months 1 to M is the statistics module's
    /// (<see cref="TargetActuals"/>: audited funds of every source), never counted a second way here. None in January (M = 0).
    /// </summary>
    public static async Task<List<Subject<UnitPaceFacts>>> UnitsAsync(AppDbContext db, Xun xun, CancellationToken ct)
    {
        var months = SupervisionPace.CompleteMonths(xun);
        var targets = await db.AnnualTargets.AsNoTracking()
            .Where(t => t.Year == xun.Year && t.Indicator == TargetIndicator.Funds && t.UnitId != null && t.Value > 0)
            .Select(t => new { UnitId = t.UnitId!.Value, t.Value }).ToListAsync(ct);
        if (months == 0 || targets.Count == 0) return [];
        var actuals = await TargetActuals.ByUnitAsync(db, xun.Year, months, ct);
        return [.. targets.Select(t => new Subject<UnitPaceFacts>(t.UnitId, t.UnitId, new UnitPaceFacts(
            Money.ToWan(t.Value), Money.ToWan(actuals.GetValueOrDefault(t.UnitId)?.GetValueOrDefault(TargetIndicator.Funds) ?? 0))))];
    }

    /// <summary>Leads with a clock started by the 旬's end and still open at it (met and stopped after the end count as open).</summary>
    public static async Task<List<Subject<LeadWarningFacts>>> LeadsAsync(AppDbContext db, Xun xun, CancellationToken ct)
    {
        var end = xun.LastDay;
        var clocks = await db.LeadClocks.AsNoTracking()
            .Where(c => c.StartedOn <= end && (c.MetOn == null || c.MetOn > end) && (c.StoppedOn == null || c.StoppedOn > end))
            .Select(c => new { c.LeadId, c.UnitId, c.Kind, c.DueOn, c.MetOn, c.StoppedOn }).ToListAsync(ct);
        return [.. clocks.GroupBy(c => c.LeadId).Select(g => new Subject<LeadWarningFacts>(g.Key, g.First().UnitId,
            new LeadWarningFacts([.. g.Select(c => new LeadClockFact(c.Kind, c.DueOn, c.MetOn, c.StoppedOn))])))];
    }
}
