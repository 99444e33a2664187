using InvestTrack.Data;
using InvestTrack.Features.Account;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using Microsoft.Extensions.Configuration;

namespace InvestTrack.UnitTests;

/// <summary>docs/security.md 9: a password older than Security:PasswordMaxAgeDays (90 by default; 0: never) must be changed.</summary>
public class PasswordExpiryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static PasswordExpiry Expiry(int days) => new(days, new SessionClock(new FixedClock(Now)));

    [Theory]
    [InlineData(89, 90, false)]
    [InlineData(90, 90, false)]
    [InlineData(91, 90, true)]
    [InlineData(31, 30, true)]
    [InlineData(3000, 0, false)]
    public void A_password_older_than_the_maximum_age_has_expired(int daysOld, int maxAgeDays, bool expired) =>
        Assert.Equal(expired, PasswordExpiry.IsExpired(Now.AddDays(-daysOld), Now.AddDays(-5000), Now, maxAgeDays));

    [Fact]
    public void Past_the_maximum_by_a_minute_is_expired_a_minute_short_is_not()
    {
        Assert.True(PasswordExpiry.IsExpired(Now.AddDays(-90).AddMinutes(-1), Now, Now, 90));
        Assert.False(PasswordExpiry.IsExpired(Now.AddDays(-90).AddMinutes(1), Now, Now, 90));
    }

    [Fact]
    public void Without_a_recorded_change_the_age_counts_from_the_accounts_creation()
    {
        Assert.True(PasswordExpiry.IsExpired(null, Now.AddDays(-91), Now, 90));
        Assert.False(PasswordExpiry.IsExpired(null, Now.AddDays(-89), Now, 90));
        // A recent change counts, however old the account.
        Assert.False(PasswordExpiry.IsExpired(Now.AddDays(-1), Now.AddDays(-400), Now, 90));
    }

    [Fact]
    public void The_reason_is_the_one_time_password_first_then_the_age()
    {
        AppUser User(bool oneTime, int daysOld) => new()
        {
            DisplayName = "张三", UserName = "zhangsan", MustChangePassword = oneTime, PasswordChangedAt = Now.AddDays(-daysOld), CreatedAt = Now.AddDays(-daysOld),
        };
        var expiry = Expiry(90);
        Assert.Equal(PasswordChangeReason.None, expiry.ReasonFor(User(false, 89)));
        Assert.Equal(PasswordChangeReason.Expired, expiry.ReasonFor(User(false, 91)));
        Assert.Equal(PasswordChangeReason.OneTime, expiry.ReasonFor(User(true, 1)));
        Assert.Equal(PasswordChangeReason.OneTime, expiry.ReasonFor(User(true, 91)));
        Assert.False(expiry.MustChange(User(false, 89)));
        Assert.True(expiry.MustChange(User(false, 91)));
        Assert.False(Expiry(0).MustChange(User(false, 3000)));
        Assert.Equal(Now, expiry.Now);
    }

    private static IConfiguration Configuration(string? value) => new ConfigurationBuilder()
        .AddInMemoryCollection(value is null ? [] : [new(PasswordExpiry.Key, value)]).Build();

    [Theory]
    [InlineData(null, 90)]
    [InlineData("0", 0)]
    [InlineData("1", 1)]
    [InlineData("180", 180)]
    [InlineData("3650", 3650)]
    public void The_setting_is_read_with_90_days_by_default(string? value, int days) =>
        Assert.Equal(days, PasswordExpiry.MaxAgeDaysFrom(Configuration(value)));

    [Theory]
    [InlineData("-1")]
    [InlineData("3651")]
    public void A_setting_out_of_range_is_named(string value)
    {
        var e = Assert.Throws<ConfigurationException>(() => PasswordExpiry.MaxAgeDaysFrom(Configuration(value)));
        Assert.Equal(PasswordExpiry.Key, e.Key);
        Assert.Contains(value, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_setting_that_is_not_a_number_is_refused_with_its_name() =>
        Assert.Contains(PasswordExpiry.Key, Assert.Throws<InvalidOperationException>(() => PasswordExpiry.MaxAgeDaysFrom(Configuration("ninety"))).Message,
            StringComparison.Ordinal);
}
