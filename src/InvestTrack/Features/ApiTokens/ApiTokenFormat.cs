using System.Security.Cryptography;
using System.Text;
using InvestTrack.Kernel.Crypto;

namespace InvestTrack.Features.ApiTokens;

/// <summary>
/// The token's shape: <c>itk_</c> and 32 random bytes in base64url (43 characters), recognisable in a script or a
/// secret scanner. Stored only as HMAC-SM3 under the key <see cref="KeyNames.TokenHash"/> of the key provider: a copy of
/// the database alone does not let anyone test guesses of tokens.
/// </summary>
public static class ApiTokenFormat
{
    public const string Marker = "itk_";
    public const int RandomBytes = 32;
    public const int PrefixLength = 12;
    public const int MaxNameLength = 60;
    private static readonly int Length = Marker.Length + Base64UrlLength(RandomBytes);

    private static int Base64UrlLength(int bytes) => (bytes * 4 + 2) / 3;

    public static string New() => Marker + Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>Whether the text has the token's shape; anything else is refused before any lookup.</summary>
    public static bool IsWellFormed(string? token) =>
        token is not null && token.Length == Length && token.StartsWith(Marker, StringComparison.Ordinal)
        && token.AsSpan(Marker.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;

    public static string PrefixOf(string token) => token[..PrefixLength];

    public static string Hash(IKeyProvider keys, string token) =>
        Convert.ToHexStringLower(Sm3.Hmac(keys.Secret(KeyNames.TokenHash), Encoding.ASCII.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
