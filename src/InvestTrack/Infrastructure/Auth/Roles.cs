namespace InvestTrack.Infrastructure.Auth;

/// <summary>
/// The six roles. A user has exactly one of them (三员分立: the system admin, the security admin and the auditor exclude
/// each other and every business role).
/// </summary>
public static class Roles
{
    public const string SystemAdmin = "SystemAdmin";
    /// <summary>安全管理员: unlocks accounts, resets second factors, ends sessions; reads no records and no audit trail.</summary>
    public const string SecurityAdmin = "SecurityAdmin";
    public const string Auditor = "Auditor";
    public const string CityAdmin = "CityAdmin";
    public const string UnitUser = "UnitUser";
    public const string Leader = "Leader";

    public static readonly IReadOnlyList<string> All = [SystemAdmin, SecurityAdmin, Auditor, CityAdmin, UnitUser, Leader];

    /// <summary>The three administrators (三员): idle timeout 15 minutes, admin networks only, never a second role.</summary>
    public static readonly IReadOnlyList<string> Administrators = [SystemAdmin, SecurityAdmin, Auditor];
}
