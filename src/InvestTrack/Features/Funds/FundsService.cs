using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Funds;

/// <summary>
/// Every change of a funds record: report, edit and delete by the unit (EditRecords, while pending or
/// returned), audit and return by city staff (AuditFunds; nobody audits their own report), month locks
/// (LockMonths). Reads go through the unit filter, so a foreign record is "not found"; each command saves
/// once, so that the unit guard, the audit entries and the version check cover it.
/// </summary>
public sealed class FundsService(
    IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<FundsResource> f, TimeProvider clock)
{
    private const string ObjectType = nameof(FundsRecord);

    public bool CanEdit => actor.Can(Operation.EditRecords);
    public bool CanAudit => actor.Can(Operation.AuditFunds);
    public bool CanLock => actor.Can(Operation.LockMonths);

    /// <summary>The user name, not the display name: it is what the four-eyes rule compares.</summary>
    public string? UserName => actor.UserName;

    public async Task<FundsResult> ReportAsync(FundsForm form, CancellationToken ct = default)
    {
        await Demand(Operation.EditRecords, null);
        await using var db = dbFactory.CreateDbContext();
        var project = form.ProjectId is { } pid ? await ProjectAsync(db, pid, ct) : null;
        if (project is null) return FundsResult.Fail(CommandOutcome.NotFound, nameof(form.ProjectId), f["Error.NotFound"]);
        var record = new FundsRecord { ProjectId = project.Id, UnitId = project.UnitId, Status = FundsAuditStatus.Pending };
        var errors = await ApplyAsync(db, record, form, project, ct);
        if (errors.Count > 0) return FundsResult.Invalid(errors);

        record.ReportedBy = actor.UserName;
        record.ReportedAt = clock.GetUtcNow();
        db.FundsRecords.Add(record);
        return await SaveAsync(db, record, ct);
    }

    /// <summary>
    /// Changes month, amount, source or kind. Any change sends the record back to the queue as pending, an audited
    /// one included (it stops counting until audited again), and makes the editor its reporter, so that the one who
    /// stated the new amount cannot audit it. A save that changes nothing changes nothing.
    /// </summary>
    public async Task<FundsResult> UpdateAsync(long id, FundsForm form, CancellationToken ct = default)
    {
        await Demand(Operation.EditRecords, id);
        await using var db = dbFactory.CreateDbContext();
        var (record, refused) = await OpenAsync(db, id, form.Version, ct);
        if (record is null) return refused!;
        if (!FundsRules.IsEditable(record.Status)) return Invalid("", f["Error.NotEditable"]);
        if (await LockedAsync(db, record.Period, ct)) return Invalid(nameof(form.Month), Locked(record.Period));
        var project = (await ProjectAsync(db, record.ProjectId, ct))!;
        var before = (record.Period, record.Amount, record.Source, record.CapitalKind);
        var errors = await ApplyAsync(db, record, form, project, ct);
        if (errors.Count > 0) return FundsResult.Invalid(errors);
        if (before == (record.Period, record.Amount, record.Source, record.CapitalKind) && record.Status != FundsAuditStatus.Returned)
            return FundsResult.Success(record.Id, record.Version);

        record.Status = FundsRules.AfterChange(record.Status);
        record.ReturnReason = null;
        (record.AuditedBy, record.AuditedAt, record.AuditedInSource) = (null, null, false);
        (record.ReportedBy, record.ReportedAt) = (actor.UserName, clock.GetUtcNow());
        return await SaveAsync(db, record, ct);
    }

    public async Task<FundsResult> DeleteAsync(long id, int version, CancellationToken ct = default)
    {
        await Demand(Operation.EditRecords, id);
        await using var db = dbFactory.CreateDbContext();
        var (record, refused) = await OpenAsync(db, id, version, ct);
        if (record is null) return refused!;
        if (!FundsRules.IsDeletable(record.Status)) return Invalid("", f["Error.NotEditable"]);
        if (await LockedAsync(db, record.Period, ct)) return Invalid("", Locked(record.Period));
        // The evidence goes with it (cascade); loaded so that its deletion is audited too.
        db.FundsEvidence.RemoveRange(await db.FundsEvidence.Where(e => e.FundsRecordId == id).ToListAsync(ct));
        db.FundsRecords.Remove(record);
        return await SaveAsync(db, record, ct);
    }

    public async Task<FundsResult> AuditAsync(long id, int version, CancellationToken ct = default)
    {
        await Demand(Operation.AuditFunds, id);
        await using var db = dbFactory.CreateDbContext();
        var (record, refused) = await OpenAsync(db, id, version, ct);
        if (record is null) return refused!;
        if (!FundsRules.MayAudit(record.ReportedBy, actor.UserName))
        {
            await audit.WriteAsync("Refused", ObjectType, Id(id), result: "Refused", details: AdminGuard.Serialize(new { reason = "own report" }), ct: ct);
            return Invalid("", f["Error.OwnReport"]);
        }
        if (record.Status != FundsAuditStatus.Pending) return Invalid("", f["Error.NotPending"]);
        if (await LockedAsync(db, record.Period, ct)) return Invalid("", Locked(record.Period));
        record.Status = FundsAuditStatus.Audited;
        record.AuditedBy = actor.UserName;
        record.AuditedAt = clock.GetUtcNow();
        record.AuditedInSource = false;
        record.ReturnReason = null;
        return await SaveAsync(db, record, ct);
    }

    /// <summary>The most records one batch approval takes: a page of the queue and then some.</summary>
    public const int MaxBatch = 200;

    /// <summary>
    /// Approves the selected records, each one by one exactly as <see cref="AuditAsync"/> does: its own checks (four eyes,
    /// status, lock, version), its own save and its own audit entry, so that one refusal never holds back the others. The
    /// batch is refused whole, with nothing written, when it names a record the auditor cannot see (missing or another
    /// unit's, answered alike) or is empty or too long.
    /// </summary>
    public async Task<BatchAuditResult> AuditManyAsync(IReadOnlyList<FundsAuditItem> items, CancellationToken ct = default)
    {
        await Demand(Operation.AuditFunds, null);
        if (items.Count == 0) return BatchAuditResult.Refuse(CommandOutcome.Invalid, f["Error.NothingSelected"]);
        if (items.Count > MaxBatch) return BatchAuditResult.Refuse(CommandOutcome.Invalid, f["Error.BatchTooLarge", MaxBatch]);
        var ids = items.Select(i => i.Id).Distinct().ToList();
        await using (var db = dbFactory.CreateDbContext())
        {
            var visible = await db.FundsRecords.AsNoTracking().Where(r => ids.Contains(r.Id))
                .Join(db.Projects, r => r.ProjectId, p => p.Id, (r, p) => new { r.Id, p.Code, r.Period }).ToListAsync(ct);
            if (visible.Count != ids.Count) return BatchAuditResult.Refuse(CommandOutcome.NotFound, f["Error.NotFound"]);
            var outcomes = new List<BatchAuditItem>();
            foreach (var item in items.DistinctBy(i => i.Id))
            {
                var record = visible.Single(v => v.Id == item.Id);
                var result = await AuditAsync(item.Id, item.Version, ct);
                outcomes.Add(new BatchAuditItem(item.Id, result.Ok, result.Ok ? null
                    : f["Error.BatchItem", record.Code, FundsRules.FormatPeriod(record.Period), result.FirstError].Value, result.Version));
            }
            return new BatchAuditResult(CommandOutcome.Ok, outcomes, null);
        }
    }

    /// <summary>Sends a record back to its unit with a reason; an audited one stops counting until audited again.</summary>
    public async Task<FundsResult> ReturnAsync(long id, FundsDecision decision, CancellationToken ct = default)
    {
        await Demand(Operation.AuditFunds, id);
        await using var db = dbFactory.CreateDbContext();
        var (record, refused) = await OpenAsync(db, id, decision.Version, ct);
        if (record is null) return refused!;
        var reason = Clean(decision.Reason);
        if (reason is null) return Invalid(nameof(decision.Reason), f["Error.ReasonRequired"]);
        if (reason.Length > 500) return Invalid(nameof(decision.Reason), f["Error.TooLong", 500]);
        if (record.Status == FundsAuditStatus.Returned) return Invalid("", f["Error.CannotReturn"]);
        if (await LockedAsync(db, record.Period, ct)) return Invalid("", Locked(record.Period));
        record.Status = FundsAuditStatus.Returned;
        record.ReturnReason = reason;
        record.AuditedBy = null;
        record.AuditedAt = null;
        record.AuditedInSource = false;
        return await SaveAsync(db, record, ct);
    }

    /// <summary>Locks or unlocks a month (yyyymm); the MonthLock row is audited with its reason.</summary>
    public async Task<FundsResult> SetLockAsync(int period, bool locked, MonthLockCommand command, CancellationToken ct = default)
    {
        await Demand(Operation.LockMonths, period);
        if (!FundsRules.IsValidPeriod(period)) return Invalid("Period", f["Error.BadMonth"]);
        var reason = Clean(command.Reason);
        if (reason is null) return Invalid(nameof(command.Reason), f["Error.ReasonRequired"]);
        if (reason.Length > 500) return Invalid(nameof(command.Reason), f["Error.TooLong", 500]);
        await using var db = dbFactory.CreateDbContext();
        var row = await db.MonthLocks.SingleOrDefaultAsync(m => m.Period == period, ct);
        if (row is null) db.MonthLocks.Add(row = new MonthLock { Period = period, Reason = reason });
        row.IsLocked = locked;
        row.Reason = reason;
        row.ChangedBy = actor.UserName;
        row.ChangedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
            return FundsResult.Success(row.Id, row.Version);
        }
        catch (Kernel.InvalidTextException e) { return Invalid(nameof(command.Reason), e.Message); }
        catch (DbUpdateException)
        {
            // Locked or unlocked by someone else at the same moment.
            return FundsResult.Fail(CommandOutcome.Stale, "", f["Error.Stale"]);
        }
    }

    /// <summary>Checks and copies the reported fields; a duplicate key names the record already there.</summary>
    private async Task<Dictionary<string, List<string>>> ApplyAsync(AppDbContext db, FundsRecord record, FundsForm form, ProjectFacts project, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);

        var amount = 0L;
        if (form.AmountWan is not { } wan) Add(nameof(form.AmountWan), f["Error.Required"]);
        else if (FundsRules.CheckAmount(wan, out amount) is { } key) Add(nameof(form.AmountWan), f[key]);
        var source = form.Source ?? project.InvestorClass;
        if (!Enum.IsDefined(source)) Add(nameof(form.Source), f["Error.UnknownSource"]);
        if (form.CapitalKind is { } kind && !Enum.IsDefined(kind)) Add(nameof(form.CapitalKind), f["Error.UnknownCapitalKind"]);
        if (!FundsRules.TryParsePeriod(form.Month, out var period)) Add(nameof(form.Month), f["Error.BadMonth"]);
        else
        {
            var facts = new FundsFacts(period, project.SignedOn, await LockedAsync(db, period, ct), FundsRules.TodayInChina(clock));
            foreach (var problem in FundsRules.CheckMonth(facts))
                Add(nameof(form.Month), problem == FundsRules.MonthLocked ? Locked(period) : f[problem]);
        }
        if (errors.Count > 0) return errors;

        // One key, one record: the same money is never counted twice. Records of every unit are looked at,
        // since a project's records all share its key space.
        var existing = await db.FundsRecords.IgnoreQueryFilters().AsNoTracking()
            .Where(x => x.ProjectId == record.ProjectId && x.Period == period && x.Source == source && x.Id != record.Id)
            .Select(x => new { x.Id, x.Amount, x.Status }).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            Add("", f["Error.Duplicate", FundsRules.FormatPeriod(period), f["Source." + source].Value, existing.Id,
                Kernel.Money.FormatWan(existing.Amount), f["Status." + existing.Status].Value]);
            return errors;
        }
        record.Period = period;
        record.Amount = amount;
        record.Source = source;
        record.CapitalKind = form.CapitalKind;
        return errors;
    }

    internal sealed record ProjectFacts(int Id, int UnitId, DateOnly? SignedOn, OriginClass InvestorClass);

    private static Task<ProjectFacts?> ProjectAsync(AppDbContext db, int id, CancellationToken ct) =>
        db.Projects.AsNoTracking().Where(p => p.Id == id)
            .Join(db.Companies, p => p.CompanyId, c => c.Id, (p, c) => new ProjectFacts(p.Id, p.UnitId, p.SignedOn, c.OriginClass))
            .SingleOrDefaultAsync(ct);

    /// <summary>The record through the unit filter, at the version the client read.</summary>
    private async Task<(FundsRecord? Record, FundsResult? Refused)> OpenAsync(AppDbContext db, long id, int version, CancellationToken ct)
    {
        var record = await db.FundsRecords.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (record is null) return (null, FundsResult.Fail(CommandOutcome.NotFound, "", f["Error.NotFound"]));
        if (record.Version != version) return (null, Stale());
        db.Entry(record).Property(x => x.Version).OriginalValue = version;
        return (record, null);
    }

    internal static Task<bool> LockedAsync(AppDbContext db, int period, CancellationToken ct) =>
        db.MonthLocks.AnyAsync(m => m.Period == period && m.IsLocked, ct);

    private string Locked(int period) => f["Error.MonthLocked", FundsRules.FormatPeriod(period)];

    private async Task<FundsResult> SaveAsync(AppDbContext db, FundsRecord record, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return FundsResult.Success(record.Id, record.Version);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale();
        }
        catch (OutOfScopeException)
        {
            return FundsResult.Fail(CommandOutcome.NotFound, "", f["Error.NotFound"]);
        }
        catch (Kernel.InvalidTextException e) { return Invalid("Reason", e.Message); }
        catch (DbUpdateException)
        {
            // The unique key caught the same project, month and source saved at the same moment.
            return Stale();
        }
    }

    private FundsResult Stale() => FundsResult.Fail(CommandOutcome.Stale, "", f["Error.Stale"]);

    private static FundsResult Invalid(string field, string message) => FundsResult.Fail(CommandOutcome.Invalid, field, message);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private Task Demand(Operation operation, long? id) =>
        AdminGuard.DemandAsync(actor, audit, operation, ObjectType, id is { } x ? Id(x) : null);
}
