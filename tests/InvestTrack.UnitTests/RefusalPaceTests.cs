using InvestTrack.Features.Account;

namespace InvestTrack.UnitTests;

/// <summary>
/// A refused sign-in answers no sooner than the third quartile of the recent refusals (issue 14 item 1); the slowest
/// quarter (a pause of the machine) sets no pace, and padding never exceeds <see cref="RefusalPace.MostPadding"/>.
/// </summary>
public sealed class RefusalPaceTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void A_quick_refusal_waits_for_the_third_quartile_of_the_recent_ones()
    {
        var pace = new RefusalPace();
        Assert.Equal(TimeSpan.Zero, pace.WaitFor(Ms(120)));
        Assert.Equal(Ms(15), pace.WaitFor(Ms(105))); // of 105 and 120 the quartile is 120
        Assert.Equal(TimeSpan.Zero, pace.WaitFor(Ms(130)));
        Assert.Equal(Ms(30), pace.WaitFor(Ms(100))); // of 100, 105, 120 and 130 it is 130
        Assert.Equal(Ms(20), pace.WaitFor(Ms(100))); // of 100, 100, 105, 120 and 130 it is 120
    }

    [Fact]
    public void The_slowest_quarter_sets_no_pace_and_padding_is_bounded()
    {
        var pace = new RefusalPace();
        for (var i = 0; i < 24; i++) pace.WaitFor(Ms(100));
        for (var i = 0; i < 7; i++) pace.WaitFor(Ms(5_000));
        // 24 of 100 ms, 7 of 5 s and this one: the third quartile is still 100 ms.
        Assert.Equal(TimeSpan.Zero, pace.WaitFor(Ms(100)));
        for (var i = 0; i < 8; i++) pace.WaitFor(Ms(5_000));
        // Now more than a quarter are slow: the wait is bounded.
        Assert.Equal(RefusalPace.MostPadding, pace.WaitFor(Ms(100)));
    }
}
