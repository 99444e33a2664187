using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace InvestTrack.Kernel.Crypto;

/// <summary>SM3 (GB/T 32905-2016), the national hash, and HMAC-SM3 (GM/T 0042-2015): 32-byte results.</summary>
public static class Sm3
{
    public const int Size = 32;

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data);
        var result = new byte[Size];
        digest.DoFinal(result);
        return result;
    }

    public static byte[] Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data)
    {
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(key));
        mac.BlockUpdate(data);
        var result = new byte[Size];
        mac.DoFinal(result);
        return result;
    }
}
