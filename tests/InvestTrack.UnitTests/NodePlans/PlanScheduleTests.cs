using InvestTrack.Features.NodePlans;

namespace InvestTrack.UnitTests.NodePlans;

public class PlanScheduleTests
{
    private static readonly DateOnly Signed = new(2026, 3, 2);

    [Fact]
    public void A_sequence_adds_each_duration_to_the_one_before()
    {
        var due = PlanSchedule.DueDates(Signed, [new(1, 0, []), new(2, 30, [1]), new(3, 10, [2])]);
        Assert.Equal([Signed, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 11)], [due[1], due[2], due[3]]);
    }

    [Fact]
    public void Parallel_steps_both_start_from_the_step_they_follow_and_a_join_waits_for_the_later()
    {
        // 签约 → 立项 → (用地 90 ∥ 规划 60) → 施工许可 30 → 开工 30 → 竣工 365 → 投产 60: the default template.
        var due = PlanSchedule.DueDates(Signed,
            [new(1, 0, []), new(2, 30, [1]), new(3, 90, [2]), new(4, 60, [2]), new(5, 30, [3, 4]), new(6, 30, [5]), new(7, 365, [6]), new(8, 60, [7])]);
        Assert.Equal(new DateOnly(2026, 4, 1), due[2]);
        Assert.Equal(new DateOnly(2026, 6, 30), due[3]);
        Assert.Equal(new DateOnly(2026, 5, 31), due[4]);
        Assert.Equal(new DateOnly(2026, 7, 30), due[5]); // 30 days after 用地, the later branch
        Assert.Equal(new DateOnly(2026, 8, 29), due[6]);
        Assert.Equal(new DateOnly(2027, 8, 29), due[7]);
        Assert.Equal(new DateOnly(2027, 10, 28), due[8]);
    }

    [Fact]
    public void A_join_takes_the_later_branch_whichever_comes_first_in_number()
    {
        var due = PlanSchedule.DueDates(Signed, [new(1, 0, []), new(2, 50, [1]), new(3, 5, [1]), new(4, 1, [3, 2]), new(5, 7, [])]);
        Assert.Equal(Signed.AddDays(51), due[4]);
        Assert.Equal(Signed.AddDays(7), due[5]); // nothing to follow: counted from the signing date
    }

    [Theory]
    [InlineData("签约", StepCloses.Signing)]
    [InlineData("开工", StepCloses.Start)]
    [InlineData("竣工", StepCloses.Production)]
    [InlineData("投产", StepCloses.Production)]
    [InlineData("用地", StepCloses.Milestone)]
    [InlineData("环评", StepCloses.Manual)]
    public void Steps_close_from_what_the_project_records(string name, StepCloses closes) =>
        Assert.Equal(closes, PlanSchedule.ClosesFrom(name, ["立项", "用地", "规划", "施工许可"]));

    [Fact]
    public void Follows_round_trip() =>
        Assert.Equal([2, 3], PlanSchedule.ParseFollows(PlanSchedule.FormatFollows([3, 2, 3])));
}
