using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InvestTrack.Features.Users;
using InvestTrack.Kernel.Crypto;

namespace InvestTrack.Features.Account.TwoFactor;

/// <summary>
/// The authenticator app as a second factor (RFC 6238, <see cref="Totp"/>). The secret is kept sealed with SM4-GCM under
/// the current data key of the <see cref="IKeyProvider"/> (as "version:base64"), bound to the user's id so that it does
/// not open on another row; each accepted code's step is remembered, and a code of that step or an earlier one refused.
/// </summary>
public sealed class TotpFactor(IKeyProvider keys) : ISecondFactor
{
    public const string KindName = "totp";

    public string Kind => KindName;

    public bool IsEnrolled(AppUser user) => user.TotpSecret is not null;

    public DateTimeOffset? EnrolledAt(AppUser user) => user.TotpSecret is null ? null : user.TotpEnabledAt;

    public bool Enrol(AppUser user, string material, string response, DateTimeOffset now)
    {
        if (Base32.Decode(material) is not { Length: Totp.SecretSize } secret) return false;
        if (Totp.Match(secret, response, now, null) is not { } step) return false;
        user.TotpSecret = Seal(user.Id, secret);
        user.TotpLastStep = step;
        user.TotpEnabledAt = now;
        return true;
    }

    public bool Verify(AppUser user, string response, DateTimeOffset now)
    {
        if (user.TotpSecret is null) return false;
        var secret = Open(user.Id, user.TotpSecret);
        try
        {
            if (Totp.Match(secret, response, now, user.TotpLastStep) is not { } step) return false;
            user.TotpLastStep = step;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    void ISecondFactor.Remove(AppUser user) => Remove(user);

    /// <summary>No factor and no recovery codes left.</summary>
    public static void Remove(AppUser user)
    {
        user.TotpSecret = null;
        user.TotpLastStep = null;
        user.TotpEnabledAt = null;
        user.RecoveryCodes = null;
    }

    public string Seal(string userId, byte[] secret)
    {
        var (version, key) = keys.CurrentDataKey();
        var sealedText = Sm4Gcm.Encrypt(key, secret, Bound(userId));
        return $"{version.ToString(CultureInfo.InvariantCulture)}:{Convert.ToBase64String(sealedText)}";
    }

    public byte[] Open(string userId, string stored)
    {
        var colon = stored.IndexOf(':');
        if (colon < 1 || !int.TryParse(stored.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            throw new CryptographicException("TOTP secret: not a sealed value");
        return Sm4Gcm.Decrypt(keys.DataKey(version), Convert.FromBase64String(stored[(colon + 1)..]), Bound(userId));
    }

    private static byte[] Bound(string userId) => Encoding.UTF8.GetBytes($"AppUser.TotpSecret:{userId}");
}
