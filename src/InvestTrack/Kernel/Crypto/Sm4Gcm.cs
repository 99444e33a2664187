using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace InvestTrack.Kernel.Crypto;

/// <summary>
/// SM4 (GB/T 32907-2016) in GCM mode (RFC 8998): a 16-byte key, a random 12-byte nonce per message and a 16-byte tag
/// that also covers the associated data (say, the table, column and row the value belongs to, so that a ciphertext
/// copied to another row does not open). The sealed form is nonce ‖ ciphertext ‖ tag.
/// </summary>
public static class Sm4Gcm
{
    public const int KeySize = 16;
    public const int NonceSize = 12;
    public const int TagSize = 16;

    public static byte[] Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData = default)
    {
        Span<byte> nonce = stackalloc byte[NonceSize];
        RandomNumberGenerator.Fill(nonce);
        var sealedText = new byte[NonceSize + plaintext.Length + TagSize];
        nonce.CopyTo(sealedText);
        EncryptWithNonce(key, nonce, plaintext, associatedData).CopyTo(sealedText, NonceSize);
        return sealedText;
    }

    /// <exception cref="CryptographicException">The key, the associated data or the text is not the one sealed.</exception>
    public static byte[] Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedText, ReadOnlySpan<byte> associatedData = default)
    {
        if (sealedText.Length < NonceSize + TagSize) throw new CryptographicException("SM4-GCM: the sealed text is too short");
        var cipher = Cipher(false, key, sealedText[..NonceSize], associatedData);
        var body = sealedText[NonceSize..];
        var plaintext = new byte[cipher.GetOutputSize(body.Length)];
        try
        {
            var written = cipher.ProcessBytes(body, plaintext);
            cipher.DoFinal(plaintext.AsSpan(written));
        }
        catch (InvalidCipherTextException e)
        {
            throw new CryptographicException("SM4-GCM: the tag does not match (wrong key, changed text or associated data)", e);
        }
        return plaintext;
    }

    /// <summary>Ciphertext ‖ tag with a given nonce: for the standard's test vectors only; a nonce is never reused.</summary>
    internal static byte[] EncryptWithNonce(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var cipher = Cipher(true, key, nonce, associatedData);
        var output = new byte[cipher.GetOutputSize(plaintext.Length)];
        var written = cipher.ProcessBytes(plaintext, output);
        cipher.DoFinal(output.AsSpan(written));
        return output;
    }

    private static GcmBlockCipher Cipher(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> associatedData)
    {
        if (key.Length != KeySize) throw new CryptographicException($"SM4 keys are {KeySize} bytes, not {key.Length}");
        var cipher = new GcmBlockCipher(new SM4Engine());
        cipher.Init(encrypt, new AeadParameters(new KeyParameter(key), TagSize * 8, nonce.ToArray(), associatedData.ToArray()));
        return cipher;
    }
}
