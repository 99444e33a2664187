using InvestTrack.Features.Jobs;
using Quartz;

namespace InvestTrack.UnitTests.Jobs;

/// <summary>A job's daily China time becomes a UTC cron expression that fires at that China time every day.</summary>
public sealed class JobDefinitionTests
{
    [Theory]
    [InlineData(0, 30, "0 30 16 * * ?")]
    [InlineData(8, 0, "0 0 0 * * ?")]
    [InlineData(7, 59, "0 59 23 * * ?")]
    [InlineData(23, 5, "0 5 15 * * ?")]
    public void Daily_China_time_is_a_UTC_cron(int hour, int minute, string cron)
    {
        var definition = new JobDefinition("x", typeof(object), new TimeOnly(hour, minute));
        Assert.Equal(cron, definition.Cron);
        var next = new CronExpression(definition.Cron, TimeZoneInfo.Utc)
            .GetNextValidTimeAfter(new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.FromHours(8)))!.Value;
        Assert.Equal((hour, minute), (next.ToOffset(TimeSpan.FromHours(8)).Hour, next.ToOffset(TimeSpan.FromHours(8)).Minute));
    }
}
