using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.Leads;

/// <summary>
/// Every change of a lead: registration (with the protection across units), status, progress, conversion into a
/// project. Each command checks EditRecords here, reads through the unit filter (a foreign lead is "not found") and
/// saves once, so that the unit guard, the audit entries and the version check cover the whole change.
/// </summary>
public sealed class LeadService(
    IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<LeadResource> t,
    CompanyService companies, IOptions<LeadOptions> options, TimeProvider clock)
{
    private const string ObjectType = nameof(Lead);
    private LeadOptions Options => options.Value;

    public bool CanEdit => actor.Can(Operation.EditRecords);

    public DateOnly Today => ChinaTime.Today(clock);

    public async Task<LeadResult> RegisterAsync(LeadForm form, CancellationToken ct = default)
    {
        await DemandEditAsync(null);
        await using var db = dbFactory.CreateDbContext();
        var errors = new FieldErrors();
        var unitId = form.UnitId ?? 0;
        if (form.UnitId is null) errors.Add(nameof(form.UnitId), t["Error.Required", t["Field.UnitId"]]);
        else if (!actor.UnitScope.Contains(unitId) || !await db.Units.AnyAsync(u => u.Id == unitId, ct))
            return LeadResult.Fail(LeadOutcome.NotFound, nameof(form.UnitId), t["Error.UnitNotFound"]);

        var name = LeadRules.Clean(form.Name);
        if (name is null) errors.Add(nameof(form.Name), t["Error.Required", t["Field.Name"]]);
        errors.MaxLength(nameof(form.Name), name, 200, t);
        if (form.SourceKind is not { } source || !Enum.IsDefined(source)) errors.Add(nameof(form.SourceKind), t["Error.Required", t["Field.SourceKind"]]);
        var referrer = LeadRules.Clean(form.Referrer);
        errors.MaxLength(nameof(form.Referrer), referrer, 100, t);
        var description = LeadRules.Clean(form.Description);
        errors.MaxLength(nameof(form.Description), description, 2000, t);

        var section = LeadRules.Clean(form.IndustrySectionCode)?.ToUpperInvariant();
        if (section is null) errors.Add(nameof(form.IndustrySectionCode), t["Error.Required", t["Field.IndustrySectionCode"]]);
        else if (!await db.IndustrySections.AnyAsync(s => s.Code == section, ct)) errors.Add(nameof(form.IndustrySectionCode), t["Error.SectionNotFound", section]);
        if (form.IndustryId is { } industryId && !await db.Industries.AnyAsync(i => i.Id == industryId, ct))
            errors.Add(nameof(form.IndustryId), t["Error.IndustryNotFound"]);

        var estimated = 0L;
        if (form.EstimatedInvestmentWan is not { } wan) errors.Add(nameof(form.EstimatedInvestmentWan), t["Error.Required", t["Field.EstimatedInvestmentWan"]]);
        else if (AmountRule.Check(wan, zeroAllowed: true, out estimated) is not AmountProblem.None and var problem)
            errors.Add(nameof(form.EstimatedInvestmentWan), t[$"Error.Amount{problem}", t["Field.EstimatedInvestmentWan"]]);

        await LinksAsync(db, form, errors, ct);
        var owner = await OwnerAsync(db, form.OwnerUserId, unitId, errors, ct);
        var found = await InvestorAsync(db, form, errors, ct);
        if (errors.Result() is { } invalid) return invalid;
        var investor = found!;

        // The protection: across units, so the unit filter is bypassed on purpose; only the holder unit's name leaves here.
        // Checked here to refuse early, and again below under the investor's lock in the transaction that writes the lead.
        if (await RefusalAsync(db, unitId, investor, section!, ct) is { } refused) return refused;

        var now = clock.GetUtcNow();
        var lead = new Lead
        {
            UnitId = unitId, Name = name!, SourceKind = form.SourceKind!.Value, Referrer = referrer,
            InvestorCreditCode = investor.CreditCode, InvestorKey = investor.Key, IndustryId = form.IndustryId, IndustrySectionCode = section!,
            EstimatedInvestment = estimated, Description = description, OwnerUserId = owner.Id, OwnerName = owner.Name,
            Status = LeadStatus.Registered, RegisteredAt = now, RegisteredOn = Today, LastProgressOn = Today, UpdatedAt = now,
            OriginActivityId = form.OriginActivityId, OriginEventId = form.OriginEventId, AgencyId = form.AgencyId, WorkstationId = form.WorkstationId,
        };
        var calendar = await CalendarAsync(db, ct);
        LeadResult? refusedLate = null;
        var saved = await SaveAsync(db, lead, ct, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Two units registering the same investor at the same instant: the second waits here for the first's commit
            // and then sees its lead (SQLite's transactions are BEGIN IMMEDIATE: one writer at a time already). A new
            // investor's company is created in this transaction, so a refused registration leaves no company behind.
            await LockInvestorAsync(db, investor, section!, ct);
            if (await HolderAsync(db, unitId, investor.Key, investor.CreditCode, section!, ct) is not null)
            {
                await tx.RollbackAsync(ct);
                refusedLate = await RefusalAsync(db, unitId, investor, section!, ct);
                return;
            }
            var investorNow = investor.CompanyId is null ? await InvestorAsync(db, form, new FieldErrors(), ct) ?? investor : investor;
            if (investorNow.CompanyId is { } existing) lead.CompanyId = existing;
            else
            {
                var (company, companyErrors) = await companies.AddNewAsync(db,
                    new CompanyForm { Name = investor.Name, CreditCode = investor.CreditCode, Origin = form.InvestorOrigin ?? "" }, ct);
                if (companyErrors is not null)
                {
                    await tx.RollbackAsync(ct);
                    refusedLate = new LeadResult(LeadOutcome.Invalid, companyErrors.ToDictionary(e => InvestorField(e.Key), e => new[] { e.Value }));
                    return;
                }
                await db.SaveChangesAsync(ct);
                lead.CompanyId = company!.Id;
            }
            db.Leads.Add(lead);
            // The clocks need the lead's id: a second save in the same transaction.
            await db.SaveChangesAsync(ct);
            db.LeadClocks.AddRange(LeadClocks.OnRegistered(lead, Options.DaysFor(lead.SourceKind, lead.EstimatedInvestment), calendar));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        return refusedLate ?? saved;
    }

    /// <summary>
    /// The refusal of a registration that an active lead holds, or null: a duplicate of the unit's own lead, or another
    /// unit's protection, which is recorded as a conflict for the city to arbitrate.
    /// </summary>
    private async Task<LeadResult?> RefusalAsync(AppDbContext db, int unitId, Investor investor, string section, CancellationToken ct)
    {
        if (await HolderAsync(db, unitId, investor.Key, investor.CreditCode, section, ct) is not { } holder) return null;
        var holderUnit = await db.Units.Where(u => u.Id == holder.UnitId).Select(u => u.Name).SingleAsync(ct);
        if (holder.UnitId == unitId)
            return LeadResult.Fail(LeadOutcome.Refused, nameof(LeadForm.CompanyId), t["Error.Duplicate", holder.Id], holderUnit);
        db.LeadConflicts.Add(new LeadConflict
        {
            HolderLeadId = holder.Id, HolderUnitId = holder.UnitId, RequestingUnitId = unitId, InvestorName = investor.Name,
            InvestorCreditCode = investor.CreditCode, InvestorKey = investor.Key, IndustrySectionCode = section,
            AttemptedAt = clock.GetUtcNow(), AttemptedBy = DisplayName,
        });
        await db.SaveChangesAsync(ct);
        return LeadResult.Fail(LeadOutcome.Refused, nameof(LeadForm.CompanyId), t["Error.Protected", holderUnit], holderUnit);
    }

    /// <summary>
    /// On PostgreSQL, transaction locks on the investor's normalised name and on its credit code within the section, in one
    /// order: two registrations that <see cref="LeadProtection.SameInvestor"/> matches share at least one of them.
    /// </summary>
    private static async Task LockInvestorAsync(AppDbContext db, Investor investor, string section, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        string[] keys = investor.CreditCode is { } code ? [$"lead|{section}|name|{investor.Key}", $"lead|{section}|code|{code}"] : [$"lead|{section}|name|{investor.Key}"];
        foreach (var key in keys.Order(StringComparer.Ordinal))
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
    }

    /// <summary>
    /// Where the lead came from: each record must be visible to the user (the unit filter makes another unit's id
    /// "not found"); an agency only for 委托招商 and a workstation only for 人才工作站, so that each source's yield
    /// counts only the leads that source delivered.
    /// </summary>
    private async Task LinksAsync(AppDbContext db, LeadForm form, FieldErrors errors, CancellationToken ct)
    {
        if (form.OriginActivityId is { } activity && !await db.Activities.AnyAsync(a => a.Id == activity, ct))
            errors.Add(nameof(form.OriginActivityId), t["Error.LinkNotFound", t["Field.OriginActivityId"]]);
        if (form.OriginEventId is { } evt && !await db.NetworkEvents.AnyAsync(e => e.Id == evt, ct))
            errors.Add(nameof(form.OriginEventId), t["Error.LinkNotFound", t["Field.OriginEventId"]]);
        if (form.AgencyId is { } agency)
        {
            if (form.SourceKind != LeadSourceKind.Agency)
                errors.Add(nameof(form.AgencyId), t["Error.LinkWrongSource", t["Field.AgencyId"], t[$"Source.{LeadSourceKind.Agency}"]]);
            else if (!await db.InvestmentAgencies.AnyAsync(a => a.Id == agency, ct))
                errors.Add(nameof(form.AgencyId), t["Error.LinkNotFound", t["Field.AgencyId"]]);
        }
        if (form.WorkstationId is { } station)
        {
            if (form.SourceKind != LeadSourceKind.Workstation)
                errors.Add(nameof(form.WorkstationId), t["Error.LinkWrongSource", t["Field.WorkstationId"], t[$"Source.{LeadSourceKind.Workstation}"]]);
            else if (!await db.TalentWorkstations.AnyAsync(w => w.Id == station, ct))
                errors.Add(nameof(form.WorkstationId), t["Error.LinkNotFound", t["Field.WorkstationId"]]);
        }
    }

    public async Task<LeadResult> ChangeStatusAsync(int id, LeadStatusCommand command, CancellationToken ct = default)
    {
        await DemandEditAsync(id);
        await using var db = dbFactory.CreateDbContext();
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return NotFound();
        if (lead.Version != command.Version) return Stale();
        db.Entry(lead).Property(l => l.Version).OriginalValue = command.Version;
        var reason = LeadRules.Clean(command.Reason);
        if (command.ToStatus == LeadStatus.Converted) return LeadResult.Fail(LeadOutcome.Invalid, nameof(command.ToStatus), t["Error.ConvertThroughCommand"]);
        if (!LeadRules.CanMove(lead.Status, command.ToStatus))
            return LeadResult.Fail(LeadOutcome.Invalid, nameof(command.ToStatus), t["Error.Transition", t[$"Status.{lead.Status}"], t[$"Status.{command.ToStatus}"]]);
        if (command.ToStatus == LeadStatus.Abandoned && reason is null) return LeadResult.Fail(LeadOutcome.Invalid, nameof(command.Reason), t["Error.Required", t["Field.Reason"]]);
        if (reason is { Length: > 500 }) return LeadResult.Fail(LeadOutcome.Invalid, nameof(command.Reason), t["Error.TooLong", t["Field.Reason"], 500]);

        lead.Status = command.ToStatus;
        lead.StatusReason = command.ToStatus == LeadStatus.Abandoned ? reason : lead.StatusReason;
        lead.UpdatedAt = clock.GetUtcNow();
        LeadClocks.OnStatus(await db.LeadClocks.Where(c => c.LeadId == id).ToListAsync(ct), lead.Status, Today);
        return await SaveAsync(db, lead, ct);
    }

    public async Task<LeadResult> AddProgressAsync(int id, LeadProgressForm form, CancellationToken ct = default)
    {
        await DemandEditAsync(id);
        await using var db = dbFactory.CreateDbContext();
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return NotFound();
        var errors = new FieldErrors();
        var note = LeadRules.Clean(form.Note);
        if (form.OccurredOn is not { } on) errors.Add(nameof(form.OccurredOn), t["Error.Required", t["Field.OccurredOn"]]);
        else if (on > Today) errors.Add(nameof(form.OccurredOn), t["Error.FutureDate", t["Field.OccurredOn"]]);
        else if (on < lead.RegisteredOn) errors.Add(nameof(form.OccurredOn), t["Error.BeforeRegistration", t["Field.OccurredOn"]]);
        if (note is null) errors.Add(nameof(form.Note), t["Error.Required", t["Field.Note"]]);
        errors.MaxLength(nameof(form.Note), note, 2000, t);
        if (!lead.IsOpen) errors.Add("", t["Error.Closed"]);
        if (errors.Result() is { } invalid) return invalid;

        var occurred = form.OccurredOn!.Value;
        db.LeadProgress.Add(new LeadProgress
        {
            LeadId = id, UnitId = lead.UnitId, OccurredOn = occurred, Note = note!, ReferrerAnswered = form.ReferrerAnswered,
            AuthorName = DisplayName, CreatedAt = clock.GetUtcNow(),
        });
        if (occurred > lead.LastProgressOn) lead.LastProgressOn = occurred;
        lead.UpdatedAt = clock.GetUtcNow();
        var clocks = await db.LeadClocks.Where(c => c.LeadId == id).ToListAsync(ct);
        if (LeadClocks.OnProgress(lead, clocks, occurred, form.ReferrerAnswered, Options.DaysFor(lead.SourceKind, lead.EstimatedInvestment), await CalendarAsync(db, ct)) is { } next)
            db.LeadClocks.Add(next);
        return await SaveAsync(db, lead, ct);
    }

    /// <summary>转为项目: the project gets the lead's data; both keep the link; a lead converts once.</summary>
    public async Task<LeadResult> ConvertAsync(int id, LeadConvertCommand command, CancellationToken ct = default)
    {
        await DemandEditAsync(id);
        await using var db = dbFactory.CreateDbContext();
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == id, ct);
        if (lead is null) return NotFound();
        if (lead.ProjectId is { } existing)
        {
            var code = await db.Projects.Where(p => p.Id == existing).Select(p => p.Code).SingleOrDefaultAsync(ct) ?? "";
            return LeadResult.Fail(LeadOutcome.Invalid, nameof(Lead.ProjectId), t["Error.ConvertedTwice", code]);
        }
        if (lead.Version != command.Version) return Stale();
        db.Entry(lead).Property(l => l.Version).OriginalValue = command.Version;
        if (!lead.IsOpen) return LeadResult.Fail(LeadOutcome.Invalid, nameof(Lead.Status), t["Error.Closed"]);
        var projectCode = TextInput.Code(command.Code ?? "");
        if (projectCode.Length == 0) projectCode = "XS" + lead.Id.ToString("D6", CultureInfo.InvariantCulture);
        if (projectCode.Length > 64) return LeadResult.Fail(LeadOutcome.Invalid, nameof(command.Code), t["Error.TooLong", t["Field.ProjectCode"], 64]);
        if (await db.Projects.IgnoreQueryFilters().AnyAsync(p => p.Code == projectCode, ct))
            return LeadResult.Fail(LeadOutcome.Invalid, nameof(command.Code), t["Error.CodeTaken", projectCode]);

        var now = clock.GetUtcNow();
        var project = new Project
        {
            Code = projectCode, Name = lead.Name, CompanyId = lead.CompanyId, UnitId = lead.UnitId, IndustryId = lead.IndustryId,
            IndustrySectionCode = lead.IndustrySectionCode, Stage = ProjectStage.Talks, Status = ProjectStatus.Active,
            PlannedInvestment = lead.EstimatedInvestment, LeadSource = SourceText(lead), LeadId = lead.Id, CreatedAt = now, UpdatedAt = now,
        };
        db.Projects.Add(project);
        lead.Status = LeadStatus.Converted;
        lead.UpdatedAt = now;
        LeadClocks.OnStatus(await db.LeadClocks.Where(c => c.LeadId == id).ToListAsync(ct), LeadStatus.Converted, Today);
        return await SaveAsync(db, lead, ct, async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            lead.ProjectId = project.Id;
            db.StageChanges.Add(new StageChange
            {
                ProjectId = project.Id, UnitId = project.UnitId, ToStage = project.Stage, FromStatus = ProjectStatus.Active, ToStatus = ProjectStatus.Active,
                ChangedAt = now, UserName = DisplayName, Note = t["Convert.Note", lead.Id],
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
    }

    /// <summary>项目.线索来源: the source kind and the referrer, as the project's text field holds it (100 characters).</summary>
    private string SourceText(Lead lead)
    {
        var text = lead.Referrer is null ? t[$"Source.{lead.SourceKind}"].Value : $"{t[$"Source.{lead.SourceKind}"]}：{lead.Referrer}";
        return text.Length > 100 ? text[..100] : text;
    }

    internal static async Task<Lead?> HolderAsync(AppDbContext db, int unitId, string key, string? creditCode, string section, DateOnly today, int days, CancellationToken ct)
    {
        var candidates = await db.Leads.IgnoreQueryFilters().AsNoTracking()
            .Where(LeadProtection.SameInvestor(key, creditCode, section)).Where(LeadProtection.ActiveOn(today, days)).ToListAsync(ct);
        if (candidates.Count == 0) return null;
        var ids = candidates.Select(c => c.Id).ToList();
        var conflicts = await db.LeadConflicts.AsNoTracking().Where(c => ids.Contains(c.HolderLeadId) && c.RequestingUnitId == unitId).ToListAsync(ct);
        return LeadProtection.Holder(candidates, conflicts, unitId, key, creditCode, section, today, days);
    }

    private Task<Lead?> HolderAsync(AppDbContext db, int unitId, string key, string? creditCode, string section, CancellationToken ct) =>
        HolderAsync(db, unitId, key, creditCode, section, Today, Options.ProtectionDays, ct);

    internal static async Task<WorkingCalendar> CalendarAsync(AppDbContext db, CancellationToken ct) =>
        new(await db.HolidayDates.AsNoTracking().ToListAsync(ct));

    private sealed record Investor(int? CompanyId, string Name, string? CreditCode, string Key);

    /// <summary>The investor: the chosen company, or one found by credit code then normalised name, or a new one.</summary>
    private async Task<Investor?> InvestorAsync(AppDbContext db, LeadForm form, FieldErrors errors, CancellationToken ct)
    {
        if (form.CompanyId is { } companyId)
        {
            var company = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => new { c.Id, c.Name, c.CreditCode }).SingleOrDefaultAsync(ct);
            if (company is null) { errors.Add(nameof(form.CompanyId), t["Error.CompanyNotFound"]); return null; }
            return new Investor(company.Id, company.Name, company.CreditCode, CompanyNames.Key(company.Name));
        }
        var name = LeadRules.Clean(form.InvestorName);
        if (name is null) { errors.Add(nameof(form.InvestorName), t["Error.Required", t["Field.InvestorName"]]); return null; }
        if (name.Length > 200) { errors.Add(nameof(form.InvestorName), t["Error.TooLong", t["Field.InvestorName"], 200]); return null; }
        string? code = null;
        if (LeadRules.Clean(form.InvestorCreditCode) is { } raw)
        {
            code = CreditCode.Normalize(raw);
            if (CreditCode.Check(code) is not null) { errors.Add(nameof(form.InvestorCreditCode), t["Error.CreditCode", code]); return null; }
            if (await db.Companies.AsNoTracking().Where(c => c.CreditCode == code).Select(c => new { c.Id, c.Name }).SingleOrDefaultAsync(ct) is { } byCode)
                return new Investor(byCode.Id, byCode.Name, code, CompanyNames.Key(byCode.Name));
        }
        var key = CompanyNames.Key(name);
        if (key.Length == 0) { errors.Add(nameof(form.InvestorName), t["Error.Required", t["Field.InvestorName"]]); return null; }
        // The directory keeps names as written: narrow by the key's first characters, compare keys here.
        var probe = key.Length >= 2 && !char.IsAscii(key[0]) ? key[..2] : null;
        var names = db.Companies.AsNoTracking();
        if (probe is not null) names = names.Where(c => c.Name.Contains(probe));
        foreach (var company in await names.Where(c => code == null || c.CreditCode == null).Select(c => new { c.Id, c.Name, c.CreditCode }).ToListAsync(ct))
        {
            if (CompanyNames.Key(company.Name) == key) return new Investor(company.Id, company.Name, company.CreditCode ?? code, key);
        }
        if (LeadRules.Clean(form.InvestorOrigin) is null) { errors.Add(nameof(form.InvestorOrigin), t["Error.OriginForNew"]); return null; }
        return new Investor(null, name, code, key);
    }

    private static string InvestorField(string companyField) => companyField switch
    {
        "name" => nameof(LeadForm.InvestorName),
        "creditCode" => nameof(LeadForm.InvestorCreditCode),
        "origin" => nameof(LeadForm.InvestorOrigin),
        _ => companyField,
    };

    /// <summary>The owner must be a user of the lead's unit; the registering user by default.</summary>
    private async Task<(string? Id, string? Name)> OwnerAsync(AppDbContext db, string? ownerUserId, int unitId, FieldErrors errors, CancellationToken ct)
    {
        var id = LeadRules.Clean(ownerUserId) ?? actor.UserId;
        var owner = id is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == id && u.UnitId == unitId)
            .Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(ct);
        if (owner is null)
        {
            errors.Add(nameof(LeadForm.OwnerUserId), t["Error.Owner"]);
            return (null, null);
        }
        return (owner.Id, owner.DisplayName);
    }

    private string? DisplayName => actor.Principal.FindFirst(AppClaims.DisplayName)?.Value ?? actor.UserName;

    private async Task<LeadResult> SaveAsync(AppDbContext db, Lead lead, CancellationToken ct, Func<Task>? save = null)
    {
        try
        {
            if (save is null) await db.SaveChangesAsync(ct);
            else await save();
            return LeadResult.Success(lead.Id, lead.Version);
        }
        catch (DbUpdateConcurrencyException) { return Stale(); }
        catch (OutOfScopeException) { return NotFound(); }
        catch (InvalidTextException e) { return LeadResult.Fail(LeadOutcome.Invalid, e.Field, e.Message); }
    }

    private Task DemandEditAsync(int? id) =>
        AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, id?.ToString(CultureInfo.InvariantCulture));

    private LeadResult NotFound() => LeadResult.Fail(LeadOutcome.NotFound, "", t["Error.NotFound"]);

    private LeadResult Stale() => LeadResult.Fail(LeadOutcome.Stale, "", t["Error.Stale"]);
}

/// <summary>Field errors collected before anything is written.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _byField = [];

    public bool Any => _byField.Count > 0;

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var list)) _byField[field] = list = [];
        if (!list.Contains(message)) list.Add(message);
    }

    public void MaxLength(string field, string? value, int max, IStringLocalizer t)
    {
        if (value is not null && value.Length > max) Add(field, t["Error.TooLong", t[$"Field.{field}"], max].Value);
    }

    public LeadResult? Result() => Any ? new LeadResult(LeadOutcome.Invalid, _byField.ToDictionary(f => f.Key, f => f.Value.ToArray())) : null;
}
