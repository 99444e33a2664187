using System.Security.Claims;
using InvestTrack.Data;
using InvestTrack.Features.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>
/// Puts the user's unit and unit scope into the sign-in cookie. The security stamp validator rebuilds
/// the principal every minute, so a changed unit, role or tree takes effect within a minute — and a factor reset by the
/// security admin sends a user whose role requires one to enrol again.
/// </summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, IDbContextFactory<AppDbContext> dbFactory,
    Features.Account.TwoFactor.TwoFactorPolicy twoFactor)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var role = identity.FindFirst(ClaimTypes.Role)?.Value ?? "";
        await using var db = dbFactory.CreateDbContext();
        var unitName = await db.Units.Where(u => u.Id == user.UnitId).Select(u => u.Name).SingleOrDefaultAsync() ?? "";
        var scope = await UnitScopeResolver.ResolveAsync(db, role, user.UnitId);
        identity.AddClaim(new Claim(AppClaims.UnitId, user.UnitId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(AppClaims.UnitName, unitName));
        identity.AddClaim(new Claim(AppClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(AppClaims.UnitScope, scope.ToClaimValue()));
        if (user.MustChangePassword) identity.AddClaim(new Claim(AppClaims.MustChangePassword, "1"));
        if (twoFactor.Requires(role) && user.TotpSecret is null) identity.AddClaim(new Claim(AppClaims.MustEnrolFactor, "1"));
        return identity;
    }
}
