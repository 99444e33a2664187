using InvestTrack.Features.Projects;

namespace InvestTrack.UnitTests.Projects;

public class ProjectRulesTests
{
    [Theory]
    [InlineData("2026-220302-13-03-012345", true)]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWX", true)]
    [InlineData("2026-220302-13-03-01234", false)]
    [InlineData("2026-220302-13-03-0123456", false)]
    [InlineData("2026-220302-13-03-01234a", false)]
    [InlineData("2026_220302_13_03_012345", false)]
    [InlineData("２026-220302-13-03-012345", false)]
    public void National_code_is_24_digits_capitals_or_dashes(string code, bool valid) =>
        Assert.Equal(valid, ProjectRules.IsNationalCode(code));

    [Fact]
    public void Milestone_kinds_are_the_defaults_then_configured_ones_once()
    {
        Assert.Equal(["立项", "用地", "规划", "施工许可"], ProjectRules.MilestoneKinds(null));
        Assert.Equal(["立项", "用地", "规划", "施工许可", "环评", "能评"], ProjectRules.MilestoneKinds([" 环评 ", "立项", "", "能评", "环评"]));
    }

    [Fact]
    public void Time_in_stage_adds_up_the_stays_and_the_last_runs_until_now()
    {
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var changes = new[]
        {
            (t0.AddDays(10), ProjectStage.Talks), (t0, ProjectStage.Lead), (t0.AddDays(15), ProjectStage.Lead), (t0.AddDays(20), ProjectStage.Talks),
        };
        var times = ProjectRules.TimeInStage(changes, t0.AddDays(30));
        Assert.Equal([(ProjectStage.Lead, TimeSpan.FromDays(15)), (ProjectStage.Talks, TimeSpan.FromDays(15))], times);
        Assert.Empty(ProjectRules.TimeInStage([], t0));
    }

    [Fact]
    public void Timeline_merges_by_date_newest_first_in_China_time()
    {
        // 2026-03-01 20:00 UTC is 2026-03-02 in China.
        var stage = new StageChangeRow(1, null, ProjectStage.Lead, ProjectStatus.Active, ProjectStatus.Active,
            new DateTimeOffset(2026, 3, 1, 20, 0, 0, TimeSpan.Zero), "张华", null);
        var progress = new ProgressRow(1, new DateOnly(2026, 3, 2), "洽谈", null, null, "张华", DateTimeOffset.UnixEpoch);
        var older = new ProgressRow(2, new DateOnly(2026, 2, 1), "接触", null, null, "张华", DateTimeOffset.UnixEpoch);
        var planned = new MilestoneRow("用地", new DateOnly(2026, 6, 1), null, 1);
        var done = new MilestoneRow("立项", new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 10), 2);
        var unset = new MilestoneRow("规划", null, null, 0);
        var history = new ProjectHistory([stage], [progress, older], [planned, done, unset], []);

        var items = Timeline.Merge(history);
        Assert.Equal(
            [(new DateOnly(2026, 6, 1), TimelineKind.MilestonePlanned), (new DateOnly(2026, 3, 2), TimelineKind.Stage),
             (new DateOnly(2026, 3, 2), TimelineKind.Progress), (new DateOnly(2026, 2, 10), TimelineKind.MilestoneDone),
             (new DateOnly(2026, 2, 1), TimelineKind.Progress)],
            items.Select(i => (i.Date, i.Kind)));
    }

    [Fact]
    public void Clean_drops_blanks_and_trims() =>
        Assert.Equal(((string?)null, (string?)null, "张三"), (ProjectRules.Clean(null), ProjectRules.Clean("  "), ProjectRules.Clean(" 张三 ")));
}
