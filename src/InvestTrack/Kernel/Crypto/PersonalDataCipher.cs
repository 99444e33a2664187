using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace InvestTrack.Kernel.Crypto;

/// <summary>
/// How a personal value (a phone, an e-mail address) is kept in the database (docs/security.md 22): SM4-GCM under a data
/// key of the <see cref="IKeyProvider"/>, stored as <c>v{version}:</c> + base64(nonce ‖ ciphertext ‖ tag). The version
/// says which data key opens it, so that keys rotate (`rotate-keys`) while older rows stay readable. The associated data
/// is the table, column and row id (<c>TalentPeople/Phone/42</c>): a ciphertext copied to another row or column does not
/// open. Beside a searchable value sits its keyed hash (<see cref="PhoneHash"/>), HMAC-SM3 under the search key over
/// the normalised number, so that a typed number finds the row without the database ever holding the number.
/// </summary>
public sealed class PersonalDataCipher(IKeyProvider keys)
{
    /// <summary>Whether a stored value is sealed (any version), as opposed to plaintext written before encryption.</summary>
    public static bool IsSealed(string? stored) => stored is not null && VersionOf(stored) is not null;

    /// <summary>The data-key version of a sealed value, or null for plaintext.</summary>
    public static int? VersionOf(string stored)
    {
        var colon = stored.IndexOf(':');
        return colon > 1 && stored[0] == 'v'
            && int.TryParse(stored.AsSpan(1, colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;
    }

    /// <summary>The prefix of values sealed under the current data key (rows without it are rotated).</summary>
    public string CurrentPrefix => Prefix(keys.CurrentDataKey().Version);

    public static string Prefix(int version) => $"v{version.ToString(CultureInfo.InvariantCulture)}:";

    public static string AssociatedData(string table, string column, object rowId) =>
        $"{table}/{column}/{Convert.ToString(rowId, CultureInfo.InvariantCulture)}";

    /// <summary>Seals a plain value for one cell under the current data key; null stays null.</summary>
    public string? Seal(string? plain, string table, string column, object rowId)
    {
        if (plain is null) return null;
        var (version, key) = keys.CurrentDataKey();
        var sealedBytes = Sm4Gcm.Encrypt(key, Encoding.UTF8.GetBytes(plain), Encoding.UTF8.GetBytes(AssociatedData(table, column, rowId)));
        return Prefix(version) + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>Opens a stored value of one cell; null stays null, and a value without a version prefix (plaintext of a database not yet migrated) is returned as it is.</summary>
    /// <exception cref="CryptographicException">The value was sealed for another cell, under an unknown key, or changed.</exception>
    public string? Open(string? stored, string table, string column, object rowId)
    {
        if (stored is null || VersionOf(stored) is not { } version) return stored;
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(stored[(stored.IndexOf(':') + 1)..]);
        }
        catch (FormatException e)
        {
            throw new CryptographicException($"{table}/{column}/{rowId}: the stored value is not base64", e);
        }
        byte[] key;
        try
        {
            key = keys.DataKey(version);
        }
        catch (Exception e) when (e is not CryptographicException)
        {
            throw new CryptographicException($"{table}/{column}/{rowId}: data key v{version} is not available ({e.Message})", e);
        }
        return Encoding.UTF8.GetString(Sm4Gcm.Decrypt(key, bytes, Encoding.UTF8.GetBytes(AssociatedData(table, column, rowId))));
    }

    /// <summary>The keyed hash of a phone (hex, 64 characters), or null when it holds no digits.</summary>
    public string? PhoneHash(string? phone) =>
        NormalisePhone(phone) is { } digits ? Convert.ToHexStringLower(Sm3.Hmac(keys.Secret(KeyNames.SearchHash), Encoding.UTF8.GetBytes(digits))) : null;

    /// <summary>
    /// A phone as it is hashed: its digits only, without China's country code (+86, 0086, 86 before an 11-digit mobile),
    /// so that 138 0013 8000, +86 13800138000 and 0086-138-0013-8000 find each other; null when there are no digits.
    /// </summary>
    public static string? NormalisePhone(string? phone)
    {
        if (phone is null) return null;
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        if (digits.StartsWith("0086", StringComparison.Ordinal)) digits = digits[4..];
        else if (digits.StartsWith("86", StringComparison.Ordinal) && (phone.TrimStart().StartsWith('+') || digits.Length == 13)) digits = digits[2..];
        return digits.Length == 0 ? null : digits;
    }

    /// <summary>Whether a typed search text is a phone number (at least 7 digits, nothing but digits, spaces, + - and brackets).</summary>
    public static bool LooksLikePhone(string? text) =>
        text is not null && text.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')') && text.Count(char.IsAsciiDigit) >= 7;
}
