using InvestTrack.Features.Projects;
using InvestTrack.Kernel;

namespace InvestTrack.UnitTests.Projects;

/// <summary>Dates of what happened lie between 1990-01-01 and today in China; planned dates between 1990 and 2100.</summary>
public class ProjectDateRulesTests
{
    private static readonly DateOnly Today = new(2026, 7, 1);

    [Theory]
    [InlineData("0001-01-01", DateProblem.TooEarly)]
    [InlineData("1989-12-31", DateProblem.TooEarly)]
    [InlineData("1990-01-01", DateProblem.None)]
    [InlineData("2026-07-01", DateProblem.None)]
    [InlineData("2026-07-02", DateProblem.Future)]
    [InlineData("9999-12-31", DateProblem.Future)]
    public void What_happened_lies_between_1990_and_today(string date, DateProblem expected) =>
        Assert.Equal(expected, ProjectRules.CheckHappened(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Today));

    [Theory]
    [InlineData("0001-01-01", DateProblem.TooEarly)]
    [InlineData("1989-12-31", DateProblem.TooEarly)]
    [InlineData("1990-01-01", DateProblem.None)]
    [InlineData("2030-05-01", DateProblem.None)]
    [InlineData("2100-12-31", DateProblem.None)]
    [InlineData("2101-01-01", DateProblem.TooLate)]
    [InlineData("9999-12-31", DateProblem.TooLate)]
    public void A_plan_may_lie_ahead_within_reason(string date, DateProblem expected) =>
        Assert.Equal(expected, ProjectRules.CheckPlanned(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Each_stage_date_out_of_range_is_named_by_its_field()
    {
        var dates = new StageDates(new DateOnly(1, 1, 1), Today, Today.AddDays(1), HasSigningKind: true);
        Assert.Equal([(nameof(StageDates.SignedOn), DateProblem.TooEarly), (nameof(StageDates.InProductionOn), DateProblem.Future)],
            ProjectRules.CheckHappened(dates, Today));
        Assert.Empty(ProjectRules.CheckHappened(new StageDates(null, null, null, false), Today));
        // The names are the form's and the command's fields, which the API's errors are keyed by.
        Assert.NotNull(typeof(ProjectForm).GetProperty(nameof(StageDates.InProductionOn)));
        Assert.NotNull(typeof(StageCommand).GetProperty(nameof(StageDates.SignedOn)));
    }

    [Fact]
    public void Today_is_the_date_in_China_from_the_apps_clock()
    {
        Assert.Equal(new DateOnly(2026, 6, 30), ChinaTime.Today(new FixedClock(new DateTimeOffset(2026, 6, 30, 15, 59, 59, TimeSpan.Zero))));
        Assert.Equal(new DateOnly(2026, 7, 1), ChinaTime.Today(new FixedClock(new DateTimeOffset(2026, 6, 30, 16, 0, 0, TimeSpan.Zero))));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
