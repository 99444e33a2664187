using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace InvestTrack.Kernel.Crypto;

/// <summary>
/// SM2 signatures (GB/T 32918.2-2016) on the curve sm2p256v1 with SM3, DER-encoded (r, s) as in GM/T 0009. The
/// signer's identity defaults to the standard's "1234567812345678" (GM/T 0009-2012 §10). Keys are kept as PEM:
/// PKCS#8 "PRIVATE KEY" and X.509 "PUBLIC KEY", the forms OpenSSL/Tongsuo/GmSSL read.
/// </summary>
public static class Sm2
{
    public const string DefaultUserId = "1234567812345678";

    public static AsymmetricCipherKeyPair GenerateKeyPair()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(GMObjectIdentifiers.sm2p256v1, new SecureRandom()));
        return generator.GenerateKeyPair();
    }

    public static byte[] Sign(AsymmetricKeyParameter privateKey, ReadOnlySpan<byte> message, string userId = DefaultUserId)
    {
        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(privateKey, new SecureRandom()), Encoding.ASCII.GetBytes(userId)));
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    /// <returns>false for a signature that does not match, is malformed or is of another key.</returns>
    public static bool Verify(AsymmetricKeyParameter publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, string userId = DefaultUserId)
    {
        var signer = new SM2Signer();
        signer.Init(false, new ParametersWithID(publicKey, Encoding.ASCII.GetBytes(userId)));
        signer.BlockUpdate(message);
        try
        {
            return signer.VerifySignature(signature.ToArray());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or CryptoException)
        {
            return false; // not DER, not two integers
        }
    }

    public static string PrivateKeyPem(AsymmetricKeyParameter privateKey) =>
        PemEncoding.WriteString("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateKey).GetDerEncoded());

    public static string PublicKeyPem(AsymmetricKeyParameter publicKey) =>
        PemEncoding.WriteString("PUBLIC KEY", SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).GetDerEncoded());

    public static AsymmetricKeyParameter ReadPrivateKey(string pem) => PrivateKeyFactory.CreateKey(Der(pem, "PRIVATE KEY"));

    public static AsymmetricKeyParameter ReadPublicKey(string pem) => PublicKeyFactory.CreateKey(Der(pem, "PUBLIC KEY"));

    /// <summary>The public half of a private key (the checkpoint signer writes it beside its signatures).</summary>
    public static AsymmetricKeyParameter PublicOf(AsymmetricKeyParameter privateKey)
    {
        var key = (ECPrivateKeyParameters)privateKey;
        var q = key.Parameters.G.Multiply(key.D).Normalize();
        return key.PublicKeyParamSet is { } curve ? new ECPublicKeyParameters(key.AlgorithmName, q, curve) : new ECPublicKeyParameters(q, key.Parameters);
    }

    private static byte[] Der(string pem, string label)
    {
        var fields = PemEncoding.Find(pem);
        if (!pem.AsSpan()[fields.Label].SequenceEqual(label))
            throw new CryptographicException($"expected a PEM \"{label}\", found \"{pem[fields.Label]}\"");
        return Convert.FromBase64String(pem[fields.Base64Data]);
    }
}
