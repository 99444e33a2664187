using Org.BouncyCastle.Crypto;

namespace InvestTrack.Kernel.Crypto;

/// <summary>The keys the product knows by name. Each is kept by the <see cref="IKeyProvider"/>, never in the database.</summary>
public static class KeyNames
{
    /// <summary>HMAC-SM3 key of the audit chain (32 bytes).</summary>
    public const string AuditMac = "audit-mac";

    /// <summary>Keyed SM3 of searchable personal data (a phone found by its hash beside the ciphertext; 32 bytes).</summary>
    public const string SearchHash = "search-hash";

    /// <summary>HMAC-SM3 key under which personal access tokens of the API are stored (Features/ApiTokens; 32 bytes).</summary>
    public const string TokenHash = "token-hash";

    /// <summary>SM2 key pair that signs the audit checkpoints.</summary>
    public const string Checkpoint = "checkpoint";

    /// <summary>
    /// Secret from which the SM4 key of the encrypted database backups is derived (32 bytes; `backup`, `restore-drill`).
    /// Kept with the other keys on the app servers, never beside the backup files.
    /// </summary>
    public const string Backup = "backup";

    /// <summary>The SM4 key that seals backup files, derived from the <see cref="Backup"/> secret.</summary>
    public static byte[] BackupKey(IKeyProvider keys) =>
        Sm3.Hmac(keys.Secret(Backup), "InvestTrack backup SM4-GCM key v1"u8)[..Sm4Gcm.KeySize];
}

/// <summary>
/// Where the keys live. The default, <see cref="FileKeyProvider"/>, reads files in a directory that every instance of
/// the app shares (Security:KeyDirectory). A hardware security module (密码机) replaces it by implementing this interface
/// over its vendor's API (GM/T 0018 SDF): <see cref="Secret"/> and <see cref="DataKey"/> then return handles' key material
/// or the implementation performs the HMAC/SM4 inside the device, and <see cref="SigningKey"/> signs in the device; the
/// callers (audit chain, checkpoints, personal-data encryption) do not change.
/// </summary>
public interface IKeyProvider
{
    /// <summary>A named secret for a MAC or a keyed hash (<see cref="KeyNames.AuditMac"/>, <see cref="KeyNames.SearchHash"/>, <see cref="KeyNames.TokenHash"/>).</summary>
    byte[] Secret(string name);

    /// <summary>The SM4 data-encryption key that seals new values, with its version (stored beside each ciphertext).</summary>
    (int Version, byte[] Key) CurrentDataKey();

    /// <summary>An SM4 data-encryption key by version, current or earlier (rotation re-encrypts with the current one).</summary>
    byte[] DataKey(int version);

    /// <summary>
    /// `rotate-keys`: makes a new data key, one version above the current, which seals new values from now on; the older
    /// versions stay readable. Returns the new version. A hardware module makes the key inside the device.
    /// </summary>
    int AddDataKey();

    /// <summary>The private half of a named SM2 key pair (<see cref="KeyNames.Checkpoint"/>).</summary>
    AsymmetricKeyParameter SigningKey(string name);

    /// <summary>The public half of a named SM2 key pair: all that a verifier needs.</summary>
    AsymmetricKeyParameter VerifyingKey(string name);

    /// <summary>One line for the start-up log: where the keys are, never the keys.</summary>
    string Describe();
}
