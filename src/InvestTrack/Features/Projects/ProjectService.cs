using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Projects;

/// <summary>
/// Every change of a project: create, update (and move, for city staff), stage change, milestones,
/// progress. Each command checks EditRecords here (leaders read only), reads through the unit filter (a
/// foreign project is "not found"), and saves once, so that the unit guard, the audit entries and the
/// version check cover the whole change.
/// </summary>
public sealed class ProjectService(
    IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<ProjectResource> p,
    IConfiguration configuration, TimeProvider clock)
{
    private const string ObjectType = nameof(Project);

    public bool CanEdit => actor.Can(Operation.EditRecords);

    /// <summary>Moving a project between units is an operation of its own in the matrix (city staff).</summary>
    public bool CanMove => actor.Can(Operation.MoveProjects);

    public IReadOnlyList<string> MilestoneKinds => ProjectRules.MilestoneKinds(configuration.GetSection("Projects:MilestoneKinds").Get<string[]>());

    /// <summary>Today in the city, from the app's clock: the latest date of something that happened (the pages' date pickers too).</summary>
    public DateOnly Today => ChinaTime.Today(clock);

    /// <summary>The city's code prefix (<see cref="ProjectCodes"/>).</summary>
    public string CodePrefix => ProjectCodes.Prefix(configuration);

    /// <summary>The code a new project gets when its code is left empty, as things stand now (the form shows it).</summary>
    public async Task<string> SuggestCodeAsync(CancellationToken ct = default)
    {
        await DemandEditAsync(null);
        await using var db = dbFactory.CreateDbContext();
        return await ProjectCodes.NextAsync(db, CodePrefix, Today.Year, ct);
    }

    /// <summary>
    /// A new project at the first stage. A code left empty gets the city's next code of the year; when another user takes
    /// the same code in the same instant, the next one is tried (a code typed by the user is never changed).
    /// </summary>
    public async Task<CommandResult> CreateAsync(ProjectForm form, CancellationToken ct = default)
    {
        await DemandEditAsync(null);
        var generate = Kernel.TextInput.Code(form.Code).Length == 0;
        for (var attempt = 1; ; attempt++)
        {
            var result = await CreateOnceAsync(form, generate, ct);
            if (!generate || attempt == 3 || result.Outcome != CommandOutcome.Invalid || !result.Errors.ContainsKey(nameof(ProjectForm.Code))) return result;
        }
    }

    private async Task<CommandResult> CreateOnceAsync(ProjectForm form, bool generateCode, CancellationToken ct)
    {
        await using var db = dbFactory.CreateDbContext();
        var project = new Project { Code = "", Name = "", Stage = ProjectStage.Lead, Status = ProjectStatus.Active };
        var errors = new Errors();
        var unitId = form.UnitId ?? 0;
        if (form.UnitId is null) errors.Add(nameof(form.UnitId), p["Error.Required"]);
        else if (!await UnitInScopeAsync(db, unitId, ct)) errors.NotFound(nameof(form.UnitId), p["Error.UnitNotFound"]);
        var code = generateCode ? await ProjectCodes.NextAsync(db, CodePrefix, Today.Year, ct) : null;
        await ApplyAsync(db, project, form, errors, industryChanged: true, ct, code);
        if (errors.Result() is { } refused) return refused;

        project.UnitId = unitId;
        project.CreatedAt = project.UpdatedAt = clock.GetUtcNow();
        db.Projects.Add(project);
        return await SaveAsync(db, project, ct, async () =>
        {
            // The first stage change needs the new id: a second save in the same transaction.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            db.StageChanges.Add(NewStageChange(project, null, ProjectStatus.Active, null));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
    }

    /// <summary>Saves the editable fields; refused when <see cref="ProjectForm.Version"/> is not the stored one.</summary>
    public async Task<CommandResult> UpdateAsync(int id, ProjectForm form, CancellationToken ct = default)
    {
        await DemandEditAsync(id);
        await using var db = dbFactory.CreateDbContext();
        var project = await db.Projects.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (project is null) return NotFound();
        if (project.Version != form.Version) return Stale();
        // The version the user read is what the UPDATE checks: a change saved in between is refused.
        db.Entry(project).Property(x => x.Version).OriginalValue = form.Version;

        var errors = new Errors();
        var moveTo = form.UnitId is { } u && u != project.UnitId ? u : (int?)null;
        if (moveTo is { } target)
        {
            if (!CanMove) errors.Add(nameof(form.UnitId), p["Error.NoMove"]);
            else if (!await UnitInScopeAsync(db, target, ct)) errors.NotFound(nameof(form.UnitId), p["Error.UnitNotFound"]);
        }
        await ApplyAsync(db, project, form, errors, industryChanged: form.IndustryId != project.IndustryId, ct);
        if (errors.Result() is { } refused) return refused;

        if (moveTo is { } to) await MoveAsync(db, project, to, ct);
        project.UpdatedAt = clock.GetUtcNow();
        return await SaveAsync(db, project, ct);
    }

    public async Task<CommandResult> ChangeStageAsync(int id, StageCommand command, CancellationToken ct = default)
    {
        await DemandEditAsync(id);
        await using var db = dbFactory.CreateDbContext();
        var project = await db.Projects.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (project is null) return NotFound();
        if (project.Version != command.Version) return Stale();
        db.Entry(project).Property(x => x.Version).OriginalValue = command.Version;

        var errors = new Errors();
        var reason = ProjectRules.Clean(command.Reason);
        if (!Enum.IsDefined(command.ToStage)) errors.Add(nameof(command.ToStage), p["Stage.Error.Unknown"]);
        if (!Enum.IsDefined(command.ToStatus)) errors.Add(nameof(command.ToStatus), p["Stage.Error.Unknown"]);
        if (command.SigningKind is { } kind && !Enum.IsDefined(kind)) errors.Add(nameof(command.SigningKind), p["Error.Required"]);
        if (reason is { Length: > 500 }) errors.Add(nameof(command.Reason), p["Error.TooLong", "", 500]);
        long? contracted = null;
        if (command.ContractedInvestmentWan is { } wan)
        {
            if (Amount(wan, out var value) is { } problem) errors.Add(nameof(command.ContractedInvestmentWan), problem);
            else contracted = value;
        }
        if (command.ToStage == project.Stage && command.ToStatus == project.Status) errors.Add("", p["Error.NoChange"]);
        if (errors.Result() is { } invalid) return invalid;

        var dates = new StageDates(command.SignedOn ?? project.SignedOn, command.StartedOn ?? project.StartedOn,
            command.InProductionOn ?? project.InProductionOn, (command.SigningKind ?? project.SigningKind) is not null);
        foreach (var key in StageRules.Check(project.Stage, project.Status, command.ToStage, command.ToStatus, reason, dates))
            errors.Add(StageRules.FieldOf(key), p[key]);
        CheckHappened(dates, errors);
        if (errors.Result() is { } refused) return refused;

        var (fromStage, fromStatus) = (project.Stage, project.Status);
        project.Stage = command.ToStage;
        project.Status = command.ToStatus;
        project.StatusReason = command.ToStatus == ProjectStatus.Active ? null : reason;
        project.SigningKind = command.SigningKind ?? project.SigningKind;
        project.ContractedInvestment = contracted ?? project.ContractedInvestment;
        (project.SignedOn, project.StartedOn, project.InProductionOn) = (dates.SignedOn, dates.StartedOn, dates.InProductionOn);
        project.UpdatedAt = clock.GetUtcNow();
        var change = NewStageChange(project, fromStage, fromStatus, reason);
        db.StageChanges.Add(change);
        // A project contract signed: its node plan is made in the same save (none when it has one already).
        await NodePlans.PlanService.AddPlanAsync(db, project, MilestoneKinds, ct);
        return await SaveAsync(db, project, ct);
    }

    /// <summary>Sets the planned and actual dates of one milestone kind (a default or configured one).</summary>
    public async Task<CommandResult> SetMilestoneAsync(int id, string kind, MilestoneForm form, CancellationToken ct = default)
    {
        await DemandEditAsync(id);
        var kinds = MilestoneKinds;
        var index = kinds.ToList().IndexOf(kind);
        await using var db = dbFactory.CreateDbContext();
        var project = await db.Projects.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Id, x.UnitId, x.Version }).SingleOrDefaultAsync(ct);
        if (project is null) return NotFound();
        if (index < 0) return CommandResult.Fail(CommandOutcome.Invalid, "Kind", p["Error.MilestoneKind", kind]);
        // Done means done: an actual date cannot lie ahead; a plan can, within reason.
        var errors = new Errors();
        if (form.PlannedOn is { } planned && ProjectRules.CheckPlanned(planned) is not DateProblem.None and var late)
            errors.Add(nameof(form.PlannedOn), DateMessage(late, p["Milestone.PlannedOn", MilestoneNames.Of(kind, p)]));
        if (form.ActualOn is { } actual && ProjectRules.CheckHappened(actual, Today) is not DateProblem.None and var wrong)
            errors.Add(nameof(form.ActualOn), DateMessage(wrong, p["Milestone.ActualOn", MilestoneNames.Of(kind, p)]));
        if (errors.Result() is { } refused) return refused;

        var milestone = await db.ProjectMilestones.SingleOrDefaultAsync(m => m.ProjectId == id && m.Kind == kind, ct);
        if (milestone is null)
        {
            if (form.Version != 0) return Stale();
            // Version 1 on insert: 0 means "not saved yet" to the client, so two first saves cannot both pass.
            milestone = new ProjectMilestone { ProjectId = id, UnitId = project.UnitId, Kind = kind, SortOrder = index, Version = 1 };
            db.ProjectMilestones.Add(milestone);
        }
        else
        {
            if (milestone.Version != form.Version) return Stale();
            db.Entry(milestone).Property(m => m.Version).OriginalValue = form.Version;
        }
        milestone.PlannedOn = form.PlannedOn;
        milestone.ActualOn = form.ActualOn;
        var saved = await SaveAsync(db, null, ct);
        return saved.Ok ? CommandResult.Success(id, milestone.Version) : saved;
    }

    public async Task<CommandResult> AddProgressAsync(int id, ProgressForm form, CancellationToken ct = default)
    {
        await DemandEditAsync(id);
        await using var db = dbFactory.CreateDbContext();
        var project = await db.Projects.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Id, x.UnitId, x.Version }).SingleOrDefaultAsync(ct);
        if (project is null) return NotFound();
        var errors = new Errors();
        var what = ProjectRules.Clean(form.WhatHappened);
        if (form.OccurredOn is null) errors.Add(nameof(form.OccurredOn), p["Error.Required"]);
        else if (ProjectRules.CheckHappened(form.OccurredOn.Value, Today) is not DateProblem.None and var wrong)
            errors.Add(nameof(form.OccurredOn), DateMessage(wrong, p["Progress.Date"]));
        if (what is null) errors.Add(nameof(form.WhatHappened), p["Error.Required"]);
        errors.MaxLength(nameof(form.WhatHappened), what, 2000, p);
        errors.MaxLength(nameof(form.Problems), form.Problems, 2000, p);
        errors.MaxLength(nameof(form.NextStep), form.NextStep, 2000, p);
        if (errors.Result() is { } refused) return refused;

        db.ProgressEntries.Add(new ProgressEntry
        {
            ProjectId = id, UnitId = project.UnitId, OccurredOn = form.OccurredOn!.Value, WhatHappened = what!,
            Problems = ProjectRules.Clean(form.Problems), NextStep = ProjectRules.Clean(form.NextStep),
            AuthorName = DisplayName, CreatedAt = clock.GetUtcNow(),
        });
        var saved = await SaveAsync(db, null, ct);
        return saved.Ok ? CommandResult.Success(id, project.Version) : saved;
    }

    /// <summary>Checks and copies the fields every save shares; errors are collected, nothing is written.</summary>
    /// <param name="generatedCode">The code given to a new project whose code was left empty; null to take the form's.</param>
    private async Task ApplyAsync(AppDbContext db, Project project, ProjectForm form, Errors errors, bool industryChanged, CancellationToken ct,
        string? generatedCode = null)
    {
        var code = generatedCode ?? Kernel.TextInput.Code(form.Code);
        var name = form.Name?.Trim() ?? "";
        if (code.Length == 0) errors.Add(nameof(form.Code), p["Error.Required"]);
        errors.MaxLength(nameof(form.Code), code, 64, p);
        // Codes are unique across the city, also against projects this user cannot see.
        if (code.Length is > 0 and <= 64 && Kernel.TextInput.ProblemOf(code, 64) is null && await db.Projects.IgnoreQueryFilters().AnyAsync(x => x.Code == code && x.Id != project.Id, ct))
            errors.Add(nameof(form.Code), p["Error.CodeTaken", code]);
        if (name.Length == 0) errors.Add(nameof(form.Name), p["Error.Required"]);
        errors.MaxLength(nameof(form.Name), name, 200, p);

        if (form.CompanyId is null) errors.Add(nameof(form.CompanyId), p["Error.Required"]);
        else if (!await db.Companies.AnyAsync(c => c.Id == form.CompanyId, ct)) errors.Add(nameof(form.CompanyId), p["Error.CompanyNotFound"]);

        if (form.IndustryId is { } industryId && industryChanged)
        {
            // A new class comes from the catalog in force in the signing year (this year while unsigned).
            var year = form.SignedOn?.Year ?? Today.Year;
            var catalogs = await db.IndustryCatalogs.AsNoTracking().Select(c => new { c.Id, c.StartYear }).ToListAsync(ct);
            var catalog = ReferenceData.CatalogInForce.For(catalogs, year, c => c.StartYear);
            if (catalog is null || !await db.Industries.AnyAsync(i => i.Id == industryId && i.CatalogId == catalog.Id, ct))
                errors.Add(nameof(form.IndustryId), p["Error.IndustryNotInCatalog", year]);
        }
        var section = ProjectRules.Clean(form.IndustrySectionCode)?.ToUpperInvariant();
        if (section is not null && !await db.IndustrySections.AnyAsync(s => s.Code == section, ct))
            errors.Add(nameof(form.IndustrySectionCode), p["Error.SectionNotFound"]);

        var planned = 0L;
        long? contracted = null;
        if (form.PlannedInvestmentWan is null) errors.Add(nameof(form.PlannedInvestmentWan), p["Error.Required"]);
        else if (Amount(form.PlannedInvestmentWan.Value, out planned) is { } e1) errors.Add(nameof(form.PlannedInvestmentWan), e1);
        if (form.ContractedInvestmentWan is { } c)
        {
            if (Amount(c, out var value) is { } e2) errors.Add(nameof(form.ContractedInvestmentWan), e2);
            else contracted = value;
        }
        if (form.SigningKind is { } kind && !Enum.IsDefined(kind)) errors.Add(nameof(form.SigningKind), p["Error.Required"]);

        var dates = new StageDates(form.SignedOn, form.StartedOn, form.InProductionOn, form.SigningKind is not null);
        foreach (var key in StageRules.CheckDates(project.Stage, dates)) errors.Add(StageRules.FieldOf(key), p[key]);
        CheckHappened(dates, errors);

        var leadSource = ProjectRules.Clean(form.LeadSource);
        var leader = ProjectRules.Clean(form.ResponsibleLeader);
        var contact = ProjectRules.Clean(form.ContactPerson);
        errors.MaxLength(nameof(form.LeadSource), leadSource, 100, p);
        errors.MaxLength(nameof(form.ResponsibleLeader), leader, 100, p);
        errors.MaxLength(nameof(form.ContactPerson), contact, 100, p);
        var nationalCode = ProjectRules.Clean(form.NationalProjectCode)?.ToUpperInvariant();
        if (nationalCode is not null && !ProjectRules.IsNationalCode(nationalCode))
            errors.Add(nameof(form.NationalProjectCode), p["Error.NationalCode"]);
        if (errors.Any) return;

        project.Code = code;
        project.Name = name;
        project.CompanyId = form.CompanyId!.Value;
        project.IndustryId = form.IndustryId;
        project.IndustrySectionCode = section;
        project.PlannedInvestment = planned;
        project.ContractedInvestment = contracted;
        project.SigningKind = form.SigningKind;
        (project.SignedOn, project.StartedOn, project.InProductionOn) = (form.SignedOn, form.StartedOn, form.InProductionOn);
        project.LeadSource = leadSource;
        project.ResponsibleLeader = leader;
        project.ContactPerson = contact;
        project.NationalProjectCode = nationalCode;
    }

    /// <summary>A project's rows (history, milestones, progress, funds) move with it, in the same save.</summary>
    private static async Task MoveAsync(AppDbContext db, Project project, int unitId, CancellationToken ct)
    {
        project.UnitId = unitId;
        await ProjectChildren.MoveAsync(db, new Dictionary<int, int> { [project.Id] = unitId }, ct);
    }

    private StageChange NewStageChange(Project project, ProjectStage? fromStage, ProjectStatus fromStatus, string? note) => new()
    {
        ProjectId = project.Id, UnitId = project.UnitId, FromStage = fromStage, FromStatus = fromStatus,
        ToStage = project.Stage, ToStatus = project.Status, ChangedAt = clock.GetUtcNow(), UserName = DisplayName, Note = note,
    };

    private string? DisplayName => actor.Principal.FindFirst(AppClaims.DisplayName)?.Value ?? actor.UserName;

    private async Task<CommandResult> SaveAsync(AppDbContext db, Project? project, CancellationToken ct, Func<Task>? save = null)
    {
        try
        {
            if (save is null) await db.SaveChangesAsync(ct);
            else await save();
            return project is null ? CommandResult.Success(0, 0) : CommandResult.Success(project.Id, project.Version);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale();
        }
        catch (OutOfScopeException)
        {
            return NotFound();
        }
        catch (Kernel.InvalidTextException e) { return CommandResult.Fail(CommandOutcome.Invalid, e.Field, e.Message); }
        catch (DbUpdateException) when (project is null)
        {
            // A milestone row inserted at the same moment by someone else (unique per project and kind).
            return Stale();
        }
        catch (DbUpdateException)
        {
            // The unique index caught a code saved at the same moment by someone else.
            return CommandResult.Fail(CommandOutcome.Invalid, nameof(ProjectForm.Code), p["Error.CodeTaken", project!.Code]);
        }
    }

    /// <summary>A unit the user may write to; one outside the scope answers like a missing one.</summary>
    private async Task<bool> UnitInScopeAsync(AppDbContext db, int unitId, CancellationToken ct) =>
        actor.UnitScope.Contains(unitId) && await db.Units.AnyAsync(u => u.Id == unitId, ct);

    /// <summary>计划总投资 and 合同引资额 may be zero (not yet known); the shared rule does the rest.</summary>
    private string? Amount(decimal wan, out long hundredths) => AmountRule.Check(wan, zeroAllowed: true, out hundredths) switch
    {
        AmountProblem.None => null,
        AmountProblem.TooLarge => p["Error.AmountTooLarge"].Value,
        AmountProblem.TooPrecise => p["Error.AmountPrecision"].Value,
        _ => p["Error.AmountNegative"].Value,
    };

    /// <summary>Signing, start and production dates happened: none lies ahead of today or before 1990.</summary>
    private void CheckHappened(StageDates dates, Errors errors)
    {
        foreach (var (field, problem) in ProjectRules.CheckHappened(dates, Today))
            errors.Add(field, DateMessage(problem, p[$"Field.{field}"]));
    }

    /// <summary>The message names the field and the bound, in the user's language.</summary>
    private string DateMessage(DateProblem problem, string field) => problem switch
    {
        DateProblem.Future => p["Error.FutureDate", field, DisplayFormat.Date(Today)],
        DateProblem.TooEarly => p["Error.DateTooEarly", field, DisplayFormat.Date(ProjectRules.EarliestDate)],
        _ => p["Error.DateTooLate", field, DisplayFormat.Date(ProjectRules.LatestPlannedDate)],
    };

    private Task DemandEditAsync(int? id) =>
        AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, id?.ToString(CultureInfo.InvariantCulture));

    private CommandResult NotFound() => CommandResult.Fail(CommandOutcome.NotFound, "", p["Error.NotFound"]);

    private CommandResult Stale() => CommandResult.Fail(CommandOutcome.Stale, "", p["Error.Stale"]);

    /// <summary>Field errors collected before anything is written; a missing or foreign reference makes the whole result "not found".</summary>
    private sealed class Errors
    {
        private readonly Dictionary<string, List<string>> _byField = [];
        private bool _notFound;

        public bool Any => _byField.Count > 0;

        public void Add(string field, string message)
        {
            if (!_byField.TryGetValue(field, out var list)) _byField[field] = list = [];
            if (!list.Contains(message)) list.Add(message);
        }

        public void NotFound(string field, string message)
        {
            _notFound = true;
            Add(field, message);
        }

        public void MaxLength(string field, string? value, int max, IStringLocalizer localizer)
        {
            if (value is not null && value.Length > max) Add(field, localizer["Error.TooLong", "", max].Value);
        }

        public CommandResult? Result() => Any
            ? new CommandResult(_notFound ? CommandOutcome.NotFound : CommandOutcome.Invalid, _byField.ToDictionary(f => f.Key, f => f.Value.ToArray()))
            : null;
    }
}
