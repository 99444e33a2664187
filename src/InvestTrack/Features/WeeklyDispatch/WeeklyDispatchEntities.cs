using InvestTrack.Features.Projects;
using InvestTrack.Features.Units;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.WeeklyDispatch;

public enum WeeklyDispatchStatus { Draft = 0, Submitted = 1, Returned = 2 }

/// <summary>One unit's dispatch (周调度) of one week: a draft until submitted, then read-only unless the city returns it.</summary>
public sealed class WeeklyDispatchRecord : IUnitOwned, IAudited, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    /// <summary>The Monday of the week (<see cref="WeeklyDispatchWeek"/>).</summary>
    public DateOnly WeekStart { get; set; }
    public WeeklyDispatchStatus Status { get; set; }
    /// <summary>The first submission: punctuality is judged by it, a correction after a return does not move it.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }
    /// <summary>Submitted after the week's deadline: accepted, and marked.</summary>
    public bool Late { get; set; }
    public string? SubmittedBy { get; set; }
    public string? ReturnReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One project's lines of a dispatch: progress this week, problems needing coordination, next steps.</summary>
public sealed class WeeklyDispatchItem : IUnitOwned, IAudited
{
    public long Id { get; set; }
    public int DispatchId { get; set; }
    public int ProjectId { get; set; }
    public int UnitId { get; set; }
    public string? Progress { get; set; }
    public string? Problems { get; set; }
    public string? NextStep { get; set; }
    /// <summary>The progress entry the submission wrote (none when the text was already in the log, or empty).</summary>
    public long? ProgressEntryId { get; set; }
}

public enum CoordinationProblemStatus { Open = 0, Answered = 1, Closed = 2 }

/// <summary>
/// A problem raised in a dispatch (问题清单), assigned by the city to a department, answered there, closed or returned by
/// the city. Seen by the raising unit and by the department it is assigned to (<see cref="IUnitOrAssigneeOwned"/>).
/// </summary>
public sealed class CoordinationProblem : IUnitOrAssigneeOwned, IAudited, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int ProjectId { get; set; }
    public int DispatchId { get; set; }
    public DateOnly RaisedWeek { get; set; }
    public required string Text { get; set; }
    public int? AssignedUnitId { get; set; }
    public DateOnly? DueOn { get; set; }
    public DateTimeOffset? AssignedAt { get; set; }
    public string? AssignedBy { get; set; }
    public CoordinationProblemStatus Status { get; set; }
    public string? Answer { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AnsweredBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string? ReturnReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class WeeklyDispatchConfiguration :
    IEntityTypeConfiguration<WeeklyDispatchRecord>, IEntityTypeConfiguration<WeeklyDispatchItem>, IEntityTypeConfiguration<CoordinationProblem>
{
    public void Configure(EntityTypeBuilder<WeeklyDispatchRecord> b)
    {
        b.ToTable("WeeklyDispatches");
        b.HasIndex(d => new { d.UnitId, d.WeekStart }).IsUnique();
        b.HasIndex(d => d.WeekStart);
        b.Property(d => d.SubmittedBy).HasMaxLength(256);
        b.Property(d => d.ReturnReason).HasMaxLength(500);
        b.HasOne<Unit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(d => d.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<WeeklyDispatchItem> b)
    {
        b.ToTable("WeeklyDispatchItems");
        b.HasIndex(i => new { i.DispatchId, i.ProjectId }).IsUnique();
        b.HasIndex(i => i.ProjectId);
        b.Property(i => i.Progress).HasMaxLength(2000);
        b.Property(i => i.Problems).HasMaxLength(2000);
        b.Property(i => i.NextStep).HasMaxLength(2000);
        b.HasOne<WeeklyDispatchRecord>().WithMany().HasForeignKey(i => i.DispatchId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Project>().WithMany().HasForeignKey(i => i.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ProgressEntry>().WithMany().HasForeignKey(i => i.ProgressEntryId).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<CoordinationProblem> b)
    {
        b.ToTable("CoordinationProblems");
        b.Property(p => p.Text).HasMaxLength(2000);
        b.Property(p => p.Answer).HasMaxLength(2000);
        b.Property(p => p.ReturnReason).HasMaxLength(500);
        b.Property(p => p.AssignedBy).HasMaxLength(256);
        b.Property(p => p.AnsweredBy).HasMaxLength(256);
        b.Property(p => p.ClosedBy).HasMaxLength(256);
        b.HasIndex(p => new { p.UnitId, p.RaisedWeek });
        b.HasIndex(p => new { p.AssignedUnitId, p.Status });
        b.HasIndex(p => p.ProjectId);
        b.HasOne<Unit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(p => p.AssignedUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<WeeklyDispatchRecord>().WithMany().HasForeignKey(p => p.DispatchId).OnDelete(DeleteBehavior.Restrict);
        b.Property(p => p.Version).IsConcurrencyToken();
    }
}
