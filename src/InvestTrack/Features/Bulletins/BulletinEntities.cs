using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Bulletins;

public enum BulletinState { Draft = 0, Published = 1 }

public enum BulletinFileKind { Docx = 0, Xlsx = 1 }

/// <summary>
/// The monthly bulletin (月通报) of year Y, months 1..M: one per month. A draft holds the content as it was generated
/// (<see cref="Content"/>, JSON of <see cref="BulletinContent"/>) and the editor's preface; publishing numbers it
/// (<see cref="NumberYear"/>, <see cref="Number"/>: 四招通〔2026〕11号), stores its .docx and .xlsx
/// (<see cref="BulletinFile"/>) and freezes it: a published bulletin is never changed or deleted. A city-level
/// publication, not unit-owned (docs/decisions/0012-published-rankings.md): every role that reads records reads it.
/// </summary>
public sealed class Bulletin : IAudited, IVersioned
{
    public int Id { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public BulletinState State { get; set; }
    public int? NumberYear { get; set; }
    public int? Number { get; set; }
    public string? Preface { get; set; }
    public required string Content { get; set; }
    public DateTimeOffset GeneratedAt { get; set; }
    public required string GeneratedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>A published bulletin's document as issued: the bytes downloaded ever after, whatever changes in the records.</summary>
public sealed class BulletinFile : IAudited
{
    public int Id { get; set; }
    public int BulletinId { get; set; }
    public BulletinFileKind Kind { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>"Content" is left out of the audit trail's values (AuditCapture), as the evidence files' are.</summary>
    public required byte[] Content { get; set; }
}

internal sealed class BulletinConfiguration : IEntityTypeConfiguration<Bulletin>, IEntityTypeConfiguration<BulletinFile>
{
    public void Configure(EntityTypeBuilder<Bulletin> b)
    {
        // One bulletin a month, and one number a year: two publications at once collide here.
        b.HasIndex(x => new { x.Year, x.Month }).IsUnique();
        b.HasIndex(x => new { x.NumberYear, x.Number }).IsUnique();
        b.Property(x => x.Preface).HasMaxLength(BulletinRules.MaxPreface);
        b.Property(x => x.GeneratedBy).HasMaxLength(256);
        b.Property(x => x.PublishedBy).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<BulletinFile> b)
    {
        b.HasIndex(x => new { x.BulletinId, x.Kind }).IsUnique();
        b.HasOne<Bulletin>().WithMany().HasForeignKey(x => x.BulletinId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Sha256).HasMaxLength(64);
    }
}
