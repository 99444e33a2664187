using InvestTrack.Features.Supervision;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Warnings;

/// <summary>What a warning is about; the number is stored.</summary>
public enum WarningKind { Project = 1, Unit = 2, Lead = 3 }

/// <summary>
/// One warning run of a 旬 (<see cref="Xun"/> in its short form, 2026-03-1). A rerun of the 旬 replaces its results and
/// this row. The city's record: it holds counts over every unit, so only city staff read it (Operation.ManageWarnings).
/// </summary>
public sealed class WarningRun
{
    public int Id { get; set; }
    public required string Xun { get; set; }
    public required string StartedBy { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset FinishedAt { get; set; }
    public long DurationMs { get; set; }
    public int Red { get; set; }
    public int Yellow { get; set; }
    public int Green { get; set; }
    /// <summary>The <see cref="WarningOptions"/> the run used, as JSON: a bulletin can say which thresholds it applied.</summary>
    public required string OptionsJson { get; set; }
}

/// <summary>
/// A subject's colours in one 旬: the worst raw colour of its rules and the colour shown (docs/supervision.md, Colours).
/// Written in bulk by the run (not audited row by row: the run itself is audited). One row per subject and 旬, so the rows
/// of a project over the 旬 are its colour history.
/// </summary>
public sealed class WarningItem : IUnitOwned
{
    public long Id { get; set; }
    public required string Xun { get; set; }
    public WarningKind Kind { get; set; }
    /// <summary>The project's, unit's or lead's id.</summary>
    public int SubjectId { get; set; }
    public int UnitId { get; set; }
    public WarningColour Raw { get; set; }
    public WarningColour Shown { get; set; }
    /// <summary>The shown colour of the previous 旬 that fed <see cref="WarningColours.Shown"/> (null: new).</summary>
    public WarningColour? PreviousShown { get; set; }
}

/// <summary>One rule's result for one subject and 旬: its raw colour and the facts (the columns of <see cref="WarningFacts"/>).</summary>
public sealed class WarningRuleResult : IUnitOwned
{
    public long Id { get; set; }
    public required string Xun { get; set; }
    public WarningKind Kind { get; set; }
    public int SubjectId { get; set; }
    public int UnitId { get; set; }
    public required string RuleId { get; set; }
    public WarningColour Colour { get; set; }
    public string? Item { get; set; }
    public DateOnly? Date { get; set; }
    public int? Days { get; set; }
    public int? WorkingDaysLeft { get; set; }
    public int? Months { get; set; }
    public decimal? Actual { get; set; }
    public decimal? Target { get; set; }
    public decimal? Completion { get; set; }
    public decimal? Pace { get; set; }
}

public enum HandlingState { Open = 0, Acknowledged = 1, Resolved = 2 }

/// <summary>
/// 签收 and 办结 of a warning, by the unit, with a note. Kept apart from the run's rows, keyed by 旬 and subject, so that a
/// rerun of the 旬 (which replaces its colours) keeps what people did; audited and versioned like every edit.
/// </summary>
public sealed class WarningHandling : IUnitOwned, IAudited, IVersioned
{
    public int Id { get; set; }
    public required string Xun { get; set; }
    public WarningKind Kind { get; set; }
    public int SubjectId { get; set; }
    public int UnitId { get; set; }
    public HandlingState State { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgeNote { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolveNote { get; set; }
    public int Version { get; set; }
}

/// <summary>The city's warning options (rules on or off, thresholds), one row, edited by city staff.</summary>
public sealed class WarningSettings : IAudited, IVersioned
{
    public int Id { get; set; }
    public required string OptionsJson { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class WarningConfiguration :
    IEntityTypeConfiguration<WarningRun>, IEntityTypeConfiguration<WarningItem>, IEntityTypeConfiguration<WarningRuleResult>,
    IEntityTypeConfiguration<WarningHandling>, IEntityTypeConfiguration<WarningSettings>
{
    public void Configure(EntityTypeBuilder<WarningRun> b)
    {
        b.Property(r => r.Xun).HasMaxLength(10);
        b.Property(r => r.StartedBy).HasMaxLength(256);
        b.HasIndex(r => r.Xun).IsUnique();
    }

    public void Configure(EntityTypeBuilder<WarningItem> b)
    {
        b.Property(i => i.Xun).HasMaxLength(10);
        b.HasIndex(i => new { i.Xun, i.Kind, i.SubjectId }).IsUnique();
        // The list: a 旬's red and yellow items of the units in scope.
        b.HasIndex(i => new { i.Xun, i.Shown, i.UnitId });
        // A project's colour history.
        b.HasIndex(i => new { i.Kind, i.SubjectId, i.Xun });
    }

    public void Configure(EntityTypeBuilder<WarningRuleResult> b)
    {
        b.Property(r => r.Xun).HasMaxLength(10);
        b.Property(r => r.RuleId).HasMaxLength(50);
        b.Property(r => r.Item).HasMaxLength(50);
        b.Property(r => r.Actual).HasPrecision(20, 2);
        b.Property(r => r.Target).HasPrecision(20, 2);
        b.Property(r => r.Completion).HasPrecision(28, 10);
        b.Property(r => r.Pace).HasPrecision(28, 10);
        b.HasIndex(r => new { r.Xun, r.Kind, r.SubjectId });
        b.HasIndex(r => new { r.Xun, r.RuleId, r.Colour });
    }

    public void Configure(EntityTypeBuilder<WarningHandling> b)
    {
        b.Property(h => h.Xun).HasMaxLength(10);
        b.Property(h => h.AcknowledgedBy).HasMaxLength(256);
        b.Property(h => h.ResolvedBy).HasMaxLength(256);
        b.Property(h => h.AcknowledgeNote).HasMaxLength(500);
        b.Property(h => h.ResolveNote).HasMaxLength(500);
        b.HasIndex(h => new { h.Xun, h.Kind, h.SubjectId }).IsUnique();
        b.Property(h => h.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<WarningSettings> b)
    {
        b.Property(s => s.OptionsJson).HasMaxLength(4000);
        b.Property(s => s.UpdatedBy).HasMaxLength(256);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}
