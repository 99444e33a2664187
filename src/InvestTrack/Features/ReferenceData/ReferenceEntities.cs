using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.ReferenceData;

public enum RegionKind { Province, Municipality, AutonomousRegion, SpecialAdministrativeRegion, Taiwan }

/// <summary>A province-level division of China (GB/T 2260).</summary>
public sealed class Province
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string ShortName { get; set; }
    public RegionKind Kind { get; set; }
}

/// <summary>A prefecture-level division (or a municipality, which is its own city).</summary>
public sealed class PrefectureCity
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string ProvinceCode { get; set; }
    public bool DirectlyAdministered { get; set; }
}

/// <summary>A country or territory by its Chinese short name (GB/T 2659).</summary>
public sealed class Country
{
    public required string Code { get; set; }
    public required string Name { get; set; }
}

/// <summary>A top-level section (门类) of GB/T 4754-2017.</summary>
public sealed class IndustrySection
{
    public required string Code { get; set; }
    public required string Name { get; set; }
}

/// <summary>The city's own industry catalog, in force from its start year until a newer one begins.</summary>
public sealed class IndustryCatalog : IAudited, IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int StartYear { get; set; }
    public List<Industry> Industries { get; set; } = [];
    public int Version { get; set; }
}

public sealed class Industry : IAudited, IVersioned
{
    public int Id { get; set; }
    public int CatalogId { get; set; }
    public required string Name { get; set; }
    /// <summary>A tier within the catalog, such as 主导 or 未来; empty when the catalog has none.</summary>
    public string? Tier { get; set; }
    public int SortOrder { get; set; }
    public int Version { get; set; }
}

/// <summary>Which city this installation serves: its unit and its province decide 省内/省外/境外.</summary>
public sealed class CitySettings : IAudited, IVersioned
{
    public int Id { get; set; }
    public required string CityUnitCode { get; set; }
    public required string ShortName { get; set; }
    public required string ProvinceCode { get; set; }
    public int Version { get; set; }
}

internal sealed class ReferenceConfiguration :
    IEntityTypeConfiguration<Province>, IEntityTypeConfiguration<PrefectureCity>, IEntityTypeConfiguration<Country>,
    IEntityTypeConfiguration<IndustrySection>, IEntityTypeConfiguration<IndustryCatalog>, IEntityTypeConfiguration<Industry>,
    IEntityTypeConfiguration<CitySettings>
{
    public void Configure(EntityTypeBuilder<Province> b)
    {
        b.HasKey(p => p.Code);
        b.Property(p => p.Code).HasMaxLength(6);
        b.Property(p => p.Name).HasMaxLength(50);
        b.Property(p => p.ShortName).HasMaxLength(20);
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<PrefectureCity> b)
    {
        b.HasKey(c => c.Code);
        b.Property(c => c.Code).HasMaxLength(6);
        b.Property(c => c.Name).HasMaxLength(50);
        b.Property(c => c.ProvinceCode).HasMaxLength(6);
        b.HasOne<Province>().WithMany().HasForeignKey(c => c.ProvinceCode).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => c.Name);
    }

    public void Configure(EntityTypeBuilder<Country> b)
    {
        b.HasKey(c => c.Code);
        b.Property(c => c.Code).HasMaxLength(3);
        b.Property(c => c.Name).HasMaxLength(60);
        b.HasIndex(c => c.Name).IsUnique();
    }

    public void Configure(EntityTypeBuilder<IndustrySection> b)
    {
        b.HasKey(s => s.Code);
        b.Property(s => s.Code).HasMaxLength(1);
        b.Property(s => s.Name).HasMaxLength(60);
    }

    public void Configure(EntityTypeBuilder<IndustryCatalog> b)
    {
        b.Property(c => c.Name).HasMaxLength(60);
        b.HasIndex(c => c.StartYear).IsUnique();
        b.HasMany(c => c.Industries).WithOne().HasForeignKey(i => i.CatalogId).OnDelete(DeleteBehavior.Cascade);
        b.Property(c => c.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<Industry> b)
    {
        b.Property(i => i.Name).HasMaxLength(60);
        b.Property(i => i.Tier).HasMaxLength(20);
        b.HasIndex(i => new { i.CatalogId, i.Name }).IsUnique();
        b.Property(i => i.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<CitySettings> b)
    {
        b.Property(c => c.CityUnitCode).HasMaxLength(32);
        b.Property(c => c.ShortName).HasMaxLength(20);
        b.Property(c => c.ProvinceCode).HasMaxLength(6);
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}
