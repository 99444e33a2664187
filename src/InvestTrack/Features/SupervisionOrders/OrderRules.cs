namespace InvestTrack.Features.SupervisionOrders;

/// <summary>
/// When an order is overdue, on the China date <c>today</c>: its plan deadline has passed without a plan (still 已下发),
/// or its fix deadline has passed without acceptance. A deadline is the last day allowed, so it is missed the day after.
/// </summary>
public static class OrderRules
{
    /// <summary>The new-order form's deadlines, days from today (the city changes them at will).</summary>
    public const int DefaultPlanDays = 7, DefaultFixDays = 30;

    public static bool IsOverdue(OrderStatus status, DateOnly planDueOn, DateOnly fixDueOn, DateOnly today) =>
        (status == OrderStatus.Issued && planDueOn < today) || (status != OrderStatus.Accepted && fixDueOn < today);

    /// <summary>Days since the first missed deadline (0 when not overdue).</summary>
    public static int DaysOverdue(OrderStatus status, DateOnly planDueOn, DateOnly fixDueOn, DateOnly today)
    {
        if (status == OrderStatus.Issued && planDueOn < today) return today.DayNumber - planDueOn.DayNumber;
        if (status != OrderStatus.Accepted && fixDueOn < today) return today.DayNumber - fixDueOn.DayNumber;
        return 0;
    }

    /// <summary>办结按期: accepted on or before the fix deadline.</summary>
    public static bool ClosedOnTime(DateOnly? closedOn, DateOnly fixDueOn) => closedOn is { } c && c <= fixDueOn;
}
