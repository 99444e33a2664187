using System.Security.Cryptography;
using System.Text;
using InvestTrack.Features.Users;
using InvestTrack.Kernel.Crypto;

namespace InvestTrack.Features.Account.TwoFactor;

/// <summary>
/// Ten single-use recovery codes for a lost phone, shown once and kept only as HMAC-SM3 hashes bound to the user. The
/// key is derived from the key provider's search-hash secret with a label of its own (a key per purpose without a new
/// key file); a code is 10 characters of a 31-letter alphabet (about 50 bits), too many to guess within the lockout.
/// </summary>
public sealed class RecoveryCodes(IKeyProvider keys)
{
    public const int Count = 10;
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    private static readonly byte[] Label = Encoding.ASCII.GetBytes("InvestTrack recovery codes v1");

    /// <summary>Ten new codes (returned once, to be shown); the old ones are void.</summary>
    public IReadOnlyList<string> Renew(AppUser user)
    {
        var codes = Enumerable.Range(0, Count).Select(_ => NewCode()).ToList();
        user.RecoveryCodes = string.Join(',', codes.Select(c => Hash(user.Id, c)));
        return codes;
    }

    public static int Left(AppUser user) => user.RecoveryCodes is { Length: > 0 } text ? text.Split(',').Length : 0;

    /// <summary>True, and the code struck off (the caller saves), when it is one of the user's unused codes.</summary>
    public bool Use(AppUser user, string? code)
    {
        if (Normalize(code) is not { } typed || user.RecoveryCodes is not { Length: > 0 } stored) return false;
        var hash = Encoding.ASCII.GetBytes(Hash(user.Id, typed));
        var hashes = stored.Split(',').ToList();
        var index = -1;
        for (var i = 0; i < hashes.Count; i++)
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hashes[i]), hash)) index = i;
        if (index < 0) return false;
        hashes.RemoveAt(index);
        user.RecoveryCodes = hashes.Count == 0 ? null : string.Join(',', hashes);
        return true;
    }

    /// <summary>xxxxx-xxxxx: easy to read off paper.</summary>
    private static string NewCode()
    {
        var chars = Enumerable.Range(0, 10).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray();
        return $"{new string(chars, 0, 5)}-{new string(chars, 5, 5)}";
    }

    /// <summary>Lower case, without spaces and hyphens; null when it cannot be a code.</summary>
    public static string? Normalize(string? code)
    {
        if (code is null) return null;
        var text = new string([.. code.ToLowerInvariant().Where(c => c is not (' ' or '-'))]);
        return text.Length == 10 && text.All(Alphabet.Contains) ? $"{text[..5]}-{text[5..]}" : null;
    }

    public string Hash(string userId, string code)
    {
        var key = Sm3.Hmac(keys.Secret(KeyNames.SearchHash), Label);
        return Convert.ToHexStringLower(Sm3.Hmac(key, Encoding.UTF8.GetBytes($"{userId}:{Normalize(code) ?? code}")));
    }
}
