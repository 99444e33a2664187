using System.Security.Cryptography;
using System.Text;
using InvestTrack.Kernel.Crypto;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace InvestTrack.UnitTests.Crypto;

/// <summary>The national algorithms as wrapped in Kernel/Crypto, against the standards' published examples.</summary>
public sealed class NationalCryptoTests
{
    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    [Fact]
    public void Sm3_gives_the_two_examples_of_GB_T_32905()
    {
        Assert.Equal("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0", Hex(Sm3.Hash("abc"u8)));
        Assert.Equal("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
            Hex(Sm3.Hash(Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abcd", 16))))));
    }

    [Fact]
    public void Hmac_sm3_gives_the_example_of_GM_T_0042_appendix_D()
    {
        var key = Hex("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
        var data = Encoding.ASCII.GetBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopqabcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
        Assert.Equal("ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a", Hex(Sm3.Hmac(key, data)));
    }

    [Fact]
    public void Sm4_gives_the_examples_of_GB_T_32907_once_and_a_million_times()
    {
        var key = Hex("0123456789abcdeffedcba9876543210");
        Assert.Equal("681edf34d206965e86b3e94f536e4246", Hex(Sm4Block.Encrypt(key, key)));
        Assert.Equal("595298c7c6fd271f0402f804c33d3f66", Hex(Sm4Block.Encrypt(key, key, times: 1_000_000)));
    }

    [Fact]
    public void Sm4_gcm_gives_the_example_of_RFC_8998_appendix_A1_and_opens_it()
    {
        var key = Hex("0123456789ABCDEFFEDCBA9876543210");
        var nonce = Hex("00001234567800000000ABCD");
        var aad = Hex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
        var plain = Hex("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA");
        var expected = "17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d"
            + "83de3541e4c2b58177e065a9bf7b62ec";
        var sealedText = Sm4Gcm.EncryptWithNonce(key, nonce, plain, aad);
        Assert.Equal(expected, Hex(sealedText));
        Assert.Equal(plain, Sm4Gcm.Decrypt(key, [.. nonce, .. sealedText], aad));
    }

    [Fact]
    public void Sm4_gcm_round_trips_with_a_fresh_nonce_and_refuses_a_changed_text_key_or_associated_data()
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var aad = "CompanyContacts.Phone:42"u8.ToArray();
        var a = Sm4Gcm.Encrypt(key, "13800138000"u8, aad);
        var b = Sm4Gcm.Encrypt(key, "13800138000"u8, aad);
        Assert.NotEqual(a, b); // a random nonce each time
        Assert.Equal(12 + 11 + 16, a.Length);
        Assert.Equal("13800138000"u8.ToArray(), Sm4Gcm.Decrypt(key, a, aad));
        var changed = (byte[])a.Clone();
        changed[14] ^= 1;
        Assert.Throws<CryptographicException>(() => Sm4Gcm.Decrypt(key, changed, aad));
        Assert.Throws<CryptographicException>(() => Sm4Gcm.Decrypt(key, a, "CompanyContacts.Phone:43"u8));
        Assert.Throws<CryptographicException>(() => Sm4Gcm.Decrypt(RandomNumberGenerator.GetBytes(16), a, aad));
        Assert.Throws<CryptographicException>(() => Sm4Gcm.Decrypt(key, a[..20], aad));
    }

    [Fact]
    public void Sm2_signs_and_verifies_with_the_standard_user_id_through_pem_keys_and_refuses_a_change()
    {
        var pair = Sm2.GenerateKeyPair();
        var privatePem = Sm2.PrivateKeyPem(pair.Private);
        var publicPem = Sm2.PublicKeyPem(pair.Public);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", privatePem, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", publicPem, StringComparison.Ordinal);
        var message = "sequence 42"u8.ToArray();
        var signature = Sm2.Sign(Sm2.ReadPrivateKey(privatePem), message);
        var publicKey = Sm2.ReadPublicKey(publicPem);
        Assert.True(Sm2.Verify(publicKey, message, signature));
        Assert.True(Sm2.Verify(Sm2.PublicOf(pair.Private), message, signature));
        Assert.False(Sm2.Verify(publicKey, "sequence 43"u8, signature));
        Assert.False(Sm2.Verify(publicKey, message, signature, userId: "another id"));
        Assert.False(Sm2.Verify(Sm2.GenerateKeyPair().Public, message, signature));
        Assert.False(Sm2.Verify(publicKey, message, [1, 2, 3]));
        // The curve is named in the encoded key (sm2p256v1, 1.2.156.10197.1.301).
        Assert.Equal(GMObjectIdentifiers.sm2p256v1, ((ECPublicKeyParameters)publicKey).PublicKeyParamSet);
    }

    /// <summary>GM/T 0003.2-2012 appendix A (and GB/T 32918.2), example on the Fp-256 test curve: ALICE's signature of "message digest".</summary>
    [Fact]
    public void Sm2_verifies_the_published_example_signature_of_GM_T_0003()
    {
        var p = new BigInteger("8542D69E4C044F18E8B92435BF6FF7DE457283915C45517D722EDB8B08F1DFC3", 16);
        var a = new BigInteger("787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E498", 16);
        var b = new BigInteger("63E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A", 16);
        var n = new BigInteger("8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7", 16);
        var curve = new FpCurve(p, a, b, n, BigInteger.One);
        var g = curve.CreatePoint(new BigInteger("421DEBD61B62EAB6746434EBC3CC315E32220B3BADD50BDC4C4E6C147FEDD43D", 16),
            new BigInteger("0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A2", 16));
        var domain = new ECDomainParameters(curve, g, n, BigInteger.One);
        var d = new BigInteger("128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263", 16);
        var publicKey = Sm2.PublicOf(new ECPrivateKeyParameters(d, domain));
        var signature = new DerSequence(new DerInteger(new BigInteger("40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1", 16)),
            new DerInteger(new BigInteger("6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7", 16))).GetEncoded();
        Assert.True(Sm2.Verify(publicKey, "message digest"u8, signature, userId: "ALICE123@YAHOO.COM"));
        Assert.False(Sm2.Verify(publicKey, "message digesT"u8, signature, userId: "ALICE123@YAHOO.COM"));
    }

    /// <summary>The same check on the standard curve sm2p256v1 (vector of BouncyCastle's SM2SignerTest).</summary>
    [Fact]
    public void Sm2_verifies_a_known_signature_on_the_standard_curve()
    {
        var x9 = GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1);
        var domain = new ECDomainParameters(x9.Curve, x9.G, x9.N, x9.H);
        var d = new BigInteger("110E7973206F68C19EE5F7328C036F26911C8C73B4E4F36AE3291097F8984FFC", 16);
        var publicKey = Sm2.PublicOf(new ECPrivateKeyParameters(d, domain));
        var signature = new DerSequence(new DerInteger(new BigInteger("05890B9077B92E47B17A1FF42A814280E556AFD92B4A98B9670BF8B1A274C2FA", 16)),
            new DerInteger(new BigInteger("E3ABBB8DB2B6ECD9B24ECCEA7F679FB9A4B1DB52F4AA985E443AD73237FA1993", 16))).GetEncoded();
        Assert.True(Sm2.Verify(publicKey, "hi chappy"u8, signature, userId: "sm2test@example.com"));
    }
}
