using InvestTrack.Data;
using InvestTrack.Kernel.Crypto;

namespace InvestTrack.UnitTests.Crypto;

public sealed class FileKeyProviderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Directory.CreateTempSubdirectory("investtrack-keys-").FullName, "keys");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_directory)!, recursive: true);

    [Fact]
    public void Makes_every_missing_key_readable_by_the_owner_only_and_a_second_instance_reads_the_same_keys()
    {
        var first = new FileKeyProvider(_directory, create: true);
        Assert.Equal(["audit-mac.key", "backup.key", "checkpoint.sm2.pem", "checkpoint.sm2.pub.pem", "data-v1.key", "search-hash.key", "token-hash.key"],
            Directory.GetFiles(_directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            foreach (var file in Directory.GetFiles(_directory)) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_directory));
        }
        Assert.Equal(32, first.Secret(KeyNames.AuditMac).Length);
        Assert.NotEqual(first.Secret(KeyNames.AuditMac), first.Secret(KeyNames.SearchHash));
        Assert.Equal((1, first.DataKey(1)), first.CurrentDataKey());
        Assert.Equal(Sm4Gcm.KeySize, KeyNames.BackupKey(first).Length);
        Assert.Equal(16, first.DataKey(1).Length);

        var second = new FileKeyProvider(_directory, create: false);
        Assert.Equal(first.Secret(KeyNames.AuditMac), second.Secret(KeyNames.AuditMac));
        var signature = Sm2.Sign(first.SigningKey(KeyNames.Checkpoint), "x"u8);
        Assert.True(Sm2.Verify(second.VerifyingKey(KeyNames.Checkpoint), "x"u8, signature));
    }

    [Fact]
    public void A_new_data_key_version_seals_new_data_and_the_old_one_stays_readable()
    {
        var keys = new FileKeyProvider(_directory, create: true);
        var old = keys.DataKey(1);
        File.WriteAllText(Path.Combine(_directory, "data-v2.key"), Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        var current = new FileKeyProvider(_directory, create: false).CurrentDataKey();
        Assert.Equal(2, current.Version);
        Assert.NotEqual(old, current.Key);
        Assert.Equal(old, keys.DataKey(1));
    }

    [Fact]
    public void Without_leave_to_create_missing_keys_it_refuses_naming_the_setting_the_files_and_the_verb()
    {
        var e = Assert.Throws<ConfigurationException>(() => new FileKeyProvider(_directory, create: false));
        Assert.Equal("Security:KeyDirectory", e.Key);
        Assert.Contains("audit-mac.key", e.Message, StringComparison.Ordinal);
        Assert.Contains("keys init", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directory));
    }

    [Fact]
    public void A_key_directory_made_before_the_backup_key_still_opens_and_names_the_verb_when_a_backup_asks_for_it()
    {
        _ = new FileKeyProvider(_directory, create: true);
        File.Delete(Path.Combine(_directory, "backup.key"));
        var keys = new FileKeyProvider(_directory, create: false);
        Assert.Equal(32, keys.Secret(KeyNames.AuditMac).Length);
        var e = Assert.Throws<ConfigurationException>(() => KeyNames.BackupKey(keys));
        Assert.Contains("backup.key", e.Message, StringComparison.Ordinal);
        Assert.Contains("keys init", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Instances_starting_at_once_end_up_with_one_key()
    {
        var providers = Enumerable.Range(0, 8).AsParallel().Select(_ => new FileKeyProvider(_directory, create: true)).ToList();
        var reference = new FileKeyProvider(_directory, create: false);
        Assert.All(providers, p => Assert.Equal(reference.Secret(KeyNames.AuditMac), p.Secret(KeyNames.AuditMac)));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }
}
