namespace InvestTrack.Infrastructure.Auth;

/// <summary>The five roles. A user has exactly one of them (三员分立: the admin and auditor roles exclude every other).</summary>
public static class Roles
{
    public const string SystemAdmin = "SystemAdmin";
    public const string Auditor = "Auditor";
    public const string CityAdmin = "CityAdmin";
    public const string UnitUser = "UnitUser";
    public const string Leader = "Leader";

    public static readonly IReadOnlyList<string> All = [SystemAdmin, Auditor, CityAdmin, UnitUser, Leader];
}
