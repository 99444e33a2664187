namespace InvestTrack.Features.Projects;

/// <summary>What is wrong with a date (<see cref="ProjectRules.CheckHappened(DateOnly, DateOnly)"/>, <see cref="ProjectRules.CheckPlanned"/>).</summary>
public enum DateProblem { None, TooEarly, Future, TooLate }

/// <summary>Pure rules of a project record, unit-tested; the service, the pages and the import apply them.</summary>
public static class ProjectRules
{
    /// <summary>No record the platform keeps happened before 1990: an earlier date (0001-01-01) is a typo or a blank cell.</summary>
    public static readonly DateOnly EarliestDate = new(1990, 1, 1);

    /// <summary>A plan beyond 2100 is a typo (9999-12-31), not a plan.</summary>
    public static readonly DateOnly LatestPlannedDate = new(2100, 12, 31);

    /// <summary>
    /// A date of something that happened — signed, started, in production, a milestone reached, a progress
    /// note: not after <paramref name="today"/> (in China, from the app's clock: <see cref="Kernel.ChinaTime"/>) and not before 1990.
    /// </summary>
    public static DateProblem CheckHappened(DateOnly date, DateOnly today) =>
        date < EarliestDate ? DateProblem.TooEarly : date > today ? DateProblem.Future : DateProblem.None;

    /// <summary>A planned date (a milestone's) may lie ahead, but within 1990–2100.</summary>
    public static DateProblem CheckPlanned(DateOnly date) =>
        date < EarliestDate ? DateProblem.TooEarly : date > LatestPlannedDate ? DateProblem.TooLate : DateProblem.None;

    /// <summary>
    /// The stage dates that break <see cref="CheckHappened(DateOnly, DateOnly)"/>, each with its field
    /// (<see cref="StageDates.SignedOn"/>, <see cref="StageDates.StartedOn"/>, <see cref="StageDates.InProductionOn"/>,
    /// the names of the form's and the command's fields too).
    /// </summary>
    public static IReadOnlyList<(string Field, DateProblem Problem)> CheckHappened(StageDates dates, DateOnly today)
    {
        var problems = new List<(string, DateProblem)>();
        void Check(string field, DateOnly? date)
        {
            if (date is { } d && CheckHappened(d, today) is not DateProblem.None and var problem) problems.Add((field, problem));
        }
        Check(nameof(StageDates.SignedOn), dates.SignedOn);
        Check(nameof(StageDates.StartedOn), dates.StartedOn);
        Check(nameof(StageDates.InProductionOn), dates.InProductionOn);
        return problems;
    }

    /// <summary>The approval milestones every project has; more come from configuration (Projects:MilestoneKinds).</summary>
    public static readonly IReadOnlyList<string> DefaultMilestoneKinds = ["立项", "用地", "规划", "施工许可"];

    /// <summary>全国投资项目代码: exactly 24 characters of 0-9, A-Z and "-" (e.g. 2024-220302-13-03-012345).</summary>
    public static bool IsNationalCode(string code) =>
        code.Length == 24 && code.All(c => c is >= '0' and <= '9' or >= 'A' and <= 'Z' or '-');

    /// <summary>Default kinds first, then configured ones, each once, blanks dropped.</summary>
    public static IReadOnlyList<string> MilestoneKinds(IEnumerable<string>? configured) =>
        [.. DefaultMilestoneKinds.Concat((configured ?? []).Select(k => k.Trim()).Where(k => k.Length is > 0 and <= 50)).Distinct(StringComparer.Ordinal)];

    /// <summary>Trimmed text, or null when blank: optional fields never store whitespace.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// How long the project spent in each stage, from its stage changes (any order): a stay lasts from one
    /// change to the next, the last one until <paramref name="now"/>. Returning to a stage adds up.
    /// </summary>
    public static IReadOnlyList<(ProjectStage Stage, TimeSpan Time)> TimeInStage(IEnumerable<(DateTimeOffset At, ProjectStage To)> changes, DateTimeOffset now)
    {
        var ordered = changes.OrderBy(c => c.At).ToList();
        var totals = new Dictionary<ProjectStage, TimeSpan>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var end = i + 1 < ordered.Count ? ordered[i + 1].At : now;
            var span = end > ordered[i].At ? end - ordered[i].At : TimeSpan.Zero;
            totals[ordered[i].To] = totals.GetValueOrDefault(ordered[i].To) + span;
        }
        return [.. StageRules.Stages.Where(totals.ContainsKey).Select(s => (s, totals[s]))];
    }
}
