using InvestTrack.Kernel;

namespace InvestTrack.UnitTests;

public sealed class ChinaTimeProviderTests
{
    private sealed class Fixed(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    [InlineData("2026-12-06T16:53:00Z", "2026-12-07")] // after 16:00 UTC it is already tomorrow in the city
    [InlineData("2026-12-06T15:59:59Z", "2026-12-06")]
    [InlineData("2026-12-31T23:00:00Z", "2027-01-01")]
    public void Local_now_is_the_citys_whatever_the_servers_zone(string utc, string cityDate)
    {
        var clock = new ChinaTimeProvider(new Fixed(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
        var local = clock.GetLocalNow();
        Assert.Equal(TimeSpan.FromHours(8), local.Offset);
        Assert.Equal(DateOnly.Parse(cityDate, System.Globalization.CultureInfo.InvariantCulture), DateOnly.FromDateTime(local.Date));
        // The same day as the rules' "today".
        Assert.Equal(ChinaTime.Today(clock), DateOnly.FromDateTime(local.Date));
    }
}
