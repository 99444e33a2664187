using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;

namespace InvestTrack.Features.Account;

/// <summary>Why a user must choose a new password before anything else.</summary>
public enum PasswordChangeReason
{
    None,
    /// <summary>A one-time password given by an administrator or at set-up (<see cref="AppUser.MustChangePassword"/>).</summary>
    OneTime,
    /// <summary>The password is older than <see cref="PasswordExpiry.MaxAgeDays"/> (docs/security.md 9).</summary>
    Expired,
}

/// <summary>
/// Passwords expire after <c>Security:PasswordMaxAgeDays</c> (90 by default; 0: never), counted from
/// <see cref="AppUser.PasswordChangedAt"/> (or the account's creation when that is unknown). An expired password is held
/// at the change page exactly as a one-time password is: the claim <see cref="AppClaims.MustChangePassword"/> says why.
/// The age is read from <see cref="SessionClock"/>, wall-clock time like a session's, not from the app's TimeProvider,
/// which tests move by months to reach a deadline.
/// </summary>
public sealed class PasswordExpiry(int maxAgeDays, SessionClock clock)
{
    public const string Key = "Security:PasswordMaxAgeDays";
    public const int DefaultDays = 90;
    /// <summary>Ten years: beyond that an expiry means nothing, and a larger number of days would overflow a time span.</summary>
    public const int MostDays = 3650;

    public int MaxAgeDays { get; } = maxAgeDays;

    /// <summary>The configured age, read at start-up: a value out of range stops the app with the key's name.</summary>
    public static int MaxAgeDaysFrom(IConfiguration configuration)
    {
        var days = configuration.GetValue(Key, DefaultDays);
        if (days is < 0 or > MostDays)
            throw new Data.ConfigurationException(Key, $"{days}, not 0 (never expires) or a number of days from 1 to {MostDays}");
        return days;
    }

    /// <summary>The rule itself: a password older than <paramref name="maxAgeDays"/> days has expired; 0 never expires.</summary>
    public static bool IsExpired(DateTimeOffset? changedAt, DateTimeOffset createdAt, DateTimeOffset now, int maxAgeDays) =>
        maxAgeDays > 0 && now - (changedAt ?? createdAt) > TimeSpan.FromDays(maxAgeDays);

    public bool IsExpired(AppUser user) => IsExpired(user.PasswordChangedAt, user.CreatedAt, clock.Now, MaxAgeDays);

    public PasswordChangeReason ReasonFor(AppUser user) =>
        user.MustChangePassword ? PasswordChangeReason.OneTime
        : IsExpired(user) ? PasswordChangeReason.Expired
        : PasswordChangeReason.None;

    public bool MustChange(AppUser user) => ReasonFor(user) != PasswordChangeReason.None;

    /// <summary>The moment a new password is recorded as chosen (<see cref="AppUser.PasswordChangedAt"/>), on the clock the age is read from.</summary>
    public DateTimeOffset Now => clock.Now;
}
