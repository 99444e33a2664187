using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;

namespace InvestTrack.Features.Companies;

/// <summary>
/// The duplicate scan and merge reach across units (a merge moves other units' projects), so they belong to
/// those who edit records citywide: EditRecords with scope All in the access matrix.
/// </summary>
public static class CityStaff
{
    public static bool Is(CurrentUser user) =>
        user.IsSystem || user.Role is { } role && AccessPolicy.ScopeOf(role, Operation.EditRecords) == AccessScope.All;

    /// <summary>Refuses (audited) anyone else.</summary>
    public static async Task DemandAsync(CurrentUser user, AuditLog audit, string objectType, string? objectId = null)
    {
        if (Is(user)) return;
        await audit.WriteAsync("Refused", objectType, objectId, result: "Refused",
            details: AdminGuard.Serialize(new { operation = nameof(Operation.EditRecords), scope = nameof(AccessScope.All) }));
        throw new UnauthorizedAccessException($"{user.UserName ?? "anonymous"} may not merge or scan companies citywide");
    }
}
