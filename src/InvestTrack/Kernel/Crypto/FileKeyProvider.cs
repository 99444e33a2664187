using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using InvestTrack.Data;
using Org.BouncyCastle.Crypto;

namespace InvestTrack.Kernel.Crypto;

/// <summary>
/// Keys in files of one directory (Security:KeyDirectory), shared by every instance of the app (a network volume, or
/// the same files deployed to each server). Secrets are hex text: <c>audit-mac.key</c>, <c>search-hash.key</c>, <c>token-hash.key</c> (32 bytes)
/// and <c>data-v1.key</c>, <c>data-v2.key</c>, … (16-byte SM4 keys; the highest version seals new data). The SM2 pair is
/// <c>checkpoint.sm2.pem</c> (PKCS#8) and <c>checkpoint.sm2.pub.pem</c>. Missing files are created — random, mode 0600 in a
/// 0700 directory — only when <paramref name="create"/> is set (the embedded SQLite demo, Development, or the operator's
/// `keys init`); a new file is written beside its final name and moved into place without replacing, so two instances
/// starting at once end up with the same key. Keys are read once and kept in memory.
/// </summary>
public sealed class FileKeyProvider : IKeyProvider
{
    public const string Section = "Security";
    private const int SecretSize = 32;

    private readonly ConcurrentDictionary<string, object> _cache = new();

    public string Directory { get; }

    public FileKeyProvider(string directory, bool create)
    {
        Directory = directory;
        var missing = Required(directory).Where(f => !File.Exists(Path.Combine(directory, f.File))).ToList();
        // The backup key came later: an installation without it still starts, and `backup` asks for `keys init`.
        if (!create) missing.RemoveAll(m => m.File == KeyNames.Backup + ".key");
        if (missing.Count == 0) return;
        if (!create)
            throw new ConfigurationException($"{Section}:KeyDirectory",
                $"'{directory}', which lacks {string.Join(", ", missing.Select(m => m.File))}: create the keys once with "
                + "`dotnet run --project src/InvestTrack -- keys init` (as the operator, with this configuration) and give every instance the same files, "
                + $"or set {Section}:CreateMissingKeys=true");
        CreateDirectory(directory);
        foreach (var (file, make) in missing) WriteNew(Path.Combine(directory, file), make());
    }

    /// <summary>The directory (Security:KeyDirectory; by default beside the SQLite file, else App_Data/keys under the content root) and whether missing keys may be made.</summary>
    public static FileKeyProvider FromConfiguration(IConfiguration configuration, string contentRoot, DatabaseSettings settings, bool development)
    {
        var configured = configuration[$"{Section}:KeyDirectory"];
        var directory = !string.IsNullOrWhiteSpace(configured) ? Path.GetFullPath(Path.Combine(contentRoot, configured))
            : settings.Provider == DatabaseProviderKind.Sqlite && SqliteFolder(settings.ConnectionString) is { } folder ? Path.Combine(folder, "keys")
            : Path.Combine(contentRoot, "App_Data", "keys");
        var create = settings.Provider == DatabaseProviderKind.Sqlite || development || configuration.GetValue($"{Section}:CreateMissingKeys", false);
        return new FileKeyProvider(directory, create);
    }

    /// <summary>`keys init`: makes whatever is missing, whatever the provider.</summary>
    public static FileKeyProvider Init(IConfiguration configuration, string contentRoot, DatabaseSettings settings) =>
        FromConfiguration(new ConfigurationBuilder().AddConfiguration(configuration)
            .AddInMemoryCollection([new($"{Section}:CreateMissingKeys", "true")]).Build(), contentRoot, settings, development: false);

    public byte[] Secret(string name) => (byte[])_cache.GetOrAdd(name, n => ReadHex(n + ".key", SecretSize));

    public (int Version, byte[] Key) CurrentDataKey()
    {
        var version = DataVersions().Max();
        return (version, DataKey(version));
    }

    public byte[] DataKey(int version) => (byte[])_cache.GetOrAdd($"data-v{version}", n => ReadHex(n + ".key", Sm4Gcm.KeySize));

    /// <summary>Writes <c>data-v{N+1}.key</c> (mode 0600). Every instance reads the directory, so all seal with it from their next value.</summary>
    public int AddDataKey()
    {
        var version = DataVersions().Max() + 1;
        WriteNew(Path.Combine(Directory, $"data-v{version.ToString(CultureInfo.InvariantCulture)}.key"),
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Sm4Gcm.KeySize)));
        return DataVersions().Max();
    }

    public AsymmetricKeyParameter SigningKey(string name) =>
        (AsymmetricKeyParameter)_cache.GetOrAdd(name + ".private", _ => Sm2.ReadPrivateKey(File.ReadAllText(Path.Combine(Directory, name + ".sm2.pem"))));

    public AsymmetricKeyParameter VerifyingKey(string name) =>
        (AsymmetricKeyParameter)_cache.GetOrAdd(name + ".public", _ => Sm2.ReadPublicKey(File.ReadAllText(Path.Combine(Directory, name + ".sm2.pub.pem"))));

    public string Describe() => $"密钥文件 key files: {Directory} (audit-mac, search-hash, data-v{DataVersions().Max()}, checkpoint SM2, backup, token-hash)";

    private IEnumerable<int> DataVersions() => System.IO.Directory.EnumerateFiles(Directory, "data-v*.key")
        .Select(f => int.TryParse(Path.GetFileNameWithoutExtension(f)["data-v".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
        .Where(v => v > 0).DefaultIfEmpty(1);

    /// <summary>What a complete directory holds, and how to make each file.</summary>
    private static IEnumerable<(string File, Func<string> Make)> Required(string directory)
    {
        yield return (KeyNames.AuditMac + ".key", () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretSize)));
        yield return (KeyNames.SearchHash + ".key", () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretSize)));
        yield return (KeyNames.Backup + ".key", () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretSize)));
        yield return (KeyNames.TokenHash + ".key", () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecretSize)));
        yield return ("data-v1.key", () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Sm4Gcm.KeySize)));
        yield return (KeyNames.Checkpoint + ".sm2.pem", () => Sm2.PrivateKeyPem(Sm2.GenerateKeyPair().Private));
        // Made after the private key, from whichever private key is in place (another instance's, if it won).
        yield return (KeyNames.Checkpoint + ".sm2.pub.pem", () =>
            Sm2.PublicKeyPem(Sm2.PublicOf(Sm2.ReadPrivateKey(File.ReadAllText(Path.Combine(directory, KeyNames.Checkpoint + ".sm2.pem"))))));
    }

    private byte[] ReadHex(string file, int size)
    {
        var path = Path.Combine(Directory, file);
        if (!File.Exists(path))
            throw new ConfigurationException($"{Section}:KeyDirectory", $"'{Directory}', which lacks {file} (`keys init` makes the missing keys)");
        var key = Convert.FromHexString(File.ReadAllText(path).Trim());
        if (key.Length != size) throw new ConfigurationException($"{Section}:KeyDirectory", $"'{Directory}': {file} holds {key.Length} bytes, not {size}");
        return key;
    }

    private static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows()) System.IO.Directory.CreateDirectory(directory);
        else System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static void WriteNew(string path, string content)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(content);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary); // another instance made it first: its key stands
        }
    }

    private static string? SqliteFolder(string connectionString)
    {
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" ? null : Path.GetDirectoryName(Path.GetFullPath(source));
    }
}
