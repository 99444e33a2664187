using System.Security.Cryptography;
using System.Text;
using InvestTrack.Kernel.Crypto;

namespace InvestTrack.UnitTests.Crypto;

/// <summary>docs/security.md 22: the stored form of a personal value, bound to its cell, under versioned data keys; and the phone's search hash.</summary>
public sealed class PersonalDataCipherTests : IDisposable
{
    private readonly string _directory = Path.Combine(Directory.CreateTempSubdirectory("investtrack-pii-").FullName, "keys");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_directory)!, recursive: true);

    [Fact]
    public void A_value_is_stored_as_its_key_version_and_base64_of_nonce_ciphertext_and_tag_fresh_each_time()
    {
        var keys = new FileKeyProvider(_directory, create: true);
        var cipher = new PersonalDataCipher(keys);
        var stored = cipher.Seal("13800138000", "TalentPeople", "Phone", 7)!;
        Assert.StartsWith("v1:", stored);
        var bytes = Convert.FromBase64String(stored[3..]);
        Assert.Equal(Sm4Gcm.NonceSize + "13800138000".Length + Sm4Gcm.TagSize, bytes.Length);
        Assert.DoesNotContain("138", stored[3..], StringComparison.Ordinal);
        // The sealed bytes open with the data key and the cell as associated data, and nothing else.
        Assert.Equal("13800138000", Encoding.UTF8.GetString(Sm4Gcm.Decrypt(keys.DataKey(1), bytes, "TalentPeople/Phone/7"u8)));
        Assert.NotEqual(stored, cipher.Seal("13800138000", "TalentPeople", "Phone", 7));
        Assert.Equal("13800138000", cipher.Open(stored, "TalentPeople", "Phone", 7));
        Assert.Null(cipher.Seal(null, "TalentPeople", "Phone", 7));
        Assert.Equal(1, PersonalDataCipher.VersionOf(stored));
        Assert.True(PersonalDataCipher.IsSealed(stored));
        Assert.False(PersonalDataCipher.IsSealed("13800138000"));
        Assert.False(PersonalDataCipher.IsSealed("victor@example.com"));
    }

    [Theory]
    [InlineData("TalentPeople", "Phone", 8)]
    [InlineData("TalentPeople", "Email", 7)]
    [InlineData("InvestmentAgencies", "Phone", 7)]
    public void A_ciphertext_moved_to_another_row_column_or_table_is_refused(string table, string column, int row)
    {
        var cipher = new PersonalDataCipher(new FileKeyProvider(_directory, create: true));
        var stored = cipher.Seal("13800138000", "TalentPeople", "Phone", 7);
        Assert.Throws<CryptographicException>(() => cipher.Open(stored, table, column, row));
    }

    [Fact]
    public void A_changed_text_an_unknown_version_and_another_key_are_refused()
    {
        var cipher = new PersonalDataCipher(new FileKeyProvider(_directory, create: true));
        var stored = cipher.Seal("z@example.com", "CompanyContacts", "Email", 3)!;
        var bytes = Convert.FromBase64String(stored[3..]);
        bytes[^1] ^= 1;
        Assert.Throws<CryptographicException>(() => cipher.Open("v1:" + Convert.ToBase64String(bytes), "CompanyContacts", "Email", 3));
        Assert.Throws<CryptographicException>(() => cipher.Open("v9" + stored[2..], "CompanyContacts", "Email", 3));
        Assert.Throws<CryptographicException>(() => cipher.Open("v1:not base64!", "CompanyContacts", "Email", 3));

        var otherDirectory = Path.Combine(Path.GetDirectoryName(_directory)!, "other");
        var other = new PersonalDataCipher(new FileKeyProvider(otherDirectory, create: true));
        Assert.Throws<CryptographicException>(() => other.Open(stored, "CompanyContacts", "Email", 3));
    }

    [Fact]
    public void After_a_new_data_key_new_values_are_sealed_under_it_and_old_ones_still_open()
    {
        var keys = new FileKeyProvider(_directory, create: true);
        var cipher = new PersonalDataCipher(keys);
        var old = cipher.Seal("13800138000", "TalentPeople", "Phone", 1);
        Assert.Equal(2, keys.AddDataKey());
        Assert.Equal("v2:", cipher.CurrentPrefix);
        var fresh = cipher.Seal("13800138000", "TalentPeople", "Phone", 1)!;
        Assert.StartsWith("v2:", fresh);
        Assert.Equal("13800138000", cipher.Open(old, "TalentPeople", "Phone", 1));
        Assert.Equal("13800138000", cipher.Open(fresh, "TalentPeople", "Phone", 1));
        Assert.True(File.Exists(Path.Combine(_directory, "data-v2.key")));
    }

    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("138 0013 8000", "13800138000")]
    [InlineData("+86 138-0013-8000", "13800138000")]
    [InlineData("+8613800138000", "13800138000")]
    [InlineData("0086 13800138000", "13800138000")]
    [InlineData("8613800138000", "13800138000")]
    [InlineData("(0434) 3226688", "04343226688")]
    [InlineData("0755-86001234", "075586001234")]
    [InlineData("- -", null)]
    public void Phones_are_normalised_to_their_digits_without_chinas_country_code(string typed, string? expected) =>
        Assert.Equal(expected, PersonalDataCipher.NormalisePhone(typed));

    [Fact]
    public void The_search_hash_is_keyed_and_the_same_for_every_way_of_writing_a_number()
    {
        var cipher = new PersonalDataCipher(new FileKeyProvider(_directory, create: true));
        var hash = cipher.PhoneHash("13800138000")!;
        Assert.Equal(64, hash.Length);
        Assert.Equal(hash, cipher.PhoneHash("+86 138 0013 8000"));
        Assert.NotEqual(hash, cipher.PhoneHash("13800138001"));
        // Not a plain SM3 of the number: without the search key nobody can recompute it.
        Assert.NotEqual(Convert.ToHexStringLower(Sm3.Hash("13800138000"u8)), hash);
        var other = new PersonalDataCipher(new FileKeyProvider(Path.Combine(Path.GetDirectoryName(_directory)!, "other"), create: true));
        Assert.NotEqual(hash, other.PhoneHash("13800138000"));
        Assert.Null(cipher.PhoneHash(null));
        Assert.True(PersonalDataCipher.LooksLikePhone("138 0013 8000"));
        Assert.True(PersonalDataCipher.LooksLikePhone("+86-13800138000"));
        Assert.False(PersonalDataCipher.LooksLikePhone("SP2026001"));
        Assert.False(PersonalDataCipher.LooksLikePhone("2026"));
        Assert.False(PersonalDataCipher.LooksLikePhone("91220300MA0Y123456"));
    }
}
