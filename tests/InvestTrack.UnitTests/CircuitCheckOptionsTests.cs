using InvestTrack.Infrastructure.Auth;

namespace InvestTrack.UnitTests;

/// <summary>docs/security.md 7: an open page checks its user at least once a minute (Security:CircuitCheckSeconds).</summary>
public sealed class CircuitCheckOptionsTests
{
    [Fact]
    public void The_default_is_a_minute()
    {
        var options = new CircuitCheckOptions();
        Assert.Equal(TimeSpan.FromMinutes(1), options.Interval);
        Assert.Empty(options.Problems());
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(60, true)]
    [InlineData(0, false)]
    [InlineData(-5, false)]
    [InlineData(61, false)]
    [InlineData(3600, false)]
    public void Only_one_to_sixty_seconds_are_accepted(int seconds, bool accepted)
    {
        var problems = new CircuitCheckOptions { CircuitCheckSeconds = seconds }.Problems().ToList();
        Assert.Equal(accepted, problems.Count == 0);
        if (!accepted) Assert.Contains($"{CircuitCheckOptions.Key} = {seconds}", Assert.Single(problems), StringComparison.Ordinal);
    }
}
