using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace InvestTrack.IntegrationTests.Hosting;

/// <summary>A self-signed RSA certificate in a PFX file, as an operator would make one with openssl.</summary>
internal sealed record TestCertificate(string Path, string Password, string Thumbprint)
{
    public static TestCertificate Create(string directory, string name = "InvestTrack Data Protection test")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var path = System.IO.Path.Combine(directory, $"{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return new TestCertificate(path, password, certificate.Thumbprint);
    }

    public Dictionary<string, string?> Environment => new()
    {
        ["DataProtection__Certificate__Path"] = Path,
        ["DataProtection__Certificate__Password"] = Password,
    };
}
