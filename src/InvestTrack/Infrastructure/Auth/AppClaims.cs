namespace InvestTrack.Infrastructure.Auth;

public static class AppClaims
{
    public const string UnitId = "investtrack:unit";
    public const string UnitName = "investtrack:unit_name";
    public const string DisplayName = "investtrack:display_name";
    public const string UnitScope = "investtrack:unit_scope";
    /// <summary>The user must choose a new password first; the value is why (Features/Account/PasswordChangeReason: OneTime, Expired).</summary>
    public const string MustChangePassword = "investtrack:must_change_password";
    /// <summary>The user's role requires a second factor and the user has none yet (Features/Account/TwoFactor).</summary>
    public const string MustEnrolFactor = "investtrack:must_enrol_factor";
    /// <summary>The sign-in moment (Unix seconds), for the 12-hour limit of an open circuit (SessionCookie.Absolute).</summary>
    public const string SessionStarted = "investtrack:session_started";
}
