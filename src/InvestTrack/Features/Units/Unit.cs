using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Units;

public enum UnitKind
{
    /// <summary>The city itself (市本级).</summary>
    City = 0,
    /// <summary>County, county-level city or district.</summary>
    County = 1,
    /// <summary>Development zone, under a county or reporting to the city.</summary>
    Zone = 2,
    /// <summary>City department (市直部门), citywide.</summary>
    Department = 3,
}

/// <summary>A unit of the city's administration: the root of every record's ownership.</summary>
public sealed class Unit : IAudited, IVersioned
{
    public int Id { get; set; }
    /// <summary>GB/T 2260 code for the city and its counties; a configured code for zones and departments.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? ShortName { get; set; }
    public UnitKind Kind { get; set; }
    public int? ParentId { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.Property(u => u.Code).HasMaxLength(32);
        b.Property(u => u.Name).HasMaxLength(100);
        b.Property(u => u.ShortName).HasMaxLength(50);
        b.HasIndex(u => u.Code).IsUnique();
        b.HasIndex(u => u.Name).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(u => u.Version).IsConcurrencyToken();
    }
}
