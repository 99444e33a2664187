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

/// <summary>
/// The app's clock with China Standard Time as its local zone. Components that ask a TimeProvider for "local now"
/// (MudBlazor's calendar marks today with it) then agree with <see cref="ChinaTime"/> on a server kept in UTC, where the
/// calendar otherwise marked yesterday — before the earliest date allowed — between midnight and 08:00 in the city.
/// </summary>
public sealed class ChinaTimeProvider(TimeProvider inner) : TimeProvider
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("China Standard Time", ChinaTime.Offset, "中国标准时间", "China Standard Time");

    public override TimeZoneInfo LocalTimeZone => Zone;
    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();
    public override long GetTimestamp() => inner.GetTimestamp();
    public override long TimestampFrequency => inner.TimestampFrequency;
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
