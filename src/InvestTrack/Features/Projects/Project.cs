using InvestTrack.Features.Units;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Projects;

public enum ProjectStage { Lead = 0, Talks = 1, Intention = 2, Signed = 3, Started = 4, InProduction = 5, Stalled = 8, Dropped = 9 }

/// <summary>An investment project, owned by one unit.</summary>
public sealed class Project : IUnitOwned, IAudited, IVersioned
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string InvestorName { get; set; }
    public int UnitId { get; set; }
    public ProjectStage Stage { get; set; }
    /// <summary>计划总投资 in hundredths of a 万元 (see Kernel/Money).</summary>
    public long PlannedInvestment { get; set; }
    public DateOnly? SignedOn { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.Property(p => p.Code).HasMaxLength(64);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.InvestorName).HasMaxLength(200);
        b.HasIndex(p => p.Code).IsUnique();
        b.HasIndex(p => new { p.UnitId, p.Stage });
        b.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}
