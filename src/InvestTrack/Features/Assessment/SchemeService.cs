using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Supervision;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Assessment;

/// <summary>
/// The year's 考核 scheme, in versions: everyone who reads records reads them; city staff (Operation.ManageAssessment)
/// edit the draft and publish it. A published version is frozen: an edit of it makes the next version, a draft. A
/// scheme is checked by the kernel (AssessmentValidation) and by the rules of this feature before anything is saved;
/// publishing also needs a data source for every indicator. Changes are audited by AppDbContext.
/// </summary>
public sealed partial class SchemeService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<AssessmentResource> t,
    IStringLocalizer<SupervisionResource> kernelText, IEnumerable<IAssessmentIndicatorSource> sources, TimeProvider clock)
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    private const decimal MaxPoints = 100m;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public bool CanManage => actor.Can(Operation.ManageAssessment);

    public async Task<IReadOnlyList<SchemeView>> ListAsync(int? year, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(SchemeVersion));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.SchemeVersions.AsNoTracking();
        if (year is { } y) rows = rows.Where(s => s.Year == y);
        return [.. (await rows.OrderByDescending(s => s.Year).ThenByDescending(s => s.Number).ToListAsync(ct)).Select(View)];
    }

    public async Task<SchemeView?> GetAsync(int id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(SchemeVersion));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SchemeVersions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is { } s ? View(s) : null;
    }

    /// <summary>A new draft of the year (the next version number); refused while the year has a draft already.</summary>
    public async Task<CommandResult> CreateAsync(SchemeCreateForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageAssessment, nameof(SchemeVersion), form.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (form.Year is < MinYear or > MaxYear) return Invalid(nameof(form.Year), t["Scheme.Error.Year", MinYear, MaxYear]);
        var config = Clean(form.Configuration ?? SchemeConfig.Default);
        if (Check(config) is { } refused) return refused;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await AddDraftAsync(db, form.Year, config, ct);
    }

    /// <summary>Replaces a draft's configuration; of a published version, makes the next version as a draft instead.</summary>
    public async Task<CommandResult> EditAsync(int id, SchemeEditForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageAssessment, nameof(SchemeVersion), Id(id));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scheme = await db.SchemeVersions.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (scheme is null) return NotFound();
        if (form.Configuration is null) return Invalid("Configuration", t["Scheme.Error.Missing"]);
        if (scheme.Version != form.Version) return Stale();
        var config = Clean(form.Configuration);
        if (Check(config) is { } refused) return refused;
        if (scheme.State == SchemeState.Published) return await AddDraftAsync(db, scheme.Year, config, ct);
        db.Entry(scheme).Property(s => s.Version).OriginalValue = form.Version;
        scheme.Configuration = Serialize(config);
        Touch(scheme);
        return await SaveAsync(db, scheme, ct);
    }

    /// <summary>Freezes a draft: checked again, and every indicator must have a registered data source.</summary>
    public async Task<CommandResult> PublishAsync(int id, PublishForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageAssessment, nameof(SchemeVersion), Id(id));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scheme = await db.SchemeVersions.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (scheme is null) return NotFound();
        if (scheme.Version != form.Version) return Stale();
        if (scheme.State == SchemeState.Published) return Invalid("", t["Scheme.Error.AlreadyPublished", scheme.Year, scheme.Number]);
        var config = Deserialize(scheme.Configuration);
        if (Check(config) is { } refused) return refused;
        var unsourced = config.Indicators.Where(i => !HasSource(i.Code)).Select(i => t["Scheme.Error.NoSource", IndicatorName(i.Code)].Value).ToArray();
        if (unsourced.Length > 0) return new CommandResult(CommandOutcome.Invalid, new Dictionary<string, string[]> { ["Indicators"] = unsourced });
        db.Entry(scheme).Property(s => s.Version).OriginalValue = form.Version;
        scheme.State = SchemeState.Published;
        scheme.PublishedAt = clock.GetUtcNow();
        scheme.PublishedBy = actor.UserName;
        Touch(scheme);
        return await SaveAsync(db, scheme, ct);
    }

    /// <summary>The version in force for a year's rankings: its latest published one.</summary>
    internal static Task<SchemeVersion?> InForceAsync(AppDbContext db, int year, CancellationToken ct) =>
        db.SchemeVersions.AsNoTracking().Where(s => s.Year == year && s.State == SchemeState.Published)
            .OrderByDescending(s => s.Number).FirstOrDefaultAsync(ct);

    public bool HasSource(string code) => sources.Any(s => s.Code == code);

    public string IndicatorName(string code) => AssessmentIndicators.IsKnown(code) ? t[$"Indicator.{code}"] : code;

    /// <summary>A kernel refusal in the user's language, indicator codes shown by their names (and unit or item codes by <paramref name="unitNames"/>).</summary>
    public string Message(AssessmentProblem problem, IReadOnlyDictionary<string, string>? unitNames = null) =>
        new AssessmentProblem(problem.Key, [.. problem.Args.Select(a => a is string s
            ? AssessmentIndicators.IsKnown(s) ? IndicatorName(s) : unitNames?.GetValueOrDefault(s) ?? s
            : a)]).Message(kernelText);

    public static string Serialize(SchemeConfig config) => JsonSerializer.Serialize(config, Json);

    public static SchemeConfig Deserialize(string json) => JsonSerializer.Deserialize<SchemeConfig>(json, Json)!;

    /// <summary>The kernel's rules, then this feature's: known codes, where each target comes from, items named.</summary>
    private CommandResult? Check(SchemeConfig config)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);
        var indicators = config.Indicators;
        var items = config.Items;
        if (indicators.Count == 0) Add("Indicators", t["Scheme.Error.NoIndicators"]);
        foreach (var i in indicators)
        {
            if (i is null) { Add("Indicators", t["Scheme.Error.Missing"]); continue; }
            if (!AssessmentIndicators.IsKnown(i.Code ?? "")) { Add("Indicators", t["Scheme.Error.UnknownIndicator", i.Code ?? ""]); continue; }
            if (!Enum.IsDefined(i.Method)) Add("Indicators", t["Scheme.Error.Method", IndicatorName(i.Code!)]);
            var annual = AssessmentIndicators.AnnualTarget(i.Code!) is not null;
            if (annual && i.Target is not null) Add("Indicators", t["Scheme.Error.TargetFromAnnual", IndicatorName(i.Code!)]);
            if (!annual && i.Target is null) Add("Indicators", t["Scheme.Error.TargetNeeded", IndicatorName(i.Code!)]);
            if (i.Target is { } target && target <= 0) Add("Indicators", t["Scheme.Error.TargetNotPositive", IndicatorName(i.Code!), target]);
        }
        foreach (var item in items)
        {
            if (item is null) { Add("Items", t["Scheme.Error.Missing"]); continue; }
            if (string.IsNullOrWhiteSpace(item.Code) || !ItemCode().IsMatch(item.Code)) Add("Items", t["Scheme.Error.ItemCode", item.Code ?? ""]);
            if (string.IsNullOrWhiteSpace(item.Name) || item.Name.Trim().Length > 50) Add("Items", t["Scheme.Error.ItemName", item.Code ?? ""]);
            if (item.Points > MaxPoints) Add("Items", t["Scheme.Error.ItemPoints", item.Name ?? item.Code ?? "", MaxPoints]);
        }
        if (errors.Count == 0)
        {
            var itemNames = items.GroupBy(i => i.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
            foreach (var problem in AssessmentValidation.CheckScheme(config.ToKernel()))
                Add(problem.Key.Contains("Item", StringComparison.Ordinal) ? "Items" : "Indicators", Message(problem, itemNames));
        }
        return errors.Count == 0 ? null : new CommandResult(CommandOutcome.Invalid, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    private async Task<CommandResult> AddDraftAsync(AppDbContext db, int year, SchemeConfig config, CancellationToken ct)
    {
        var versions = await db.SchemeVersions.Where(s => s.Year == year).Select(s => new { s.Number, s.State }).ToListAsync(ct);
        if (versions.FirstOrDefault(v => v.State == SchemeState.Draft) is { } draft) return Invalid("", t["Scheme.Error.DraftExists", year, draft.Number]);
        var scheme = new SchemeVersion
        {
            Year = year, Number = versions.Count == 0 ? 1 : versions.Max(v => v.Number) + 1, State = SchemeState.Draft,
            Configuration = Serialize(config), Version = 1,
        };
        Touch(scheme);
        db.SchemeVersions.Add(scheme);
        return await SaveAsync(db, scheme, ct);
    }

    /// <summary>Missing lists as empty ones, item codes and names trimmed: what is checked is what is stored.</summary>
    private static SchemeConfig Clean(SchemeConfig config) => new(
        [.. (config.Indicators ?? []).Select(i => i is null ? null! : i with { Code = i.Code?.Trim()! })],
        [.. (config.Items ?? []).Select(i => i is null ? null! : i with { Code = i.Code?.Trim()!, Name = i.Name?.Trim()! })]);

    private void Touch(SchemeVersion scheme)
    {
        scheme.UpdatedAt = clock.GetUtcNow();
        scheme.UpdatedBy = actor.UserName;
    }

    private async Task<CommandResult> SaveAsync(AppDbContext db, SchemeVersion scheme, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return CommandResult.Success(scheme.Id, scheme.Version);
        }
        // A stale version, or a second version of the year made at the same moment (the unique index).
        catch (DbUpdateException) { return Stale(); }
        catch (Kernel.InvalidTextException e) { return Invalid(e.Field, e.Message); }
    }

    private static SchemeView View(SchemeVersion s) =>
        new(s.Id, s.Year, s.Number, s.State, Deserialize(s.Configuration), s.UpdatedAt, s.UpdatedBy, s.PublishedAt, s.PublishedBy, s.Version);

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static CommandResult Invalid(string field, string message) => CommandResult.Fail(CommandOutcome.Invalid, field, message);

    private CommandResult NotFound() => CommandResult.Fail(CommandOutcome.NotFound, "", t["Scheme.Error.NotFound"]);

    private CommandResult Stale() => CommandResult.Fail(CommandOutcome.Stale, "", t["Stale"]);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex ItemCode();
}
