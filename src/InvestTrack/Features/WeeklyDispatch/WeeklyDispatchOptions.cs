namespace InvestTrack.Features.WeeklyDispatch;

/// <summary>
/// Configuration section "WeeklyDispatch": when a week's dispatch is due (WeeklyDispatch:Deadline:Day and :Time, China
/// time; Friday 17:00 by default) and the first week the product keeps dispatches for (earlier weeks are refused and
/// never counted as missing).
/// </summary>
public sealed class WeeklyDispatchOptions
{
    public const string Section = "WeeklyDispatch";

    public DeadlineOptions Deadline { get; set; } = new();

    /// <summary>The week holding this date is the first that may be reported and that punctuality counts.</summary>
    public DateOnly StartsOn { get; set; } = new(2026, 1, 1);

    public WeeklyDispatchWeek FirstWeek => WeeklyDispatchWeek.Containing(StartsOn);

    public DateTimeOffset DeadlineOf(WeeklyDispatchWeek week) => week.Deadline(Deadline.Day, Deadline.Time);

    public sealed class DeadlineOptions
    {
        public DayOfWeek Day { get; set; } = DayOfWeek.Friday;
        public TimeOnly Time { get; set; } = new(17, 0);
    }
}
