using InvestTrack.Features.Units;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Assessment;

public enum SchemeState { Draft = 0, Published = 1 }

/// <summary>
/// One version of a year's 考核 scheme. A draft is edited by city staff (Operation.ManageAssessment); publishing freezes
/// it; an edit after that makes the next version (<see cref="Number"/> + 1). <see cref="Configuration"/> is the whole
/// scheme as JSON (<see cref="SchemeConfig"/>), so a ranking can store exactly what it was scored with.
/// </summary>
public sealed class SchemeVersion : IAudited, IVersioned
{
    public int Id { get; set; }
    public int Year { get; set; }
    public int Number { get; set; }
    public SchemeState State { get; set; }
    public required string Configuration { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A published ranking of year Y, months 1..M: the frozen inputs (<see cref="Snapshot"/>: the scheme version with its
/// configuration, every unit's actual and target per indicator, the bonus and deduction entries) and the scores and
/// ranks computed from them (<see cref="Result"/>), both JSON. Never changed after it is written. A city-level
/// publication like the bulletin: not unit-owned, read by every role that reads records (docs/decisions/0012).
/// </summary>
public sealed class PublishedRanking : IAudited
{
    public int Id { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public int SchemeId { get; set; }
    public int SchemeNumber { get; set; }
    public required string Snapshot { get; set; }
    public required string Result { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public required string PublishedBy { get; set; }
}

/// <summary>
/// A bonus or deduction item counted for a unit on the draft ranking of year Y, month M (three late weekly dispatches:
/// <see cref="Times"/> = 3), entered by city staff with a reason; copied into the snapshot when the ranking is published.
/// </summary>
public sealed class RankingAdjustment : IUnitOwned, IAudited, IVersioned
{
    public int Id { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public int UnitId { get; set; }
    public required string ItemCode { get; set; }
    public int Times { get; set; }
    public required string Reason { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class AssessmentConfiguration :
    IEntityTypeConfiguration<SchemeVersion>, IEntityTypeConfiguration<PublishedRanking>, IEntityTypeConfiguration<RankingAdjustment>
{
    public void Configure(EntityTypeBuilder<SchemeVersion> b)
    {
        b.HasIndex(s => new { s.Year, s.Number }).IsUnique();
        b.Property(s => s.UpdatedBy).HasMaxLength(256);
        b.Property(s => s.PublishedBy).HasMaxLength(256);
        b.Property(s => s.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<PublishedRanking> b)
    {
        // Published once per month: a second publication collides here even when two run at once.
        b.HasIndex(r => new { r.Year, r.Month }).IsUnique();
        b.HasOne<SchemeVersion>().WithMany().HasForeignKey(r => r.SchemeId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.PublishedBy).HasMaxLength(256);
    }

    public void Configure(EntityTypeBuilder<RankingAdjustment> b)
    {
        b.Property(a => a.ItemCode).HasMaxLength(40);
        b.Property(a => a.Reason).HasMaxLength(500);
        b.Property(a => a.UpdatedBy).HasMaxLength(256);
        b.HasIndex(a => new { a.Year, a.Month, a.UnitId, a.ItemCode }).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.Version).IsConcurrencyToken();
    }
}
