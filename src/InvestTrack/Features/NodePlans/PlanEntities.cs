using InvestTrack.Features.Projects;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.NodePlans;

/// <summary>
/// A node plan template (节点计划模板) for one project type. The Project entity has no type field, so the type is the
/// GB/T 4754 section letter of the project (e.g. "C" manufacturing) or <see cref="PlanTemplate.DefaultType"/> (默认),
/// which serves every project whose section has no template of its own. City staff edit them (Operation.ManagePlans).
/// </summary>
public sealed class PlanTemplate : IAudited, IVersioned
{
    public const string DefaultType = "默认";

    public int Id { get; set; }
    public required string ProjectType { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One step of a template: <see cref="Follows"/> lists the numbers of the earlier steps it waits for ("2,3").</summary>
public sealed class PlanTemplateStep : IAudited
{
    public int Id { get; set; }
    public int TemplateId { get; set; }
    public int Number { get; set; }
    public required string Name { get; set; }
    public int DurationDays { get; set; }
    /// <summary>责任单位或部门, free text.</summary>
    public string? Responsible { get; set; }
    public string? Follows { get; set; }
}

/// <summary>How a step closes: from what the project already records (no double entry), or by the unit.</summary>
public enum StepCloses { Signing = 1, Start = 2, Production = 3, Milestone = 4, Manual = 5 }

/// <summary>A step of a project's node plan, copied from the template when the plan was made.</summary>
public sealed class PlanStep : IUnitOwned, IAudited, IVersioned
{
    public int Id { get; set; }
    public int ProjectId { get; set; }
    public int UnitId { get; set; }
    public int Number { get; set; }
    public required string Name { get; set; }
    public int DurationDays { get; set; }
    public string? Responsible { get; set; }
    public string? Follows { get; set; }
    public StepCloses Closes { get; set; }
    public DateOnly DueOn { get; set; }
    /// <summary>Only for <see cref="StepCloses.Manual"/>; the others read the project's dates or its milestone.</summary>
    public DateOnly? ClosedOn { get; set; }
    public int Version { get; set; }
}

public enum AdjustmentState { Pending = 0, Approved = 1, Rejected = 2 }

/// <summary>A unit's request to move a step's due date; it takes effect when city staff approve it.</summary>
public sealed class PlanAdjustment : IUnitOwned, IAudited, IVersioned
{
    public int Id { get; set; }
    public int PlanStepId { get; set; }
    public int ProjectId { get; set; }
    public int UnitId { get; set; }
    public DateOnly FromDueOn { get; set; }
    public DateOnly ToDueOn { get; set; }
    public required string Reason { get; set; }
    public AdjustmentState State { get; set; }
    public string? RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    public int Version { get; set; }
}

internal sealed class PlanConfiguration :
    IEntityTypeConfiguration<PlanTemplate>, IEntityTypeConfiguration<PlanTemplateStep>, IEntityTypeConfiguration<PlanStep>, IEntityTypeConfiguration<PlanAdjustment>
{
    public void Configure(EntityTypeBuilder<PlanTemplate> b)
    {
        b.Property(t => t.ProjectType).HasMaxLength(20);
        b.Property(t => t.Name).HasMaxLength(100);
        b.HasIndex(t => t.ProjectType).IsUnique();
        b.Property(t => t.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<PlanTemplateStep> b)
    {
        b.Property(s => s.Name).HasMaxLength(50);
        b.Property(s => s.Responsible).HasMaxLength(100);
        b.Property(s => s.Follows).HasMaxLength(100);
        b.HasIndex(s => new { s.TemplateId, s.Number }).IsUnique();
        b.HasOne<PlanTemplate>().WithMany().HasForeignKey(s => s.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PlanStep> b)
    {
        b.Property(s => s.Name).HasMaxLength(50);
        b.Property(s => s.Responsible).HasMaxLength(100);
        b.Property(s => s.Follows).HasMaxLength(100);
        // One plan per project: a second generation collides here even when two run at once.
        b.HasIndex(s => new { s.ProjectId, s.Number }).IsUnique();
        b.HasIndex(s => new { s.UnitId, s.DueOn });
        b.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<PlanAdjustment> b)
    {
        b.Property(a => a.Reason).HasMaxLength(500);
        b.Property(a => a.DecisionNote).HasMaxLength(500);
        b.Property(a => a.RequestedBy).HasMaxLength(256);
        b.Property(a => a.DecidedBy).HasMaxLength(256);
        b.HasIndex(a => new { a.State, a.UnitId });
        b.HasIndex(a => a.PlanStepId);
        b.HasOne<PlanStep>().WithMany().HasForeignKey(a => a.PlanStepId).OnDelete(DeleteBehavior.Cascade);
        b.Property(a => a.Version).IsConcurrencyToken();
    }
}
