using InvestTrack.Features.Account;

namespace InvestTrack.UnitTests;

/// <summary>A refused sign-in answers no sooner than the slowest recent refusal (issue 14 item 1), and never waits more than a second.</summary>
public sealed class RefusalPaceTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void A_quick_refusal_waits_for_the_slowest_recent_one()
    {
        var pace = new RefusalPace();
        Assert.Equal(TimeSpan.Zero, pace.WaitFor(Ms(120)));
        Assert.Equal(Ms(15), pace.WaitFor(Ms(105)));
        Assert.Equal(TimeSpan.Zero, pace.WaitFor(Ms(130)));
        Assert.Equal(Ms(30), pace.WaitFor(Ms(100)));
    }

    [Fact]
    public void An_outlier_costs_at_most_a_second_and_is_forgotten_after_32_refusals()
    {
        var pace = new RefusalPace();
        pace.WaitFor(Ms(5_000));
        Assert.Equal(TimeSpan.FromSeconds(1), pace.WaitFor(Ms(100)));
        for (var i = 0; i < 31; i++) pace.WaitFor(Ms(100));
        Assert.Equal(TimeSpan.Zero, pace.WaitFor(Ms(100)));
    }
}
