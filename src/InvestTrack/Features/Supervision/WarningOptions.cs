namespace InvestTrack.Features.Supervision;

/// <summary>
/// The configurable thresholds of the default rules; the defaults are the contract's (docs/supervision.md). A published
/// bulletin stores the options it used, so these are plain data.
/// </summary>
public sealed record WarningOptions
{
    public static readonly WarningOptions Default = new();

    public PlanStepLateOptions PlanStepLate { get; init; } = new();
    public SignedNotStartedOptions SignedNotStarted { get; init; } = new();
    public NoProgressOptions NoProgress { get; init; } = new();
    public BehindPaceOptions BehindPace { get; init; } = new();
    public LeadClockOverdueOptions LeadClockOverdue { get; init; } = new();
}

/// <summary>Yellow for an open step due within <paramref name="YellowDaysAhead"/> days after the 旬's end.</summary>
public sealed record PlanStepLateOptions(bool Enabled = true, int YellowDaysAhead = 5);

/// <summary>Yellow from <paramref name="YellowFromDays"/> days after signing up to <paramref name="RedAfterDays"/>; red beyond.</summary>
public sealed record SignedNotStartedOptions(bool Enabled = true, int YellowFromDays = 150, int RedAfterDays = 180);

/// <summary>Yellow from <paramref name="YellowFromDays"/> days without progress up to <paramref name="RedAfterDays"/>; red beyond.</summary>
public sealed record NoProgressOptions(bool Enabled = true, int YellowFromDays = 30, int RedAfterDays = 45);

/// <summary>Yellow below pace; red below pace − <paramref name="RedPointsBelowPace"/> percentage points.</summary>
public sealed record BehindPaceOptions(bool Enabled = true, decimal RedPointsBelowPace = 10m);

/// <summary>Yellow for an open clock due within <paramref name="YellowWorkingDaysAhead"/> working days.</summary>
public sealed record LeadClockOverdueOptions(bool Enabled = true, int YellowWorkingDaysAhead = 1);
