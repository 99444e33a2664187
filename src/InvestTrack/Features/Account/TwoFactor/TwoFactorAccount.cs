using InvestTrack.Data;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace InvestTrack.Features.Account.TwoFactor;

public enum TwoFactorChange { Done, WrongCode, Expired, Required, NotEnrolled, AlreadyEnrolled, Stale }

/// <summary>A secret offered for enrolment: the QR code's address, the secret to type in, and the form's sealed copy of it.</summary>
public sealed record TotpOffer(string KeyUri, string GroupedSecret, string Sealed);

/// <summary>
/// The signed-in user's own second factor (the account page /account/security): enrol with a code from the app, renew the
/// recovery codes and switch the factor off, each proved with a current code and audited with the change in one write.
/// The secret offered lives only in the form (sealed by Data Protection for 10 minutes and this user) until a code from
/// the app proves it was taken.
/// </summary>
public sealed class TwoFactorAccount(UserManager<AppUser> users, AppDbContext db, TotpFactor totp, RecoveryCodes recoveryCodes,
    TwoFactorPolicy policy, IDataProtectionProvider protection, SignInManager<AppUser> signIn, TimeProvider clock)
{
    public const string EnabledAction = "TwoFactorEnabled";
    public const string DisabledAction = "TwoFactorDisabled";
    public const string RegeneratedAction = "RecoveryCodesRegenerated";
    public const string Issuer = "InvestTrack";
    private static readonly TimeSpan OfferLife = TimeSpan.FromMinutes(10);

    private ITimeLimitedDataProtector Protector(AppUser user) =>
        protection.CreateProtector("InvestTrack.TotpEnrolment", user.Id).ToTimeLimitedDataProtector();

    public TotpOffer Offer(AppUser user)
    {
        var secret = Totp.NewSecret();
        var base32 = Base32.Encode(secret);
        return new TotpOffer(Totp.KeyUri(Issuer, user.UserName!, secret), Base32.Grouped(secret), Protector(user).Protect(base32, OfferLife));
    }

    /// <summary>The offer again, from its sealed form (a wrong code shows the same QR code); null when expired or not this user's.</summary>
    public TotpOffer? Reopen(AppUser user, string? sealedOffer)
    {
        if (Unseal(user, sealedOffer) is not { } base32 || Base32.Decode(base32) is not { } secret) return null;
        return new TotpOffer(Totp.KeyUri(Issuer, user.UserName!, secret), Base32.Grouped(secret), sealedOffer!);
    }

    public bool Required(string? role) => policy.Requires(role);

    /// <summary>Enrols the offered secret when the code proves the app has it; returns the ten recovery codes, shown once.</summary>
    public async Task<(TwoFactorChange Change, IReadOnlyList<string> Codes)> EnrolAsync(AppUser user, string? sealedOffer, string? code)
    {
        if (totp.IsEnrolled(user)) return (TwoFactorChange.AlreadyEnrolled, []);
        if (Unseal(user, sealedOffer) is not { } base32) return (TwoFactorChange.Expired, []);
        if (!totp.Enrol(user, base32, code ?? "", clock.GetUtcNow()))
        {
            await AuditAsync(user, TwoFactorSignIn.FailedAction, "Refused", "EnrolmentCode");
            return (TwoFactorChange.WrongCode, []);
        }
        var codes = recoveryCodes.Renew(user);
        return await SaveAsync(user, EnabledAction) ? (TwoFactorChange.Done, codes) : (TwoFactorChange.Stale, []);
    }

    public async Task<(TwoFactorChange Change, IReadOnlyList<string> Codes)> RegenerateAsync(AppUser user, string? code)
    {
        if (!totp.IsEnrolled(user)) return (TwoFactorChange.NotEnrolled, []);
        if (!await ProvedAsync(user, code)) return (TwoFactorChange.WrongCode, []);
        var codes = recoveryCodes.Renew(user);
        return await SaveAsync(user, RegeneratedAction) ? (TwoFactorChange.Done, codes) : (TwoFactorChange.Stale, []);
    }

    /// <summary>Switches the factor off; refused when the user's role requires one.</summary>
    public async Task<TwoFactorChange> DisableAsync(AppUser user, string? role, string? code)
    {
        if (!totp.IsEnrolled(user)) return TwoFactorChange.NotEnrolled;
        if (policy.Requires(role)) return TwoFactorChange.Required;
        if (!await ProvedAsync(user, code)) return TwoFactorChange.WrongCode;
        TotpFactor.Remove(user);
        return await SaveAsync(user, DisabledAction) ? TwoFactorChange.Done : TwoFactorChange.Stale;
    }

    /// <summary>A current code of the app (single use, as at sign-in); a wrong one is audited.</summary>
    private async Task<bool> ProvedAsync(AppUser user, string? code)
    {
        if (totp.Verify(user, code ?? "", clock.GetUtcNow())) return true;
        await AuditAsync(user, TwoFactorSignIn.FailedAction, "Refused", "WrongCode");
        return false;
    }

    /// <summary>The change and its audit entry in one write, under the user's concurrency stamp; the cookie renewed (the enrolment claim goes).</summary>
    private async Task<bool> SaveAsync(AppUser user, string action)
    {
        AddAudit(user, action, "Success", TotpFactor.KindName);
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) return false;
        await signIn.RefreshSignInAsync(user);
        return true;
    }

    private async Task AuditAsync(AppUser user, string action, string result, string reason)
    {
        AddAudit(user, action, result, reason);
        await db.SaveChangesAsync();
    }

    private void AddAudit(AppUser user, string action, string result, string reason)
    {
        AuditCapture.Add(db, action, nameof(AppUser), user.Id, AdminGuard.Serialize(new { reason }), result);
    }

    private string? Unseal(AppUser user, string? sealedOffer)
    {
        if (string.IsNullOrEmpty(sealedOffer)) return null;
        try
        {
            return Protector(user).Unprotect(sealedOffer);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
