using InvestTrack.Features.SupervisionOrders;

namespace InvestTrack.UnitTests.SupervisionOrders;

/// <summary>Overdue, days overdue, closed on time, the on-time rate and the number format, on hand-made cases.</summary>
public sealed class OrderRulesTests
{
    private static readonly DateOnly Plan = new(2026, 6, 20);
    private static readonly DateOnly Fix = new(2026, 6, 30);

    [Theory]
    [InlineData(OrderStatus.Issued, "2026-06-20", false, 0)]          // the deadline day itself is still in time
    [InlineData(OrderStatus.Issued, "2026-06-21", true, 1)]           // no plan the day after
    [InlineData(OrderStatus.PlanSubmitted, "2026-06-25", false, 0)]   // plan in, fix not yet due
    [InlineData(OrderStatus.PlanSubmitted, "2026-07-01", true, 1)]
    [InlineData(OrderStatus.Answered, "2026-07-03", true, 3)]         // answered but not accepted in time
    [InlineData(OrderStatus.Issued, "2026-07-03", true, 13)]          // counted from the first missed deadline
    [InlineData(OrderStatus.Accepted, "2026-08-01", false, 0)]
    public void Overdue_counts_from_the_first_missed_deadline(OrderStatus status, string today, bool overdue, int days)
    {
        var day = DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(overdue, OrderRules.IsOverdue(status, Plan, Fix, day));
        Assert.Equal(days, OrderRules.DaysOverdue(status, Plan, Fix, day));
    }

    [Fact]
    public void Closed_on_time_means_accepted_by_the_fix_deadline()
    {
        Assert.True(OrderRules.ClosedOnTime(Fix, Fix));
        Assert.False(OrderRules.ClosedOnTime(Fix.AddDays(1), Fix));
        Assert.False(OrderRules.ClosedOnTime(null, Fix));
    }

    [Theory]
    [InlineData(1, 3, "33.33")]
    [InlineData(2, 3, "66.67")]
    [InlineData(0, 4, "0.00")]
    [InlineData(0, 0, "100.00")]
    [InlineData(5, 5, "100.00")]
    public void The_on_time_rate_is_an_exact_percentage_shown_with_two_decimals(int onTime, int due, string shown) =>
        Assert.Equal(shown, Math.Round(OrdersOnTimeSource.Rate(onTime, due), 2, MidpointRounding.AwayFromZero).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void The_on_time_rate_is_not_rounded_before_scoring() => Assert.Equal(100m / 3, OrdersOnTimeSource.Rate(1, 3));

    [Fact]
    public void Numbers_read_as_official_documents_do() => Assert.Equal("督〔2026〕12号", OrderNumber.Format(2026, 12));
}
