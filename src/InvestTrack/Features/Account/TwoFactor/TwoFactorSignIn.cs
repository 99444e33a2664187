using System.Security.Claims;
using InvestTrack.Data;
using InvestTrack.Features.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Account.TwoFactor;

public enum TwoFactorOutcome
{
    SignedIn,
    /// <summary>Wrong, used or malformed code, locked or disabled account: one answer for all.</summary>
    Refused,
    /// <summary>No password step behind this request (or it is older than five minutes): back to the password.</summary>
    NoPasswordStep,
}

/// <summary>
/// The code step of signing in (docs/security.md 11). After the right password, <see cref="PasswordSignIn"/> puts the
/// user into Identity's two-factor cookie (IdentityConstants.TwoFactorUserIdScheme: the user's id and security stamp,
/// five minutes); here a code of the user's factor, or one of their recovery codes, completes the sign-in. A wrong code
/// counts towards the same lockout as a wrong password (PasswordSignIn.CountFailureAsync) and shares the sign-in's
/// per-address limit (LoginRateLimit); a code is good once, also when two requests bring it at the same moment (the
/// user's concurrency stamp lets one of them save).
/// </summary>
public sealed class TwoFactorSignIn(SignInManager<AppUser> signIn, UserManager<AppUser> users, AppDbContext db, PasswordSignIn passwords,
    IEnumerable<ISecondFactor> factors, RecoveryCodes recoveryCodes, TimeProvider clock)
{
    public const string PasswordAcceptedAction = "SignInFactorRequired";
    public const string FailedAction = "TwoFactorFailed";
    public const string RecoveryCodeUsedAction = "RecoveryCodeUsed";
    private const string StampClaim = "stamp";

    /// <summary>The password step is done: remember who, for the code page, in Identity's two-factor cookie.</summary>
    public static Task StartAsync(HttpContext http, AppUser user)
    {
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Id));
        identity.AddClaim(new Claim(StampClaim, user.SecurityStamp ?? ""));
        return http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>Whether this request comes after a password step (the code page shows its form only then).</summary>
    public async Task<AppUser?> PendingUserAsync()
    {
        var result = await signIn.Context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (result.Principal?.FindFirstValue(ClaimTypes.Name) is not { } id) return null;
        var user = await users.FindByIdAsync(id);
        // A new security stamp (locked meanwhile, password reset, factor reset) voids the password step.
        return user is not null && user.SecurityStamp == result.Principal.FindFirstValue(StampClaim) ? user : null;
    }

    public async Task<(TwoFactorOutcome Outcome, AppUser? User)> VerifyAsync(string? code, bool recovery)
    {
        var user = await PendingUserAsync();
        if (user is null) return (TwoFactorOutcome.NoPasswordStep, null);
        if (user.IsDisabled || await users.IsLockedOutAsync(user))
        {
            passwords.Audit(FailedAction, user.Id, "Refused", user.UserName!, user.IsDisabled ? "Disabled" : "LockedOut");
            await db.SaveChangesAsync();
            return (TwoFactorOutcome.Refused, null);
        }
        var now = clock.GetUtcNow();
        var factor = factors.FirstOrDefault(f => f.IsEnrolled(user));
        var accepted = recovery ? recoveryCodes.Use(user, code) : factor is not null && factor.Verify(user, code ?? "", now);
        if (!accepted)
        {
            await db.Entry(user).ReloadAsync();
            await passwords.CountFailureAsync(user, user.UserName!, FailedAction, recovery ? "WrongRecoveryCode" : "WrongCode");
            return (TwoFactorOutcome.Refused, null);
        }
        if (recovery) passwords.Audit(RecoveryCodeUsedAction, user.Id, "Success", user.UserName!, $"left:{RecoveryCodes.Left(user)}");
        passwords.Audit("SignIn", user.Id, "Success", user.UserName!, recovery ? "recovery-code" : factor!.Kind);
        (user.AccessFailedCount, user.FirstFailedSignInAt) = (0, null);
        // A new concurrency stamp: of two requests bringing the same code at once, only the first saves.
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            foreach (var pending in db.ChangeTracker.Entries<Audit.AuditEntry>().ToList()) pending.State = EntityState.Detached;
            await db.Entry(user).ReloadAsync();
            await passwords.CountFailureAsync(user, user.UserName!, FailedAction, "CodeUsed");
            return (TwoFactorOutcome.Refused, null);
        }
        await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInAsync(user, isPersistent: false);
        return (TwoFactorOutcome.SignedIn, user);
    }
}
