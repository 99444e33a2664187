using System.Globalization;
using InvestTrack.Infrastructure.Auth;

namespace InvestTrack.Features.Statistics;

/// <summary>What a cached answer is: the dispatch figures and paragraph, or the dashboard.</summary>
public enum FiguresKind { DispatchFigures, Dashboard }

/// <summary>
/// Everything a cached answer depends on besides the data (docs/decisions/0010): what was asked (kind, period, the
/// resolved unit or null for the whole city), who may see what (<see cref="Scope"/>: the units the user's query filter
/// lets through, so users of the same scope share and no other), the language when the answer holds localised text,
/// the statistics settings, and the data version it was computed from.
/// </summary>
public sealed record FiguresKey(FiguresKind Kind, int Year, int Month, int? UnitId, string Scope, string Culture, string Settings, long Version)
{
    /// <summary>The key of a report about <paramref name="report"/>, asked by a user whose units are <paramref name="units"/>; version 0 until read.</summary>
    public static FiguresKey Of(FiguresKind kind, ReportScope report, UnitScope units, StatisticsOptions options, string culture = "") =>
        new(kind, report.Period.Year, report.Period.Month, report.UnitId, ScopeOf(units), culture, SettingsOf(options), 0);

    /// <summary>"*" for every unit, else the unit ids in ascending order: the same set always gives the same text.</summary>
    public static string ScopeOf(UnitScope units) =>
        units.All ? "*" : string.Join(',', units.UnitIds.Distinct().Order().Select(id => id.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The configured thresholds, counted source and wording: a change of configuration is a different answer.</summary>
    public static string SettingsOf(StatisticsOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"{o.DispatchThresholdWan}|{o.CountedSource}|{o.YiSigningThresholdWan}|{o.StartsThresholdWan}|{o.DispatchTemplate}");
}
