using InvestTrack.Features.WeeklyDispatch;
using Microsoft.Extensions.Configuration;

namespace InvestTrack.UnitTests.WeeklyDispatch;

public class WeeklyDispatchOptionsTests
{
    [Fact]
    public void The_deadline_is_Friday_17_00_unless_configured_as_a_day_and_a_time()
    {
        Assert.Equal((DayOfWeek.Friday, new TimeOnly(17, 0)), (new WeeklyDispatchOptions().Deadline.Day, new WeeklyDispatchOptions().Deadline.Time));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeeklyDispatch:Deadline:Day"] = "Thursday",
            ["WeeklyDispatch:Deadline:Time"] = "12:30",
            ["WeeklyDispatch:StartsOn"] = "2026-03-01",
        }).Build();
        var options = configuration.GetSection(WeeklyDispatchOptions.Section).Get<WeeklyDispatchOptions>()!;
        Assert.Equal((DayOfWeek.Thursday, new TimeOnly(12, 30)), (options.Deadline.Day, options.Deadline.Time));
        Assert.Equal("2026-W09", options.FirstWeek.ToString()); // 1 March 2026 is a Sunday
        Assert.Equal(new DateTimeOffset(2026, 12, 10, 4, 30, 0, TimeSpan.Zero), options.DeadlineOf(WeeklyDispatchWeek.Of(2026, 50)!.Value));
    }
}
