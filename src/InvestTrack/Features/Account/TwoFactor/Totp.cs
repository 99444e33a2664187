using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace InvestTrack.Features.Account.TwoFactor;

/// <summary>
/// RFC 6238 time-based one-time passwords as every authenticator app makes them: HMAC-SHA1 over the number of 30-second
/// steps since the Unix epoch, dynamically truncated (RFC 4226) to 6 digits. SHA-1 is what the apps implement; as an HMAC
/// key for a 30-second code it is not the weakness SHA-1 is for signatures.
/// </summary>
public static class Totp
{
    public const int Digits = 6;
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);
    /// <summary>Steps either side of now a code may come from: the phone's clock may be that far off.</summary>
    public const int Drift = 1;
    /// <summary>20 bytes, the size of an HMAC-SHA1 key (RFC 4226 recommends at least 160 bits).</summary>
    public const int SecretSize = 20;

    public static long StepOf(DateTimeOffset moment) => moment.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretSize);

    /// <summary>The code of a step, with <paramref name="digits"/> digits (6 in the product; 8 for RFC 6238's vectors).</summary>
    public static string Code(ReadOnlySpan<byte> secret, long step, int digits = Digits)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> mac = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, mac);
        var offset = mac[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(mac.Slice(offset, 4)) & 0x7fffffff;
        var modulus = (int)Math.Pow(10, digits);
        return (binary % modulus).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// The step whose code <paramref name="code"/> is — now or <see cref="Drift"/> steps either side — and that is later
    /// than <paramref name="lastUsedStep"/>; null when none is. A code is good once: the caller remembers the step.
    /// Compared in constant time, every candidate checked.
    /// </summary>
    public static long? Match(ReadOnlySpan<byte> secret, string? code, DateTimeOffset now, long? lastUsedStep)
    {
        var typed = Normalize(code);
        if (typed is null) return null;
        var current = StepOf(now);
        long? found = null;
        for (var step = current - Drift; step <= current + Drift; step++)
        {
            var equal = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Code(secret, step)), Encoding.ASCII.GetBytes(typed));
            if (equal && step > (lastUsedStep ?? long.MinValue) && found is null) found = step;
        }
        return found;
    }

    /// <summary>Six digits, whatever spaces the user typed between them; null for anything else.</summary>
    public static string? Normalize(string? code)
    {
        if (code is null) return null;
        var digits = new string([.. code.Where(c => !char.IsWhiteSpace(c) && c != '-')]);
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>The otpauth:// address an authenticator app reads from the QR code (Google's Key URI format).</summary>
    public static string KeyUri(string issuer, string account, ReadOnlySpan<byte> secret) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={Base32.Encode(secret)}"
        + $"&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={(int)Step.TotalSeconds}";
}

/// <summary>RFC 4648 Base32 without padding, as authenticator apps take secrets typed in.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder((data.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }

    /// <summary>Spaces, hyphens, padding and lower case are forgiven; null for a character outside the alphabet.</summary>
    public static byte[]? Decode(string text)
    {
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is ' ' or '-' or '=') continue;
            var value = Alphabet.IndexOf(c);
            if (value < 0) return null;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)((buffer >> (bits - 8)) & 0xff));
                bits -= 8;
            }
        }
        return [.. bytes];
    }

    /// <summary>In groups of four, to be read off the screen and typed into an app.</summary>
    public static string Grouped(ReadOnlySpan<byte> data) => string.Join(' ', Encode(data).Chunk(4).Select(c => new string(c)));
}
