using System.Security.Cryptography;
using InvestTrack.Kernel.Crypto;

namespace InvestTrack.UnitTests.Crypto;

/// <summary>The backup files' streaming SM4-GCM: whole round trips, and every way a file can be wrong is named.</summary>
public sealed class Sm4GcmStreamTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(Sm4Gcm.KeySize);

    private static async Task<byte[]> EncryptAsync(byte[] plaintext, byte[]? key = null, int chunkSize = 64)
    {
        var sealedFile = new MemoryStream();
        await Sm4GcmStream.EncryptAsync(new MemoryStream(plaintext), sealedFile, key ?? Key, chunkSize);
        return sealedFile.ToArray();
    }

    private static async Task<byte[]> DecryptAsync(byte[] sealedFile, byte[]? key = null)
    {
        var clear = new MemoryStream();
        await Sm4GcmStream.DecryptAsync(new MemoryStream(sealedFile), clear, key ?? Key);
        return clear.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(1000)]
    public async Task Any_length_comes_back_as_it_was_across_chunk_boundaries(int length)
    {
        var plaintext = RandomNumberGenerator.GetBytes(length);
        var sealedFile = await EncryptAsync(plaintext);
        Assert.Equal(plaintext, await DecryptAsync(sealedFile));
        // Chunks of 64 bytes, each with its own 5-byte prefix, nonce and tag, after the 37-byte header.
        var chunks = Math.Max(1, (length + 63) / 64);
        Assert.Equal(37 + length + chunks * (5 + Sm4Gcm.NonceSize + Sm4Gcm.TagSize), sealedFile.Length);
        Assert.False(sealedFile.AsSpan().IndexOf(plaintext.AsSpan(0, Math.Min(length, 16))) >= 0 && length >= 16, "the plaintext shows through");
    }

    [Fact]
    public async Task A_large_stream_is_read_in_chunks_of_the_default_size()
    {
        var plaintext = RandomNumberGenerator.GetBytes(Sm4GcmStream.DefaultChunkSize * 2 + 17);
        var sealedFile = new MemoryStream();
        await Sm4GcmStream.EncryptAsync(new MemoryStream(plaintext), sealedFile, Key);
        Assert.Equal(plaintext, await DecryptAsync(sealedFile.ToArray()));
    }

    [Fact]
    public async Task Another_key_is_named_as_the_wrong_key()
    {
        var sealedFile = await EncryptAsync("备份"u8.ToArray());
        var e = await Assert.ThrowsAsync<Sm4GcmStream.Unreadable>(() => DecryptAsync(sealedFile, RandomNumberGenerator.GetBytes(Sm4Gcm.KeySize)));
        Assert.Contains("备份密钥不符", e.Message, StringComparison.Ordinal);
        Assert.Contains("backup key is not the one", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flipped_byte_in_a_chunk_does_not_decrypt()
    {
        var sealedFile = await EncryptAsync(RandomNumberGenerator.GetBytes(200));
        sealedFile[37 + 5 + 20] ^= 0x01;
        var e = await Assert.ThrowsAsync<Sm4GcmStream.Unreadable>(() => DecryptAsync(sealedFile));
        Assert.Contains("第 1 块无法解密", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_header_does_not_decrypt_its_chunks()
    {
        var sealedFile = await EncryptAsync(RandomNumberGenerator.GetBytes(100));
        sealedFile[30] ^= 0x01; // the file id, covered by every chunk's tag
        var e = await Assert.ThrowsAsync<Sm4GcmStream.Unreadable>(() => DecryptAsync(sealedFile));
        Assert.Contains("does not decrypt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_cut_after_a_whole_chunk_or_inside_one_is_named_truncated()
    {
        var sealedFile = await EncryptAsync(RandomNumberGenerator.GetBytes(200));
        var oneChunk = 37 + 5 + 64 + Sm4Gcm.NonceSize + Sm4Gcm.TagSize;
        foreach (var length in new[] { oneChunk, oneChunk + 10, sealedFile.Length - 1 })
        {
            var e = await Assert.ThrowsAsync<Sm4GcmStream.Unreadable>(() => DecryptAsync(sealedFile[..length]));
            Assert.Contains("备份文件不完整", e.Message, StringComparison.Ordinal);
            Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_chunk_marked_final_early_or_data_after_the_end_is_refused()
    {
        var sealedFile = await EncryptAsync(RandomNumberGenerator.GetBytes(200));
        var early = sealedFile.ToArray();
        early[37] = 1; // the first chunk claims to be the last: its tag was sealed otherwise
        await Assert.ThrowsAsync<Sm4GcmStream.Unreadable>(() => DecryptAsync(early));
        var e = await Assert.ThrowsAsync<Sm4GcmStream.Unreadable>(() => DecryptAsync([.. sealedFile, 0]));
        Assert.Contains("多余数据", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Something_else_is_not_taken_for_a_backup()
    {
        var e = await Assert.ThrowsAsync<Sm4GcmStream.Unreadable>(() => DecryptAsync("PGDMP plain dump"u8.ToArray()));
        Assert.Contains("不是加密备份文件", e.Message, StringComparison.Ordinal);
    }
}
