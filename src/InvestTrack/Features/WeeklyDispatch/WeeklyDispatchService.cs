using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Units;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.WeeklyDispatch;

/// <summary>
/// A unit's weekly dispatch (周调度): the form prefilled from the progress log, draft saves, the submission (each project's
/// progress written to the log once, each problem to the problem list), and the city's return for correction. The unit
/// is checked against the acting user's scope (a foreign unit answers as a missing one); each command saves in one
/// transaction, so the unit guard, the audit trail and the version check cover it.
/// </summary>
public sealed class WeeklyDispatchService(
    IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<WeeklyDispatchResource> t,
    IOptions<WeeklyDispatchOptions> options, TimeProvider clock)
{
    public const int MaxText = 2000;

    /// <summary>The units that submit a dispatch: counties, districts and zones (not the city itself, not departments).</summary>
    public static readonly UnitKind[] SubmittingKinds = [UnitKind.County, UnitKind.Zone];

    public bool CanEdit => actor.Can(Operation.EditRecords);
    public bool CanSupervise => actor.Can(Operation.SuperviseDispatch);
    public WeeklyDispatchWeek CurrentWeek => WeeklyDispatchWeek.Current(clock);
    public WeeklyDispatchOptions Options => options.Value;

    /// <summary>Why a week cannot be reported: a future week, or one before the product's records start; null when it can.</summary>
    public string? WeekProblem(WeeklyDispatchWeek week)
    {
        if (week > CurrentWeek) return t["Error.FutureWeek", week.Label(), CurrentWeek.Label()];
        if (week < Options.FirstWeek) return t["Error.WeekTooEarly", week.Label(), Options.FirstWeek.Label()];
        return null;
    }

    /// <summary>The message for a week that is not written like 2026-W50.</summary>
    public string WeekFormatProblem => t["Error.WeekFormat", CurrentWeek.ToString()];

    /// <summary>The submitting units the user may see, in the units' order.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> UnitsAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        return await SubmittingUnits(db).Select(u => new ValueTuple<int, string>(u.Id, u.Name)).ToListAsync(ct);
    }

    internal IQueryable<Unit> SubmittingUnits(AppDbContext db)
    {
        var scope = actor.UnitScope;
        var ids = scope.UnitIdArray;
        return db.Units.AsNoTracking().Where(u => u.IsActive && SubmittingKinds.Contains(u.Kind) && (scope.All || ids.Contains(u.Id)))
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Id);
    }

    /// <summary>The stored dispatch, or the prefilled form; null when the unit is not a submitting unit in scope.</summary>
    public async Task<WeeklyDispatchView?> ViewAsync(int unitId, WeeklyDispatchWeek week, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var unit = await SubmittingUnits(db).Where(u => u.Id == unitId).Select(u => new { u.Id, u.Name }).SingleOrDefaultAsync(ct);
        if (unit is null) return null;
        var record = await db.WeeklyDispatches.AsNoTracking().SingleOrDefaultAsync(d => d.UnitId == unitId && d.WeekStart == week.Monday, ct);
        return await ViewOfAsync(db, unit.Id, unit.Name, week, record, ct);
    }

    public async Task<WeeklyDispatchView?> ViewAsync(int id, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var record = await db.WeeklyDispatches.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (record is null) return null;
        var name = await db.Units.Where(u => u.Id == record.UnitId).Select(u => u.Name).SingleAsync(ct);
        return await ViewOfAsync(db, record.UnitId, name, WeeklyDispatchWeek.Containing(record.WeekStart), record, ct);
    }

    private async Task<WeeklyDispatchView> ViewOfAsync(AppDbContext db, int unitId, string unitName, WeeklyDispatchWeek week, WeeklyDispatchRecord? record, CancellationToken ct)
    {
        var items = new List<WeeklyDispatchItemView>();
        var editable = record is null || record.Status != WeeklyDispatchStatus.Submitted;
        if (record is not null)
        {
            // The record was read through the unit filter; its items are read by its id with the filters off (a project
            // moved to another unit since stays named in the dispatch it was reported in).
            items.AddRange(await (from i in db.WeeklyDispatchItems.IgnoreQueryFilters().AsNoTracking()
                                  join p in db.Projects.IgnoreQueryFilters() on i.ProjectId equals p.Id
                                  where i.DispatchId == record.Id
                                  orderby p.Code
                                  select new WeeklyDispatchItemView(p.Id, p.Code, p.Name, i.Progress, i.Problems, i.NextStep, false)).ToListAsync(ct));
        }
        if (editable)
        {
            // A draft also lists the active projects it has no lines for yet, prefilled from the log.
            var have = items.Select(i => i.ProjectId).ToList();
            var projects = await ActiveProjects(db, unitId).Where(p => !have.Contains(p.Id)).OrderBy(p => p.Code)
                .Select(p => new ProjectKey(p.Id, p.Code, p.Name)).ToListAsync(ct);
            var prefill = await PrefillAsync(db, unitId, week, [.. projects.Select(p => p.Id)], ct);
            items.AddRange(projects.Select(p =>
            {
                var f = prefill.GetValueOrDefault(p.Id);
                return new WeeklyDispatchItemView(p.Id, p.Code, p.Name, f?.Progress, f?.Problems, f?.NextStep, true);
            }));
            items.Sort((a, b) => string.CompareOrdinal(a.ProjectCode, b.ProjectCode));
        }
        return new WeeklyDispatchView(record?.Id, unitId, unitName, week.ToString(), week.Label(), week.Monday, record?.Status, record?.Late ?? false,
            record?.SubmittedAt, record?.SubmittedBy, record?.ReturnReason, Options.DeadlineOf(week), !editable || !CanEdit, items, record?.Version ?? 0);
    }

    private sealed record ProjectKey(int Id, string Code, string Name);

    /// <summary>The unit's projects under way: neither dropped (终止) nor in production (投产).</summary>
    private static IQueryable<Project> ActiveProjects(AppDbContext db, int unitId) =>
        db.Projects.AsNoTracking().Where(p => p.UnitId == unitId && p.Status != ProjectStatus.Dropped && p.Stage != ProjectStage.InProduction);

    internal sealed record Prefill(string? Progress, string? Problems, string? NextStep);

    /// <summary>
    /// What the progress log holds since the unit's last submitted dispatch (or since this week's Monday when it has none)
    /// up to this week's Sunday, per project; entries a dispatch wrote itself are left out.
    /// </summary>
    internal static async Task<Dictionary<int, Prefill>> PrefillAsync(AppDbContext db, int unitId, WeeklyDispatchWeek week, IReadOnlyList<int> projectIds, CancellationToken ct)
    {
        if (projectIds.Count == 0) return [];
        var last = await db.WeeklyDispatches.AsNoTracking()
            .Where(d => d.UnitId == unitId && d.SubmittedAt != null && d.WeekStart < week.Monday)
            .MaxAsync(d => (DateOnly?)d.WeekStart, ct);
        var since = last is { } l ? l.AddDays(7) : week.Monday;
        var ids = projectIds.ToList();
        var entries = await db.ProgressEntries.AsNoTracking()
            .Where(e => ids.Contains(e.ProjectId) && e.OccurredOn >= since && e.OccurredOn <= week.Sunday
                && !db.WeeklyDispatchItems.Any(i => i.ProgressEntryId == e.Id))
            .OrderBy(e => e.OccurredOn).ThenBy(e => e.Id)
            .Select(e => new { e.ProjectId, e.OccurredOn, e.WhatHappened, e.Problems, e.NextStep })
            .ToListAsync(ct);
        return entries.GroupBy(e => e.ProjectId).ToDictionary(g => g.Key, g =>
        {
            var list = g.ToList();
            var progress = list.Count == 1
                ? list[0].WhatHappened
                : string.Join("\n", list.Select(e => $"{e.OccurredOn.Month}月{e.OccurredOn.Day}日：{e.WhatHappened}"));
            var problems = string.Join("\n", list.Select(e => e.Problems).Where(p => !string.IsNullOrWhiteSpace(p)).Distinct());
            var next = list.Select(e => e.NextStep).LastOrDefault(n => !string.IsNullOrWhiteSpace(n));
            return new Prefill(progress, problems.Length == 0 ? null : problems, next);
        });
    }

    public Task<CommandResult> SaveDraftAsync(int unitId, WeeklyDispatchWeek week, WeeklyDispatchForm form, CancellationToken ct = default) =>
        SaveAsync(unitId, week, form, submit: false, ct);

    public Task<CommandResult> SubmitAsync(int unitId, WeeklyDispatchWeek week, WeeklyDispatchForm form, CancellationToken ct = default) =>
        SaveAsync(unitId, week, form, submit: true, ct);

    private async Task<CommandResult> SaveAsync(int unitId, WeeklyDispatchWeek week, WeeklyDispatchForm form, bool submit, CancellationToken ct)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, nameof(WeeklyDispatchRecord));
        await using var db = dbFactory.CreateDbContext();
        if (!await SubmittingUnits(db).AnyAsync(u => u.Id == unitId, ct)) return NotFound();
        if (WeekProblem(week) is { } weekProblem) return CommandResult.Fail(CommandOutcome.Invalid, "Week", weekProblem);

        var record = await db.WeeklyDispatches.SingleOrDefaultAsync(d => d.UnitId == unitId && d.WeekStart == week.Monday, ct);
        if (record is null && form.Version != 0) return Stale();
        if (record is not null)
        {
            if (record.Status == WeeklyDispatchStatus.Submitted) return CommandResult.Fail(CommandOutcome.Invalid, "", t["Error.Submitted"]);
            if (record.Version != form.Version) return Stale();
            db.Entry(record).Property(d => d.Version).OriginalValue = form.Version;
        }

        var active = await ActiveProjects(db, unitId).Select(p => p.Id).ToListAsync(ct);
        var errors = new Dictionary<string, string[]>();
        var lines = new List<WeeklyDispatchItemForm>();
        for (var i = 0; i < form.Items.Count; i++)
        {
            var item = form.Items[i];
            var key = $"Items[{i}]";
            if (!active.Contains(item.ProjectId)) { errors[$"{key}.ProjectId"] = [t["Error.NotActiveProject"]]; continue; }
            if (lines.Any(l => l.ProjectId == item.ProjectId)) { errors[$"{key}.ProjectId"] = [t["Error.ProjectTwice"]]; continue; }
            var line = new WeeklyDispatchItemForm
            {
                ProjectId = item.ProjectId, Progress = ProjectRules.Clean(item.Progress), Problems = ProjectRules.Clean(item.Problems), NextStep = ProjectRules.Clean(item.NextStep),
            };
            foreach (var (field, value) in new[] { ("Progress", line.Progress), ("Problems", line.Problems), ("NextStep", line.NextStep) })
                if (TextProblem(value, MaxText) is { } problem) errors[$"{key}.{field}"] = [problem];
            lines.Add(line);
        }
        if (submit && lines.All(l => l.Progress is null && l.Problems is null && l.NextStep is null) && active.Count > 0)
            errors[""] = [t["Error.Empty"]];
        if (errors.Count > 0) return new CommandResult(CommandOutcome.Invalid, errors);

        var now = clock.GetUtcNow();
        var firstSubmission = false;
        if (record is null)
        {
            // Version 1 on insert: 0 means "not saved yet" to the client, so two first saves cannot both pass.
            record = new WeeklyDispatchRecord { UnitId = unitId, WeekStart = week.Monday, Status = WeeklyDispatchStatus.Draft, CreatedAt = now, Version = 1 };
            db.WeeklyDispatches.Add(record);
        }
        record.UpdatedAt = now;
        if (submit)
        {
            firstSubmission = record.SubmittedAt is null;
            record.Status = WeeklyDispatchStatus.Submitted;
            record.ReturnReason = null;
            if (firstSubmission)
            {
                record.SubmittedAt = now;
                record.Late = now > Options.DeadlineOf(week);
                record.SubmittedBy = DisplayName;
            }
        }

        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            var existing = await db.WeeklyDispatchItems.Where(i => i.DispatchId == record.Id).ToListAsync(ct);
            foreach (var gone in existing.Where(e => lines.All(l => l.ProjectId != e.ProjectId))) db.WeeklyDispatchItems.Remove(gone);
            var items = new List<WeeklyDispatchItem>();
            foreach (var line in lines)
            {
                var item = existing.SingleOrDefault(e => e.ProjectId == line.ProjectId);
                if (item is null) db.WeeklyDispatchItems.Add(item = new WeeklyDispatchItem { DispatchId = record.Id, ProjectId = line.ProjectId, UnitId = unitId });
                (item.Progress, item.Problems, item.NextStep) = (line.Progress, line.Problems, line.NextStep);
                items.Add(item);
            }
            if (submit) await RecordSubmissionAsync(db, record, week, items, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return CommandResult.Success(record.Id, record.Version);
        }
        catch (DbUpdateConcurrencyException) { return Stale(); }
        catch (OutOfScopeException) { return NotFound(); }
        catch (InvalidTextException e) { return CommandResult.Fail(CommandOutcome.Invalid, e.Field, e.Message); }
        catch (DbUpdateException) { return Stale(); } // the same unit and week saved at the same moment by someone else
    }

    /// <summary>
    /// Writes each project's progress to the log (so the log and the no-progress rule see it) unless the text is just what
    /// the log already holds (the prefill, unchanged); a correction after a return rewrites the entry it wrote before.
    /// Each problem becomes a problem-list record; a corrected one that nobody has taken up yet is rewritten.
    /// </summary>
    private async Task RecordSubmissionAsync(AppDbContext db, WeeklyDispatchRecord record, WeeklyDispatchWeek week, List<WeeklyDispatchItem> items, CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        var occurredOn = week.Sunday < today ? week.Sunday : today;
        var prefill = await PrefillAsync(db, record.UnitId, week, [.. items.Select(i => i.ProjectId)], ct);
        var written = new List<(WeeklyDispatchItem Item, ProgressEntry Entry)>();
        var entryIds = items.Where(i => i.ProgressEntryId != null).Select(i => i.ProgressEntryId!.Value).ToList();
        var entries = await db.ProgressEntries.Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        foreach (var item in items)
        {
            var entry = item.ProgressEntryId is { } id ? entries.GetValueOrDefault(id) : null;
            if (item.Progress is null || (entry is null && item.Progress == prefill.GetValueOrDefault(item.ProjectId)?.Progress))
            {
                if (entry is not null) { db.ProgressEntries.Remove(entry); item.ProgressEntryId = null; }
                continue;
            }
            if (entry is null)
            {
                entry = new ProgressEntry { ProjectId = item.ProjectId, UnitId = record.UnitId, WhatHappened = "", CreatedAt = clock.GetUtcNow() };
                db.ProgressEntries.Add(entry);
                written.Add((item, entry));
            }
            entry.OccurredOn = occurredOn;
            entry.WhatHappened = item.Progress;
            entry.Problems = item.Problems;
            entry.NextStep = item.NextStep;
            entry.AuthorName = DisplayName;
        }

        var problems = await db.CoordinationProblems.Where(p => p.DispatchId == record.Id).ToListAsync(ct);
        foreach (var item in items.Where(i => i.Problems is not null))
        {
            var problem = problems.FirstOrDefault(p => p.ProjectId == item.ProjectId);
            if (problem is null)
                db.CoordinationProblems.Add(new CoordinationProblem
                {
                    UnitId = record.UnitId, ProjectId = item.ProjectId, DispatchId = record.Id, RaisedWeek = week.Monday, Text = item.Problems!,
                    Status = CoordinationProblemStatus.Open, CreatedAt = clock.GetUtcNow(), Version = 1,
                });
            else if (problem.AssignedUnitId is null && problem.Text != item.Problems) problem.Text = item.Problems!;
        }
        await db.SaveChangesAsync(ct);
        foreach (var (item, entry) in written) item.ProgressEntryId = entry.Id;
    }

    /// <summary>The city returns a submitted dispatch for correction with a reason; the unit corrects and submits again.</summary>
    public async Task<CommandResult> ReturnAsync(int id, WeeklyDispatchReturnForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.SuperviseDispatch, nameof(WeeklyDispatchRecord), id.ToString(CultureInfo.InvariantCulture));
        await using var db = dbFactory.CreateDbContext();
        var record = await db.WeeklyDispatches.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (record is null) return NotFound();
        if (record.Version != form.Version) return Stale();
        db.Entry(record).Property(d => d.Version).OriginalValue = form.Version;
        var reason = ProjectRules.Clean(form.Reason);
        if (record.Status != WeeklyDispatchStatus.Submitted) return CommandResult.Fail(CommandOutcome.Invalid, "", t["Error.NotSubmitted"]);
        if (reason is null) return CommandResult.Fail(CommandOutcome.Invalid, nameof(form.Reason), t["Error.ReasonRequired"]);
        if (TextProblem(reason, 500) is { } problem) return CommandResult.Fail(CommandOutcome.Invalid, nameof(form.Reason), problem);
        record.Status = WeeklyDispatchStatus.Returned;
        record.ReturnReason = reason;
        record.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
            return CommandResult.Success(record.Id, record.Version);
        }
        catch (DbUpdateConcurrencyException) { return Stale(); }
    }

    /// <summary>Too long, or text the store refuses (docs/decisions/0008-text-input.md); null when it may be saved.</summary>
    internal string? TextProblem(string? value, int max) =>
        value is null ? null
        : value.Length > max ? t["Error.TooLong", max]
        : TextInput.ProblemOf(value, max) is { } key ? SharedResource.Text(key) : null;

    private string? DisplayName => actor.Principal.FindFirst(AppClaims.DisplayName)?.Value ?? actor.UserName;

    private CommandResult NotFound() => CommandResult.Fail(CommandOutcome.NotFound, "", t["Error.NotFound"]);

    private CommandResult Stale() => CommandResult.Fail(CommandOutcome.Stale, "", t["Error.Stale"]);
}
