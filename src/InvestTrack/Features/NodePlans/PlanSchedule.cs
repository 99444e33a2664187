using System.Globalization;

namespace InvestTrack.Features.NodePlans;

/// <summary>A step as the schedule sees it: its number, duration and the earlier steps it follows.</summary>
public sealed record ScheduleStep(int Number, int DurationDays, IReadOnlyList<int> Follows);

/// <summary>
/// Due dates through the dependency graph, pure and unit-tested: a step with nothing to follow is due its duration after
/// the signing date (签约 itself, of 0 days, on the signing date); any other step its duration after the latest due date
/// of the steps it follows, so two parallel branches join at the later one.
/// </summary>
public static class PlanSchedule
{
    public const int MaxDurationDays = 3650;

    public static IReadOnlyDictionary<int, DateOnly> DueDates(DateOnly signedOn, IEnumerable<ScheduleStep> steps)
    {
        var due = new Dictionary<int, DateOnly>();
        // Steps follow only earlier numbers (PlanTemplates checks it), so one pass in number order suffices.
        foreach (var step in steps.OrderBy(s => s.Number))
        {
            var start = step.Follows.Count == 0 ? signedOn : step.Follows.Select(f => due[f]).Max();
            due[step.Number] = start.AddDays(step.DurationDays);
        }
        return due;
    }

    /// <summary>"2,3" → [2, 3]; blank → none.</summary>
    public static IReadOnlyList<int> ParseFollows(string? follows) =>
        string.IsNullOrWhiteSpace(follows) ? []
        : [.. follows.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => int.Parse(n, NumberStyles.None, CultureInfo.InvariantCulture)).Distinct().Order()];

    public static string? FormatFollows(IEnumerable<int> follows) =>
        follows.Distinct().Order().ToList() is { Count: > 0 } list ? string.Join(",", list) : null;

    /// <summary>
    /// How a step closes, from its name: 签约, 开工 and 竣工/投产 from the project's own dates (the project records 竣工投产 as one
    /// date), an approval milestone kind (立项, 用地, 规划, 施工许可 and configured ones) from that milestone's actual date, anything
    /// else by the unit on the plan.
    /// </summary>
    public static StepCloses ClosesFrom(string name, IEnumerable<string> milestoneKinds) => name switch
    {
        "签约" => StepCloses.Signing,
        "开工" => StepCloses.Start,
        "竣工" or "投产" or "竣工投产" => StepCloses.Production,
        _ when milestoneKinds.Contains(name) => StepCloses.Milestone,
        _ => StepCloses.Manual,
    };
}
