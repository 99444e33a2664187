using InvestTrack.Features.Units;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Targets;

/// <summary>What a year's target counts.</summary>
public enum TargetIndicator
{
    /// <summary>Audited funds in place, hundredths of a 万元.</summary>
    Funds = 1,
    /// <summary>Signings (projects and framework agreements).</summary>
    Signings = 2,
    /// <summary>亿元以上 signed project contracts.</summary>
    YiSignings = 3,
    /// <summary>开复工5000万元以上 projects.</summary>
    Starts5000 = 4,
    /// <summary>竣工投产 projects.</summary>
    Production = 5,
}

/// <summary>An annual target of a unit, or of the whole city when <see cref="UnitId"/> is null.</summary>
public sealed class AnnualTarget : ICityOrUnitOwned, IAudited, IVersioned
{
    public int Id { get; set; }
    public int Year { get; set; }
    public int? UnitId { get; set; }
    public TargetIndicator Indicator { get; set; }
    /// <summary>A count, or hundredths of a 万元 for <see cref="TargetIndicator.Funds"/>.</summary>
    public long Value { get; set; }
    public int Version { get; set; }
}

internal sealed class AnnualTargetConfiguration : IEntityTypeConfiguration<AnnualTarget>
{
    public void Configure(EntityTypeBuilder<AnnualTarget> b)
    {
        b.HasIndex(t => new { t.Year, t.UnitId, t.Indicator }).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(t => t.Version).IsConcurrencyToken();
    }
}
