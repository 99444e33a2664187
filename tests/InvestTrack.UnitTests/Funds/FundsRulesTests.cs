using InvestTrack.Features.Funds;

namespace InvestTrack.UnitTests.Funds;

public class FundsRulesTests
{
    private static readonly DateOnly Today = new(2025, 8, 20);
    private static readonly DateOnly SignedMarch = new(2025, 3, 31);

    private static IReadOnlyList<string> Month(int period, DateOnly? signed = null, bool locked = false) =>
        FundsRules.CheckMonth(new FundsFacts(period, signed ?? SignedMarch, locked, Today));

    [Theory]
    [InlineData("0", FundsRules.AmountNotPositive)]
    [InlineData("-5", FundsRules.AmountNotPositive)]
    [InlineData("12.345", FundsRules.AmountPrecision)]
    [InlineData("1000000000.01", FundsRules.AmountTooLarge)]
    public void Bad_amounts_are_refused(string wan, string expected) =>
        Assert.Equal(expected, FundsRules.CheckAmount(decimal.Parse(wan, System.Globalization.CultureInfo.InvariantCulture), out _));

    [Fact]
    public void An_amount_is_kept_exactly_in_hundredths()
    {
        Assert.Null(FundsRules.CheckAmount(1234.56m, out var hundredths));
        Assert.Equal(123_456L, hundredths);
        Assert.Null(FundsRules.CheckAmount(0.01m, out var cent));
        Assert.Equal(1L, cent);
    }

    [Fact]
    public void The_signing_month_and_later_months_up_to_now_are_accepted()
    {
        Assert.Empty(Month(202503));
        Assert.Empty(Month(202508));
    }

    [Fact]
    public void A_month_before_signing_or_on_an_unsigned_project_is_refused()
    {
        Assert.Equal([FundsRules.BeforeSigning], Month(202502));
        Assert.Equal([FundsRules.Unsigned], FundsRules.CheckMonth(new FundsFacts(202505, null, false, Today)));
    }

    [Fact]
    public void A_future_month_in_China_time_is_refused()
    {
        Assert.Equal([FundsRules.FutureMonth], Month(202509));
        // 2025-08-31 16:30 UTC is already 1 September in China: September is no longer in the future.
        var clock = new FixedClock(new DateTimeOffset(2025, 8, 31, 16, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2025, 9, 1), FundsRules.TodayInChina(clock));
    }

    [Fact]
    public void A_locked_month_is_refused_and_all_problems_are_listed()
    {
        Assert.Equal([FundsRules.MonthLocked], Month(202505, locked: true));
        Assert.Equal([FundsRules.FutureMonth, FundsRules.BeforeSigning, FundsRules.MonthLocked],
            Month(202610, signed: new DateOnly(2026, 11, 1), locked: true));
    }

    [Theory]
    [InlineData("2025-08", 202508)]
    [InlineData("2025-8", 202508)]
    [InlineData(" 2025-12 ", 202512)]
    public void Months_read_as_yyyy_mm(string text, int expected)
    {
        Assert.True(FundsRules.TryParsePeriod(text, out var period));
        Assert.Equal(expected, period);
        Assert.Equal(FundsRules.FormatPeriod(expected), $"{expected / 100}-{expected % 100:D2}");
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025-00")]
    [InlineData("202508")]
    [InlineData("2025/08")]
    [InlineData("25-08")]
    [InlineData("2025-08-01")]
    [InlineData("")]
    public void Other_month_texts_are_refused(string text) => Assert.False(FundsRules.TryParsePeriod(text, out _));

    [Fact]
    public void Every_record_is_editable_a_change_needs_a_new_audit_only_uncounted_ones_are_deleted_and_nobody_audits_their_own()
    {
        Assert.All(Enum.GetValues<FundsAuditStatus>(), s => Assert.True(FundsRules.IsEditable(s)));
        Assert.All(Enum.GetValues<FundsAuditStatus>(), s => Assert.Equal(FundsAuditStatus.Pending, FundsRules.AfterChange(s)));
        Assert.True(FundsRules.IsDeletable(FundsAuditStatus.Pending));
        Assert.True(FundsRules.IsDeletable(FundsAuditStatus.Returned));
        Assert.False(FundsRules.IsDeletable(FundsAuditStatus.Audited));
        Assert.False(FundsRules.MayAudit("city", "City"));
        Assert.True(FundsRules.MayAudit("tiexi", "city"));
        Assert.False(FundsRules.MayAudit("tiexi", null));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
