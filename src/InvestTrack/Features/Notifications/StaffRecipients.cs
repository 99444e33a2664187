using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Notifications;

/// <summary>An enabled user who may be notified, with the unit and role that decide what concerns them.</summary>
public sealed record StaffMember(string UserId, int UnitId, string Role);

public static class StaffRecipients
{
    /// <summary>The enabled users holding one of <paramref name="roles"/>.</summary>
    public static Task<List<StaffMember>> InRolesAsync(AppDbContext db, IReadOnlyCollection<string> roles, CancellationToken ct) =>
        (from u in db.Users.AsNoTracking()
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where !u.IsDisabled && roles.Contains(r.Name!)
         select new StaffMember(u.Id, u.UnitId, r.Name!)).ToListAsync(ct);
}
