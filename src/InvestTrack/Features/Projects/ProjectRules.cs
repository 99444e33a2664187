namespace InvestTrack.Features.Projects;

/// <summary>Pure rules of a project record, unit-tested; the service applies them.</summary>
public static class ProjectRules
{
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
