using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.NodePlans;

/// <summary>
/// The plan templates: everyone who reads records reads them; city staff (Operation.ManagePlans) create and replace
/// them. A change applies to plans made after it; existing plans keep their steps.
/// </summary>
public sealed class PlanTemplates(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<NodePlanResource> t, TimeProvider clock)
{
    public bool CanManage => actor.Can(Operation.ManagePlans);

    public async Task<IReadOnlyList<TemplateView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var templates = await db.PlanTemplates.AsNoTracking().OrderBy(x => x.ProjectType).ToListAsync(ct);
        var steps = (await db.PlanTemplateSteps.AsNoTracking().OrderBy(s => s.Number).ToListAsync(ct)).ToLookup(s => s.TemplateId);
        return [.. templates.Select(x => new TemplateView(x.Id, x.ProjectType, x.Name,
            [.. steps[x.Id].Select(s => new TemplateStepForm(s.Number, s.Name, s.DurationDays, s.Responsible, PlanSchedule.ParseFollows(s.Follows)))], x.Version))];
    }

    /// <summary>Creates (version 0) or replaces the template of a project type: <see cref="PlanTemplate.DefaultType"/> or a section letter.</summary>
    public async Task<CommandResult> SaveAsync(string projectType, TemplateForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManagePlans, nameof(PlanTemplate), projectType);
        await using var db = dbFactory.CreateDbContext();
        var type = projectType.Trim();
        if (type != PlanTemplate.DefaultType)
        {
            type = type.ToUpperInvariant();
            if (!await db.IndustrySections.AnyAsync(s => s.Code == type, ct)) return Invalid("ProjectType", t["Plan.Error.UnknownType", projectType]);
        }
        if (Check(form) is { } refused) return refused;

        var template = await db.PlanTemplates.SingleOrDefaultAsync(x => x.ProjectType == type, ct);
        if (template is null)
        {
            if (form.Version != 0) return Stale();
            db.PlanTemplates.Add(template = new PlanTemplate { ProjectType = type, Name = "", Version = 1 });
        }
        else
        {
            if (template.Version != form.Version) return Stale();
            db.Entry(template).Property(x => x.Version).OriginalValue = form.Version;
            db.PlanTemplateSteps.RemoveRange(await db.PlanTemplateSteps.Where(s => s.TemplateId == template.Id).ToListAsync(ct));
            template.Version++; // the steps are the template: a change of only them is a change of it
        }
        template.Name = form.Name!.Trim();
        template.UpdatedAt = clock.GetUtcNow();
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            db.PlanTemplateSteps.AddRange(form.Steps!.Select(s => new PlanTemplateStep
            {
                TemplateId = template.Id, Number = s.Number, Name = s.Name!.Trim(), DurationDays = s.DurationDays,
                Responsible = ProjectRules.Clean(s.Responsible), Follows = PlanSchedule.FormatFollows(s.Follows ?? []),
            }));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return CommandResult.Success(template.Id, template.Version);
        }
        catch (DbUpdateConcurrencyException) { return Stale(); }
        catch (DbUpdateException) { return Stale(); }
        catch (Kernel.InvalidTextException e) { return Invalid(e.Field, e.Message); }
    }

    /// <summary>Steps numbered 1…n, each named once, 0–3650 days, following only earlier steps (so the graph has no cycle).</summary>
    private CommandResult? Check(TemplateForm form)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);
        if (string.IsNullOrWhiteSpace(form.Name) || form.Name.Trim().Length > 100) Add(nameof(form.Name), t["Plan.Error.TemplateName"]);
        var steps = form.Steps ?? [];
        if (steps.Count is 0 or > 50) Add(nameof(form.Steps), t["Plan.Error.StepCount"]);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var field = $"Steps[{i}]";
            var name = s.Name?.Trim();
            if (s.Number != i + 1) Add(field, t["Plan.Error.StepNumber", i + 1]);
            if (string.IsNullOrEmpty(name) || name.Length > 50) Add(field, t["Plan.Error.StepName", i + 1]);
            else if (!names.Add(name)) Add(field, t["Plan.Error.StepNameTwice", name]);
            if (s.DurationDays is < 0 or > PlanSchedule.MaxDurationDays) Add(field, t["Plan.Error.Duration", i + 1, PlanSchedule.MaxDurationDays]);
            if ((s.Responsible?.Trim().Length ?? 0) > 100) Add(field, t["Plan.Error.TooLong", 100]);
            if ((s.Follows ?? []).Any(f => f < 1 || f >= s.Number)) Add(field, t["Plan.Error.Follows", i + 1]);
        }
        return errors.Count == 0 ? null : new CommandResult(CommandOutcome.Invalid, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    private static CommandResult Invalid(string field, string message) => CommandResult.Fail(CommandOutcome.Invalid, field, message);

    private CommandResult Stale() => CommandResult.Fail(CommandOutcome.Stale, "", t["Plan.Error.Stale"]);
}
