using InvestTrack.Data;
using InvestTrack.Features.Admin;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.Statistics;

/// <summary>Where the wording in force comes from.</summary>
public enum TemplateSource { Default, Configuration, Saved }

/// <summary>The dispatch wording in force, what it falls back to, and the placeholders with their meanings.</summary>
public sealed record DispatchTemplateView(
    string Text, TemplateSource Source, int? Version, string? UpdatedBy, DateTimeOffset? UpdatedAt, string Fallback,
    IReadOnlyList<PlaceholderInfo> Placeholders, bool CanEdit);

public sealed record PlaceholderInfo(string Name, string Meaning);

/// <summary>A save of the wording: Version is the version read (null when none was saved).</summary>
public sealed record DispatchTemplateForm(string? Text, int? Version);

/// <summary>
/// The administrator-editable wording of the dispatch paragraph, kept in the database. The wording in force is
/// the saved one, else configuration "Statistics:DispatchTemplate", else the contract's. Only city staff
/// (EditReportTemplates in the access matrix) change it; saves are validated with the template
/// language, audited and version-checked by AppDbContext.
/// </summary>
public sealed class DispatchTemplates(IDbContextFactory<AppDbContext> contexts, CurrentUser user, AuditLog audit,
    IOptions<StatisticsOptions> options, IStringLocalizer<StatisticsResource> t)
{
    private const string ObjectType = nameof(ReportTemplate);

    /// <summary>EditReportTemplates in the access matrix (city staff).</summary>
    public bool CanEdit => user.Can(Operation.EditReportTemplates);

    public async Task<DispatchTemplateView> GetAsync(CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(user, audit, Operation.ViewRecords, ObjectType, ReportTemplate.Dispatch);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var saved = await SavedAsync(db, ct);
        var fallback = options.Value.Template;
        var source = saved is not null ? TemplateSource.Saved
            : string.IsNullOrWhiteSpace(options.Value.DispatchTemplate) ? TemplateSource.Default : TemplateSource.Configuration;
        return new DispatchTemplateView(Effective(saved?.Text, options.Value), source, saved?.Version, saved?.UpdatedBy, saved?.UpdatedAt, fallback,
            [.. DispatchText.Placeholders.Select(p => new PlaceholderInfo(p, DispatchText.Meanings[p]))], CanEdit);
    }

    /// <summary>The wording in force, read on the caller's context (the report's).</summary>
    public static async Task<string> EffectiveAsync(AppDbContext db, StatisticsOptions options, CancellationToken ct) =>
        Effective((await SavedAsync(db, ct))?.Text, options);

    /// <summary>
    /// Saved, else configured, else the contract's. A saved wording that no longer passes the check (a
    /// placeholder retired by a later version) falls back rather than break every report.
    /// </summary>
    public static string Effective(string? saved, StatisticsOptions options) =>
        !string.IsNullOrWhiteSpace(saved) && ParagraphTemplate.Check(saved, DispatchText.Placeholders).Count == 0 ? saved : options.Template;

    /// <summary>Every problem of a wording, in the user's language; empty when it can be saved.</summary>
    public List<string> Problems(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [t["Template.Empty"]];
        if (text.Length > ReportTemplate.MaxTextLength) return [t["Template.TooLong", ReportTemplate.MaxTextLength]];
        return [.. ParagraphTemplate.Check(text, DispatchText.Placeholders).Select(p => t["Template.Problem", p].Value)];
    }

    public async Task<TemplateSaveResult> SaveAsync(DispatchTemplateForm form, CancellationToken ct = default)
    {
        await DemandEditAsync();
        if (Problems(form.Text) is { Count: > 0 } problems) return TemplateSaveResult.Invalid(problems);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Set<ReportTemplate>().SingleOrDefaultAsync(x => x.Key == ReportTemplate.Dispatch, ct);
        if (row?.Version != form.Version) return TemplateSaveResult.Conflict(t["Template.Stale"]);
        if (row is null) db.Add(row = new ReportTemplate { Key = ReportTemplate.Dispatch });
        (row.Text, row.UpdatedBy, row.UpdatedAt) = (form.Text!, user.UserName ?? "", DateTimeOffset.UtcNow);
        return await SaveChangesAsync(db, ct);
    }

    /// <summary>恢复默认: removes the saved wording, so configuration or the contract's wording applies again.</summary>
    public async Task<TemplateSaveResult> ResetAsync(int? version, CancellationToken ct = default)
    {
        await DemandEditAsync();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Set<ReportTemplate>().SingleOrDefaultAsync(x => x.Key == ReportTemplate.Dispatch, ct);
        if (row?.Version != version) return TemplateSaveResult.Conflict(t["Template.Stale"]);
        if (row is null) return TemplateSaveResult.Success;
        db.Remove(row);
        return await SaveChangesAsync(db, ct);
    }

    private async Task<TemplateSaveResult> SaveChangesAsync(AppDbContext db, CancellationToken ct)
    {
        // A stale version, or a first save by someone else at the same moment (unique key): reload and retry.
        var result = await AdminResult.SaveAsync(db, t["Template.Stale"], t["Template.Stale"], ct);
        return result.Ok ? TemplateSaveResult.Success : TemplateSaveResult.Conflict(t["Template.Stale"]);
    }

    private Task DemandEditAsync() => AdminGuard.DemandAsync(user, audit, Operation.EditReportTemplates, ObjectType, ReportTemplate.Dispatch);

    private static Task<ReportTemplate?> SavedAsync(AppDbContext db, CancellationToken ct) =>
        db.Set<ReportTemplate>().AsNoTracking().SingleOrDefaultAsync(x => x.Key == ReportTemplate.Dispatch, ct);
}

/// <summary>The outcome of a save: Problems for the text field, or a stale version, or success.</summary>
public sealed record TemplateSaveResult(IReadOnlyList<string> Problems, bool Stale)
{
    public static readonly TemplateSaveResult Success = new([], false);
    public bool Ok => Problems.Count == 0;
    public static TemplateSaveResult Invalid(IReadOnlyList<string> problems) => new(problems, false);
    public static TemplateSaveResult Conflict(string message) => new([message], true);
}
