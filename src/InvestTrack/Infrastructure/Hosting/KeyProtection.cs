using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using InvestTrack.Data;
using Microsoft.AspNetCore.DataProtection;

namespace InvestTrack.Infrastructure.Hosting;

/// <summary>
/// How the Data Protection keys are kept in the database (table DataProtectionKeys). They sign and encrypt the
/// session cookies, so whoever can read them in clear — a database backup, a read-only role — can forge a sign-in
/// as anyone. With the operator's certificate (an RSA PFX) each key is stored encrypted to it; older certificates
/// can be listed to read keys they protected, so that a certificate can be replaced without signing everyone out.
/// </summary>
public sealed class KeyProtection
{
    public const string Section = "DataProtection";

    public X509Certificate2? Certificate { get; private init; }
    public IReadOnlyList<X509Certificate2> Previous { get; private init; } = [];

    public bool Encrypted => Certificate is not null;

    /// <summary>One line for the start-up log, Chinese first.</summary>
    public string Describe() => Certificate is { } c
        ? $"数据保护密钥：证书加密 (thumbprint {c.Thumbprint}, {c.Subject}, 有效期至 valid until {c.NotAfter:yyyy-MM-dd}) / Data Protection keys: encrypted with a certificate"
            + (Previous.Count > 0 ? $"; 旧证书 previous certificates: {string.Join(", ", Previous.Select(p => p.Thumbprint))}" : "")
        : "数据保护密钥：未加密 / Data Protection keys: NOT ENCRYPTED — whoever reads the database can forge a sign-in; set DataProtection:Certificate:Path (README, Production)";

    public static KeyProtection FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var current = Load(configuration.GetSection("DataProtection:Certificate"), $"{Section}:Certificate", contentRoot);
        var previous = configuration.GetSection("DataProtection:PreviousCertificates").GetChildren()
            .Select(child => Load(child, $"{Section}:PreviousCertificates:{child.Key}", contentRoot))
            .OfType<X509Certificate2>().ToList();
        if (current is null && previous.Count > 0)
            throw new ConfigurationException($"{Section}:Certificate:Path", "missing while previous certificates are listed; new keys need a current certificate");
        return new KeyProtection { Certificate = current, Previous = previous };
    }

    public void Apply(IDataProtectionBuilder dataProtection)
    {
        if (Certificate is null) return;
        dataProtection.ProtectKeysWithCertificate(Certificate);
        // Keys written under an earlier certificate stay readable until they expire (90 days by default).
        if (Previous.Count > 0) dataProtection.UnprotectKeysWithAnyCertificate([.. Previous]);
    }

    /// <summary>
    /// PostgreSQL is production: there the web app refuses unencrypted keys unless the operator says so in writing.
    /// The embedded SQLite demo runs without any configuration, with a warning.
    /// </summary>
    public void EnsureAllowed(DatabaseProviderKind provider, IConfiguration configuration)
    {
        if (Encrypted || provider != DatabaseProviderKind.Postgres || configuration.GetValue($"{Section}:AllowUnencryptedKeys", false)) return;
        throw new ConfigurationException($"{Section}:Certificate:Path",
            "missing: on PostgreSQL the Data Protection keys, which sign the session cookies, must be encrypted at rest; "
            + $"set it to an RSA certificate (.pfx) with its private key and {Section}:Certificate:Password, "
            + $"or set {Section}:AllowUnencryptedKeys=true to run with unencrypted keys");
    }

    private static X509Certificate2? Load(IConfigurationSection section, string name, string contentRoot)
    {
        var path = section["Path"];
        if (string.IsNullOrWhiteSpace(path)) return null;
        path = Path.GetFullPath(Path.Combine(contentRoot, path));
        if (!File.Exists(path)) throw new ConfigurationException($"{name}:Path", $"'{path}', a file that does not exist");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, section["Password"]);
        }
        catch (CryptographicException e)
        {
            throw new ConfigurationException($"{name}:Password", $"not the password of '{path}', or that file is not a PKCS#12 (.pfx) certificate ({e.Message.TrimEnd('.')})");
        }
        // Data Protection encrypts keys to the certificate with RSA (XML encryption); without the private key no
        // instance could read them back.
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
            throw new ConfigurationException($"{name}:Path", $"'{path}', a certificate without an RSA private key; Data Protection needs an RSA certificate with its private key");
        return certificate;
    }
}
