namespace InvestTrack.Kernel;

/// <summary>
/// The city's calendar: China Standard Time (UTC+8, no daylight saving). "Today" in a rule is today there, read
/// from the app's <see cref="TimeProvider"/> so that tests can stop the clock.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly DateOf(DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(Offset).DateTime);

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());
}
