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
/// security admin sends a user whose role requires one to enrol again, and a password that has grown too old holds its
/// user at the change page.
/// </summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, IDbContextFactory<AppDbContext> dbFactory,
    Features.Account.TwoFactor.TwoFactorPolicy twoFactor, Features.Account.PasswordExpiry passwords)
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
        // The value says why (a one-time password, an expired one), for the change page's words.
        if (passwords.ReasonFor(user) is var reason and not Features.Account.PasswordChangeReason.None)
            identity.AddClaim(new Claim(AppClaims.MustChangePassword, reason.ToString()));
        if (twoFactor.Requires(role) && user.TotpSecret is null) identity.AddClaim(new Claim(AppClaims.MustEnrolFactor, "1"));
        return identity;
    }
}
