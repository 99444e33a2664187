using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Audit;

/// <summary>
/// Who acted, in words: a person by name and login; the system by what it was doing (系统初始化, not "startup").
/// The trail stores the raw actor name (CurrentUser.SetSystem), so old entries read well too.
/// </summary>
public static class AuditActors
{
    private const string SystemRole = "Operator";

    public static string Describe(AuditRow row, IStringLocalizer audit, IStringLocalizer jobs) =>
        Describe(row.UserName, row.UserDisplayName, row.Role, audit, jobs);

    public static string Describe(string? userName, string? displayName, string? role, IStringLocalizer audit, IStringLocalizer jobs)
    {
        if (string.IsNullOrEmpty(userName)) return audit["Actor.Anonymous"];
        if (role != SystemRole)
            return displayName is { Length: > 0 } && displayName != userName ? audit["Actor.Person", displayName, userName] : userName;
        return userName switch
        {
            "startup" => audit["Actor.Startup"],
            "outbox" => audit["Actor.Outbox"],
            "revalidation" => audit["Actor.Revalidation"],
            _ when userName.StartsWith("cli:", StringComparison.Ordinal) => audit["Actor.CommandLine", userName[4..]],
            _ when userName.StartsWith("job:", StringComparison.Ordinal) => audit["Actor.Job", JobTitle(jobs, userName[4..])],
            _ => audit["Actor.System", userName],
        };
    }

    private static string JobTitle(IStringLocalizer jobs, string key) =>
        jobs[$"Job.{key}.Title"] is { ResourceNotFound: false } title ? title.Value : key;
}
