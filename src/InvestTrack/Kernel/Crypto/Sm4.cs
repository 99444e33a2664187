using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace InvestTrack.Kernel.Crypto;

/// <summary>The bare SM4 block (GB/T 32907-2016), only to check the library against the standard's examples; data is sealed with <see cref="Sm4Gcm"/>.</summary>
internal static class Sm4Block
{
    public static byte[] Encrypt(byte[] key, byte[] block, int times = 1)
    {
        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(key));
        var current = (byte[])block.Clone();
        var next = new byte[16];
        for (var i = 0; i < times; i++)
        {
            engine.ProcessBlock(current, 0, next, 0);
            (current, next) = (next, current);
        }
        return current;
    }
}
