using InvestTrack.Features.Companies;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.Units;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Leads;

/// <summary>Where a lead came from (线索来源).</summary>
public enum LeadSourceKind { Squad = 1, ViaInvestor = 2, Agency = 3, Cppcc = 4, Workstation = 5, Fair = 6, Chamber = 7, Other = 8 }

/// <summary>新登记 → 研判中 → 跟进中 → 转为项目 / 放弃.</summary>
public enum LeadStatus { Registered = 0, Assessing = 1, Pursuing = 2, Converted = 3, Abandoned = 4 }

/// <summary>
/// A registered investment lead (招商线索, 线索报备), owned by one unit. Registration protects it against another
/// unit registering the same investor for a similar industry while it is active (LeadProtection).
/// </summary>
public sealed class Lead : IUnitOwned, IAudited, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>What is pursued, in a few words: becomes the project's name on conversion.</summary>
    public required string Name { get; set; }
    public LeadSourceKind SourceKind { get; set; }
    /// <summary>The referring person or organisation, as written.</summary>
    public string? Referrer { get; set; }
    public int CompanyId { get; set; }
    /// <summary>
    /// The investor's 统一社会信用代码 and normalised name (CompanyNames.Key) when registered: the protection compares
    /// these in SQL, across units, without reading the company directory.
    /// </summary>
    public string? InvestorCreditCode { get; set; }
    public required string InvestorKey { get; set; }
    public int? IndustryId { get; set; }
    /// <summary>GB/T 4754-2017 section letter (门类): "similar industry" means the same section.</summary>
    public required string IndustrySectionCode { get; set; }
    /// <summary>预计投资 in hundredths of a 万元 (Kernel/Money).</summary>
    public long EstimatedInvestment { get; set; }
    public string? Description { get; set; }
    public string? OwnerUserId { get; set; }
    public string? OwnerName { get; set; }
    public LeadStatus Status { get; set; }
    public string? StatusReason { get; set; }
    /// <summary>Released by the city's arbitration: the lead stays, its protection ends.</summary>
    public bool ProtectionReleased { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    /// <summary>The registration's date in the city (Beijing), where the clocks start.</summary>
    public DateOnly RegisteredOn { get; set; }
    /// <summary>The latest progress entry's date, or the registration's: a protection lapses counting from it.</summary>
    public DateOnly LastProgressOn { get; set; }
    public int? ProjectId { get; set; }
    // Entities built in parallel by other helpers: plain columns until the lead engineer adds their FKs.
    public int? OriginActivityId { get; set; }
    public int? OriginEventId { get; set; }
    public int? AgencyId { get; set; }
    public int? WorkstationId { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public bool IsOpen => Status is LeadStatus.Registered or LeadStatus.Assessing or LeadStatus.Pursuing;
}

/// <summary>A dated progress note on a lead; it may record that the referrer was answered.</summary>
public sealed class LeadProgress : IUnitOwned, IAudited
{
    public long Id { get; set; }
    public int LeadId { get; set; }
    public int UnitId { get; set; }
    public DateOnly OccurredOn { get; set; }
    public required string Note { get; set; }
    public bool ReferrerAnswered { get; set; }
    public string? AuthorName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum LeadClockKind { Assess = 1, AnswerReferrer = 2, Progress = 3 }

/// <summary>One response clock of a lead: started, due (in working days), met or stopped.</summary>
public sealed class LeadClock : IUnitOwned
{
    public long Id { get; set; }
    public int LeadId { get; set; }
    public int UnitId { get; set; }
    public LeadClockKind Kind { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly DueOn { get; set; }
    public DateOnly? MetOn { get; set; }
    /// <summary>The lead ended (converted or abandoned) before the clock was met.</summary>
    public DateOnly? StoppedOn { get; set; }
}

public enum ConflictResolution { Open = 0, Assigned = 1, Shared = 2, Released = 3 }

/// <summary>
/// A registration refused because another unit holds the investor (招商撞车), kept for the city's arbitration.
/// Not unit-owned: only the city reads the list (Operation.ArbitrateLeads).
/// </summary>
public sealed class LeadConflict : IAudited, IVersioned
{
    public int Id { get; set; }
    public int HolderLeadId { get; set; }
    public int HolderUnitId { get; set; }
    public int RequestingUnitId { get; set; }
    public required string InvestorName { get; set; }
    public string? InvestorCreditCode { get; set; }
    public required string InvestorKey { get; set; }
    public required string IndustrySectionCode { get; set; }
    public DateTimeOffset AttemptedAt { get; set; }
    public string? AttemptedBy { get; set; }
    public ConflictResolution Resolution { get; set; }
    public int? AssignedUnitId { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public int Version { get; set; }
}

internal sealed class LeadConfiguration :
    IEntityTypeConfiguration<Lead>, IEntityTypeConfiguration<LeadProgress>, IEntityTypeConfiguration<LeadClock>, IEntityTypeConfiguration<LeadConflict>
{
    public void Configure(EntityTypeBuilder<Lead> b)
    {
        b.Property(l => l.Name).HasMaxLength(200);
        b.Property(l => l.Referrer).HasMaxLength(100);
        b.Property(l => l.InvestorCreditCode).HasMaxLength(18);
        b.Property(l => l.InvestorKey).HasMaxLength(200);
        b.Property(l => l.IndustrySectionCode).HasMaxLength(1);
        b.Property(l => l.Description).HasMaxLength(2000);
        b.Property(l => l.OwnerUserId).HasMaxLength(450);
        b.Property(l => l.OwnerName).HasMaxLength(256);
        b.Property(l => l.StatusReason).HasMaxLength(500);
        // The protection's two lookups, across units.
        b.HasIndex(l => new { l.InvestorKey, l.IndustrySectionCode });
        b.HasIndex(l => new { l.InvestorCreditCode, l.IndustrySectionCode });
        b.HasIndex(l => new { l.UnitId, l.Status });
        b.HasIndex(l => l.OwnerUserId);
        b.HasIndex(l => l.CompanyId);
        b.HasIndex(l => new { l.SourceKind, l.ProjectId });
        b.HasIndex(l => l.ProjectId).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(l => l.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Company>().WithMany().HasForeignKey(l => l.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Industry>().WithMany().HasForeignKey(l => l.IndustryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<IndustrySection>().WithMany().HasForeignKey(l => l.IndustrySectionCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Project>().WithOne().HasForeignKey<Lead>(l => l.ProjectId).OnDelete(DeleteBehavior.SetNull);
        b.Property(l => l.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<LeadProgress> b)
    {
        b.Property(e => e.Note).HasMaxLength(2000);
        b.Property(e => e.AuthorName).HasMaxLength(256);
        b.HasIndex(e => new { e.LeadId, e.OccurredOn });
        b.HasOne<Lead>().WithMany().HasForeignKey(e => e.LeadId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<LeadClock> b)
    {
        b.HasIndex(c => new { c.LeadId, c.Kind });
        // Open clocks by due date: the overdue counts read only these.
        b.HasIndex(c => new { c.UnitId, c.DueOn }).HasFilter("\"MetOn\" IS NULL AND \"StoppedOn\" IS NULL");
        b.HasOne<Lead>().WithMany().HasForeignKey(c => c.LeadId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<LeadConflict> b)
    {
        b.Property(c => c.InvestorName).HasMaxLength(200);
        b.Property(c => c.InvestorCreditCode).HasMaxLength(18);
        b.Property(c => c.InvestorKey).HasMaxLength(200);
        b.Property(c => c.IndustrySectionCode).HasMaxLength(1);
        b.Property(c => c.AttemptedBy).HasMaxLength(256);
        b.Property(c => c.ResolvedBy).HasMaxLength(256);
        b.HasIndex(c => new { c.Resolution, c.AttemptedAt });
        b.HasIndex(c => c.HolderLeadId);
        b.HasOne<Lead>().WithMany().HasForeignKey(c => c.HolderLeadId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(c => c.HolderUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(c => c.RequestingUnitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}
