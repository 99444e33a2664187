using System.Globalization;
using InvestTrack.Features.Supervision;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Warnings;

/// <summary>A rule's result as a readable sentence, e.g. 节点「用地」计划 2026-10-05 完成，已逾期 26 天.</summary>
public static class WarningText
{
    public static string RuleName(IStringLocalizer<WarningResource> t, string ruleId) =>
        t[$"Rule.{ruleId}"] is { ResourceNotFound: false } name ? name.Value : ruleId;

    public static string Sentence(IStringLocalizer<WarningResource> t, WarningRuleResult r)
    {
        var date = r.Date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        var days = r.Days ?? 0;
        return r.RuleId switch
        {
            PlanStepLateRule.RuleId when r.Item is null => t["Fact.PlanStepLate.None"],
            PlanStepLateRule.RuleId => days > 0 ? t["Fact.PlanStepLate.Late", r.Item, date, days] : t["Fact.PlanStepLate.Due", r.Item, date, -days],
            SignedNotStartedRule.RuleId => t["Fact.SignedNotStarted", date, days],
            NoProgressRule.RuleId => t["Fact.NoProgress", date, days],
            BehindPaceRule.RuleId => t["Fact.BehindPace", Wan(r.Actual), Wan(r.Target), Percent(r.Completion), Percent(r.Pace), r.Months ?? 0],
            LeadClockOverdueRule.RuleId when r.Item is null => t["Fact.LeadClock.None"],
            LeadClockOverdueRule.RuleId => days > 0 ? t["Fact.LeadClock.Late", ClockName(t, r.Item), date, days]
                : t["Fact.LeadClock.Due", ClockName(t, r.Item), date, r.WorkingDaysLeft ?? 0],
            _ => string.Join(" ", new[] { r.Item, date, r.Days?.ToString(CultureInfo.InvariantCulture) }.Where(s => !string.IsNullOrEmpty(s))),
        };
    }

    private static string ClockName(IStringLocalizer<WarningResource> t, string kind) =>
        t[$"Clock.{kind}"] is { ResourceNotFound: false } name ? name.Value : kind;

    private static string Wan(decimal? wan) => (wan ?? 0).ToString("N2", CultureInfo.InvariantCulture);

    private static string Percent(decimal? ratio) => ratio is { } r ? SupervisionPace.ShownPercent(r).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Colour(IStringLocalizer<WarningResource> t, WarningColour? colour) => colour is { } c ? t[$"Colour.{c}"] : t["Colour.None"];

    /// <summary>The label of a stored 旬 key (2026-03-1 → 2026年3月上旬), or the key itself.</summary>
    /// <summary>A 旬 in the user's language (2026年11月下旬, Late Nov 2026).</summary>
    public static string Label(string xun) => Xun.TryParse(xun, out var x) ? x.Display(System.Globalization.CultureInfo.CurrentUICulture) : xun;

    public static string DateOf(DateTimeOffset? moment) => moment is { } m ? DisplayFormat.DateTime(m) : "";
}
