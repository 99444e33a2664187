using InvestTrack.Features.Companies;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.Units;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Projects;

/// <summary>Where a project stands in its life; its <see cref="ProjectStatus"/> says whether it moves.</summary>
public enum ProjectStage { Lead = 0, Talks = 1, Intention = 2, Signed = 3, Started = 4, InProduction = 5 }

/// <summary>项目合同 (counted as a project) or 战略合作框架协议 (counted apart).</summary>
public enum SigningKind { Contract = 1, Framework = 2 }

/// <summary>An investment project, owned by one unit, from the first lead to production.</summary>
public sealed class Project : IUnitOwned, IAudited, IVersioned
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int CompanyId { get; set; }
    public int UnitId { get; set; }
    public int? IndustryId { get; set; }
    /// <summary>GB/T 4754-2017 section letter.</summary>
    public string? IndustrySectionCode { get; set; }
    public ProjectStage Stage { get; set; }
    public ProjectStatus Status { get; set; }
    /// <summary>Why it was dropped or stalled.</summary>
    public string? StatusReason { get; set; }
    /// <summary>计划总投资 in hundredths of a 万元 (Kernel/Money).</summary>
    public long PlannedInvestment { get; set; }
    /// <summary>合同引资额 in hundredths of a 万元.</summary>
    public long? ContractedInvestment { get; set; }
    public SigningKind? SigningKind { get; set; }
    public DateOnly? SignedOn { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? InProductionOn { get; set; }
    public string? LeadSource { get; set; }
    /// <summary>包保领导.</summary>
    public string? ResponsibleLeader { get; set; }
    public string? ContactPerson { get; set; }
    /// <summary>The 24-character code of the national online approval platform.</summary>
    public string? NationalProjectCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One move of a project's stage or status: time in stage comes from these.</summary>
public sealed class StageChange : IUnitOwned
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    public int UnitId { get; set; }
    public ProjectStage? FromStage { get; set; }
    public ProjectStage ToStage { get; set; }
    public ProjectStatus FromStatus { get; set; }
    public ProjectStatus ToStatus { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string? UserName { get; set; }
    public string? Note { get; set; }
}

/// <summary>An approval milestone (立项, 用地, 规划, 施工许可, or another configured one).</summary>
public sealed class ProjectMilestone : IUnitOwned, IAudited, IVersioned
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int UnitId { get; set; }
    public required string Kind { get; set; }
    public DateOnly? PlannedOn { get; set; }
    public DateOnly? ActualOn { get; set; }
    public int SortOrder { get; set; }
    public int Version { get; set; }
}

/// <summary>A dated progress note: the record that weekly dispatch reads.</summary>
public sealed class ProgressEntry : IUnitOwned, IAudited
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    public int UnitId { get; set; }
    public DateOnly OccurredOn { get; set; }
    public required string WhatHappened { get; set; }
    /// <summary>Problems that need coordination (需协调解决的问题).</summary>
    public string? Problems { get; set; }
    public string? NextStep { get; set; }
    public string? AuthorName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ProjectConfiguration :
    IEntityTypeConfiguration<Project>, IEntityTypeConfiguration<StageChange>, IEntityTypeConfiguration<ProjectMilestone>, IEntityTypeConfiguration<ProgressEntry>
{
    public void Configure(EntityTypeBuilder<Project> b)
    {
        b.Property(p => p.Code).HasMaxLength(64);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.StatusReason).HasMaxLength(500);
        b.Property(p => p.IndustrySectionCode).HasMaxLength(1);
        b.Property(p => p.LeadSource).HasMaxLength(100);
        b.Property(p => p.ResponsibleLeader).HasMaxLength(100);
        b.Property(p => p.ContactPerson).HasMaxLength(100);
        b.Property(p => p.NationalProjectCode).HasMaxLength(24);
        b.HasIndex(p => p.Code).IsUnique();
        b.HasIndex(p => new { p.UnitId, p.Stage });
        b.HasIndex(p => p.CompanyId);
        b.HasIndex(p => p.SignedOn);
        b.HasIndex(p => p.PlannedInvestment);
        b.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Company>().WithMany().HasForeignKey(p => p.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Industry>().WithMany().HasForeignKey(p => p.IndustryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<IndustrySection>().WithMany().HasForeignKey(p => p.IndustrySectionCode).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<StageChange> b)
    {
        b.Property(s => s.UserName).HasMaxLength(256);
        b.Property(s => s.Note).HasMaxLength(500);
        b.HasIndex(s => new { s.ProjectId, s.ChangedAt });
        b.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ProjectMilestone> b)
    {
        b.Property(m => m.Kind).HasMaxLength(50);
        b.HasIndex(m => new { m.ProjectId, m.Kind }).IsUnique();
        b.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.Property(m => m.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<ProgressEntry> b)
    {
        b.Property(e => e.WhatHappened).HasMaxLength(2000);
        b.Property(e => e.Problems).HasMaxLength(2000);
        b.Property(e => e.NextStep).HasMaxLength(2000);
        b.Property(e => e.AuthorName).HasMaxLength(256);
        b.HasIndex(e => new { e.ProjectId, e.OccurredOn });
        b.HasIndex(e => new { e.UnitId, e.OccurredOn });
        b.HasOne<Project>().WithMany().HasForeignKey(e => e.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
