using InvestTrack.Features.ReferenceData;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Companies;

/// <summary>
/// An investing company. Companies are a citywide directory (one company invests in several counties);
/// what a unit may not see is other units' projects, which stay scoped (docs/decisions/0004-companies.md).
/// </summary>
public sealed class Company : IAudited, IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>统一社会信用代码, checked (GB 32100-2015); unique when present.</summary>
    public string? CreditCode { get; set; }
    /// <summary>投资方所在地 as written (山东省济南市, 俄罗斯), resolved into the codes and class below.</summary>
    public required string Origin { get; set; }
    public string? OriginProvinceCode { get; set; }
    public string? OriginCityCode { get; set; }
    public string? OriginCountryCode { get; set; }
    public OriginClass OriginClass { get; set; }
    public string? Notes { get; set; }
    public List<CompanyContact> Contacts { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }
}

public sealed class CompanyContact : IAudited
{
    public int Id { get; set; }
    public int CompanyId { get; set; }
    public required string Name { get; set; }
    public string? Title { get; set; }
    [PersonalData(HashProperty = nameof(PhoneHash))] public string? Phone { get; set; }
    /// <summary>The keyed hash of <see cref="Phone"/> that a search by phone matches (Data/PersonalDataSealing.cs).</summary>
    public string? PhoneHash { get; set; }
    [PersonalData] public string? Email { get; set; }
}

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>, IEntityTypeConfiguration<CompanyContact>
{
    public void Configure(EntityTypeBuilder<Company> b)
    {
        b.Property(c => c.Name).HasMaxLength(200);
        b.Property(c => c.CreditCode).HasMaxLength(18);
        b.Property(c => c.Origin).HasMaxLength(100);
        b.Property(c => c.OriginProvinceCode).HasMaxLength(6);
        b.Property(c => c.OriginCityCode).HasMaxLength(6);
        b.Property(c => c.OriginCountryCode).HasMaxLength(3);
        b.Property(c => c.Notes).HasMaxLength(2000);
        b.HasIndex(c => c.CreditCode).IsUnique();
        b.HasIndex(c => c.Name);
        b.HasMany(c => c.Contacts).WithOne().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.Property(c => c.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<CompanyContact> b)
    {
        b.Property(c => c.Name).HasMaxLength(50);
        b.Property(c => c.Title).HasMaxLength(100);
        // Sealed values (v1:base64): a 30-character phone needs 80, a 200-character address up to 840.
        b.Property(c => c.Phone).HasMaxLength(200);
        b.Property(c => c.PhoneHash).HasMaxLength(64);
        b.HasIndex(c => c.PhoneHash);
        b.Property(c => c.Email).HasMaxLength(1000);
    }
}
