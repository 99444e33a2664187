using System.Buffers.Binary;
using System.Security.Cryptography;

namespace InvestTrack.Kernel.Crypto;

/// <summary>
/// SM4-GCM over a stream of any length, in chunks, so that a database dump is never held whole in memory. The file is
/// a header — magic "ITSM4GCM", format version, chunk size, an 8-byte key check value and a random 16-byte file id —
/// then records of [final flag][sealed length][nonce ‖ ciphertext ‖ tag], one per chunk of at most the chunk size.
/// Each chunk's associated data is the header, its index and the final flag: a chunk moved, dropped, copied from
/// another file or a file cut after a whole chunk (no final chunk) does not open. The key check value says "wrong key"
/// before any chunk is tried, rather than a tag mismatch.
/// </summary>
public static class Sm4GcmStream
{
    public const int DefaultChunkSize = 1 << 20;
    private const byte FormatVersion = 1;
    private static readonly byte[] Magic = "ITSM4GCM"u8.ToArray();
    private const int HeaderSize = 8 + 1 + 4 + 8 + 16;
    private const int MaxChunkSize = 16 << 20;

    /// <summary>A file that is not whole, not this format, or sealed with another key; the message says which.</summary>
    public sealed class Unreadable(string message, Exception? inner = null) : Exception(message, inner);

    /// <summary>The check value a header carries for <paramref name="key"/>: a keyed hash, so it reveals nothing of the key.</summary>
    public static byte[] KeyCheck(ReadOnlySpan<byte> key) => Sm3.Hmac(key, "InvestTrack SM4-GCM stream key check"u8)[..8];

    public static async Task EncryptAsync(Stream plaintext, Stream output, byte[] key, int chunkSize = DefaultChunkSize, CancellationToken ct = default)
    {
        if (key.Length != Sm4Gcm.KeySize) throw new CryptographicException($"SM4 keys are {Sm4Gcm.KeySize} bytes, not {key.Length}");
        if (chunkSize is < 1 or > MaxChunkSize) throw new ArgumentOutOfRangeException(nameof(chunkSize));
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        header[8] = FormatVersion;
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(9), chunkSize);
        KeyCheck(key).CopyTo(header, 13);
        RandomNumberGenerator.Fill(header.AsSpan(21, 16));
        await output.WriteAsync(header, ct);

        // One chunk is held back until the next read says whether it is the last.
        var current = new byte[chunkSize];
        var next = new byte[chunkSize];
        var currentLength = await ReadFullAsync(plaintext, current, ct);
        for (long index = 0; ; index++)
        {
            var nextLength = currentLength == chunkSize ? await ReadFullAsync(plaintext, next, ct) : 0;
            var final = nextLength == 0;
            var sealedChunk = Sm4Gcm.Encrypt(key, current.AsSpan(0, currentLength), Associated(header, index, final));
            var prefix = new byte[5];
            prefix[0] = final ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteInt32BigEndian(prefix.AsSpan(1), sealedChunk.Length);
            await output.WriteAsync(prefix, ct);
            await output.WriteAsync(sealedChunk, ct);
            if (final) return;
            (current, next) = (next, current);
            currentLength = nextLength;
        }
    }

    /// <exception cref="Unreadable">The file is not this format, was sealed with another key, was changed, or was cut short.</exception>
    public static async Task DecryptAsync(Stream input, Stream plaintext, byte[] key, CancellationToken ct = default)
    {
        var header = new byte[HeaderSize];
        if (await ReadFullAsync(input, header, ct) < HeaderSize || !header.AsSpan(0, 8).SequenceEqual(Magic))
            throw new Unreadable("不是加密备份文件 not an encrypted backup file (no SM4-GCM stream header)");
        if (header[8] != FormatVersion) throw new Unreadable($"加密格式版本 {header[8]} 不受支持 unsupported encryption format version {header[8]}");
        var chunkSize = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(9));
        if (chunkSize is < 1 or > MaxChunkSize) throw new Unreadable("加密文件头已损坏 the file's header is damaged (chunk size)");
        if (!CryptographicOperations.FixedTimeEquals(header.AsSpan(13, 8), KeyCheck(key)))
            throw new Unreadable("备份密钥不符 the backup key is not the one this file was encrypted with");

        var prefix = new byte[5];
        var sealedChunk = new byte[chunkSize + Sm4Gcm.NonceSize + Sm4Gcm.TagSize];
        for (long index = 0; ; index++)
        {
            if (await ReadFullAsync(input, prefix, ct) < prefix.Length)
                throw new Unreadable("备份文件不完整 the backup file is truncated: it ends before its last chunk");
            var final = prefix[0] switch
            {
                0 => false,
                1 => true,
                _ => throw new Unreadable($"备份文件第 {index + 1} 块已损坏 chunk {index + 1} of the backup file is damaged"),
            };
            var length = BinaryPrimitives.ReadInt32BigEndian(prefix.AsSpan(1));
            if (length < Sm4Gcm.NonceSize + Sm4Gcm.TagSize || length > sealedChunk.Length)
                throw new Unreadable($"备份文件第 {index + 1} 块已损坏 chunk {index + 1} of the backup file is damaged (length)");
            if (await ReadFullAsync(input, sealedChunk.AsMemory(0, length), ct) < length)
                throw new Unreadable("备份文件不完整 the backup file is truncated: its last chunk is cut short");
            byte[] clear;
            try
            {
                clear = Sm4Gcm.Decrypt(key, sealedChunk.AsSpan(0, length), Associated(header, index, final));
            }
            catch (CryptographicException e)
            {
                throw new Unreadable($"备份文件第 {index + 1} 块无法解密 chunk {index + 1} does not decrypt: the file was changed, or its chunks moved", e);
            }
            await plaintext.WriteAsync(clear, ct);
            if (!final) continue;
            if (await input.ReadAsync(prefix.AsMemory(0, 1), ct) != 0)
                throw new Unreadable("备份文件末尾有多余数据 the backup file has data after its last chunk");
            return;
        }
    }

    private static byte[] Associated(byte[] header, long index, bool final)
    {
        var data = new byte[HeaderSize + 9];
        header.CopyTo(data, 0);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(HeaderSize), index);
        data[^1] = final ? (byte)1 : (byte)0;
        return data;
    }

    private static async Task<int> ReadFullAsync(Stream stream, Memory<byte> buffer, CancellationToken ct)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer[total..], ct);
            if (read == 0) break;
            total += read;
        }
        return total;
    }
}
