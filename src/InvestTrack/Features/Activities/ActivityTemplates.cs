using InvestTrack.Data;
using InvestTrack.Features.Admin;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Statistics;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Activities;

/// <summary>The activities wording in force, the default, and the placeholders with their meanings.</summary>
public sealed record ActivityTemplateView(string Text, bool Saved, int? Version, string Default, IReadOnlyList<PlaceholderInfo> Placeholders, bool CanEdit);

/// <summary>
/// The administrator-editable wording of the activities sentence, kept like the dispatch wording (ReportTemplates, key
/// "activities"): the saved one, else the contract's. Only city staff (EditReportTemplates) change it; saves are
/// checked with the template language, audited and version-checked by AppDbContext.
/// </summary>
public sealed class ActivityTemplates(IDbContextFactory<AppDbContext> contexts, CurrentUser user, AuditLog audit, IStringLocalizer<StatisticsResource> t)
{
    public const string Key = "activities";

    public async Task<ActivityTemplateView> GetAsync(CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(user, audit, Operation.ViewRecords, nameof(ReportTemplate), Key);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var saved = await SavedAsync(db, ct);
        return new ActivityTemplateView(Effective(saved?.Text), saved is not null, saved?.Version, ActivityWording.DefaultTemplate,
            [.. ActivityWording.Placeholders.Select(p => new PlaceholderInfo(p, ActivityWording.Meanings[p]))], user.Can(Operation.EditReportTemplates));
    }

    public static async Task<string> EffectiveAsync(AppDbContext db, CancellationToken ct) => Effective((await SavedAsync(db, ct))?.Text);

    /// <summary>A saved wording that no longer passes the check falls back rather than break every report.</summary>
    public static string Effective(string? saved) =>
        !string.IsNullOrWhiteSpace(saved) && ParagraphTemplate.Check(saved, ActivityWording.Placeholders).Count == 0 ? saved : ActivityWording.DefaultTemplate;

    public List<string> Problems(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [t["Template.Empty"]];
        if (text.Length > ReportTemplate.MaxTextLength) return [t["Template.TooLong", ReportTemplate.MaxTextLength]];
        return [.. ParagraphTemplate.Check(text, ActivityWording.Placeholders).Select(p => t["Template.Problem", p].Value)];
    }

    public async Task<TemplateSaveResult> SaveAsync(DispatchTemplateForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(user, audit, Operation.EditReportTemplates, nameof(ReportTemplate), Key);
        if (Problems(form.Text) is { Count: > 0 } problems) return TemplateSaveResult.Invalid(problems);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Set<ReportTemplate>().SingleOrDefaultAsync(x => x.Key == Key, ct);
        if (row?.Version != form.Version) return TemplateSaveResult.Conflict(t["Template.Stale"]);
        if (row is null) db.Add(row = new ReportTemplate { Key = Key });
        (row.Text, row.UpdatedBy, row.UpdatedAt) = (form.Text!, user.UserName ?? "", DateTimeOffset.UtcNow);
        var result = await AdminResult.SaveAsync(db, t["Template.Stale"], t["Template.Stale"], ct);
        return result.Ok ? TemplateSaveResult.Success : TemplateSaveResult.Conflict(t["Template.Stale"]);
    }

    public async Task<TemplateSaveResult> ResetAsync(int? version, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(user, audit, Operation.EditReportTemplates, nameof(ReportTemplate), Key);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.Set<ReportTemplate>().SingleOrDefaultAsync(x => x.Key == Key, ct);
        if (row?.Version != version) return TemplateSaveResult.Conflict(t["Template.Stale"]);
        if (row is null) return TemplateSaveResult.Success;
        db.Remove(row);
        var result = await AdminResult.SaveAsync(db, t["Template.Stale"], t["Template.Stale"], ct);
        return result.Ok ? TemplateSaveResult.Success : TemplateSaveResult.Conflict(t["Template.Stale"]);
    }

    private static Task<ReportTemplate?> SavedAsync(AppDbContext db, CancellationToken ct) =>
        db.Set<ReportTemplate>().AsNoTracking().SingleOrDefaultAsync(x => x.Key == Key, ct);
}
