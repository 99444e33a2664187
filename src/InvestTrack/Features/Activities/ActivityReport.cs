using InvestTrack.Data;
using InvestTrack.Features.Statistics;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Activities;

/// <summary>The activities report of a period: figures, sentence and the records behind each figure.</summary>
public sealed record ActivityReportResult(ActivityFigures Figures, string Sentence, ActivityDrill Records);

public enum ActivityReportError { None, Forbidden, BadPeriod, UnitNotFound }

/// <summary>
/// The one entry to the activity statistics for the page, the API and the command line: checks the right to view
/// records, resolves the unit within the user's scope (a unit user without a chosen unit gets the own unit; a foreign
/// unit is "not found"), then counts in SQL and writes the sentence in the wording in force.
/// </summary>
public sealed class ActivityReport(IReadDbContextFactory contexts, CurrentUser user)
{
    public async Task<(ActivityReportResult? Report, ActivityReportError Error)> ComputeAsync(int year, int from, int to, int? unitId,
        LeaderLevel? level, bool records = true, CancellationToken ct = default)
    {
        if (!user.Can(Operation.ViewRecords)) return (null, ActivityReportError.Forbidden);
        if (ActivityPeriod.Of(year, from, to) is not { } period) return (null, ActivityReportError.BadPeriod);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var (scope, error) = await ReportScope.ResolveAsync(db, user, year, to, unitId, ct);
        if (scope is null) return (null, error == DispatchReportError.UnitNotFound ? ActivityReportError.UnitNotFound : ActivityReportError.Forbidden);
        var figures = await ActivityQueries.ComputeAsync(db, period, scope.UnitId, scope.Name, level, await CityShortNameAsync(db, ct), ct);
        var template = await ActivityTemplates.EffectiveAsync(db, ct);
        var drill = records ? await ActivityDrillQueries.ComputeAsync(db, period, scope.UnitId, level, ct) : ActivityDrill.Empty;
        return (new ActivityReportResult(figures, ActivityWording.Sentence(figures, template), drill), ActivityReportError.None);
    }

    /// <summary>
    /// 四平: the city's short name of the reference data (CitySettings.ShortName), else the city unit's name. The city
    /// unit's own short name is 市本级 (the city as a unit among units), which is not how the city names itself to visitors.
    /// </summary>
    public static async Task<string> CityShortNameAsync(AppDbContext db, CancellationToken ct)
    {
        var settings = await db.CitySettings.AsNoTracking().Select(c => new { c.CityUnitCode, c.ShortName }).FirstOrDefaultAsync(ct);
        if (!string.IsNullOrWhiteSpace(settings?.ShortName)) return settings.ShortName;
        return await db.Units.AsNoTracking().Where(u => u.Code == settings!.CityUnitCode).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "";
    }

    /// <summary>A unit given by its code, name or short name (command line); null when there is none.</summary>
    public async Task<int?> FindUnitAsync(string codeOrName, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var text = codeOrName.Trim();
        return await db.Units.Where(u => u.Code == text || u.Name == text || u.ShortName == text).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
    }
}
