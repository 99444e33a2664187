using InvestTrack.Features.Projects;
using InvestTrack.Features.Units;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Activities;

/// <summary>走出去 (a visit out of the city) or 请进来 (visitors received in it).</summary>
public enum ActivityKind { Outbound = 1, Inbound = 2 }

/// <summary>带队领导's level: 市级, 县级 or 部门.</summary>
public enum LeaderLevel { City = 1, County = 2, Department = 3 }

/// <summary>对接对象's type, as the 活动 sheet names them.</summary>
public enum CounterpartType { Company = 1, Association = 2, University = 3, IndustrialPark = 4, Government = 5 }

/// <summary>
/// An outbound or inbound activity (import.md sheet 活动), owned by its organising unit like a project. Its
/// destinations and counterparts are child rows carrying the activity's unit, so that the unit filter holds on
/// them too and the statistics read them without a join for scoping.
/// </summary>
public sealed class Activity : IUnitOwned, IAudited, IVersioned
{
    public const int CodeMaxLength = 64;

    public int Id { get; set; }
    public required string Code { get; set; }
    public ActivityKind Kind { get; set; }
    public DateOnly StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
    public int UnitId { get; set; }
    /// <summary>带队领导: name and title as written (陈德明 市长).</summary>
    public string? Leader { get; set; }
    public LeaderLevel? LeaderLevel { get; set; }
    /// <summary>座谈会(场).</summary>
    public int Meetings { get; set; }
    /// <summary>达成合作意向(个).</summary>
    public int Intentions { get; set; }
    public string? Notes { get; set; }
    public List<ActivityDestination> Destinations { get; set; } = [];
    public List<ActivityCounterpart> Counterparts { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// One place of a 走出去: a province-level division and, when given, a city. A municipality (北京市) is both: its
/// city code is its own. 香港 and 澳门 have no cities in the reference data, so they count as 地区 only.
/// </summary>
public sealed class ActivityDestination : IUnitOwned
{
    public long Id { get; set; }
    public int ActivityId { get; set; }
    public int UnitId { get; set; }
    public int SortOrder { get; set; }
    public required string ProvinceCode { get; set; }
    public string? CityCode { get; set; }
    /// <summary>As the place parser normalises it (山东省济南市, 北京市).</summary>
    public required string Display { get; set; }
}

/// <summary>One organisation met (走出去) or received (请进来: the visiting organisations).</summary>
public sealed class ActivityCounterpart : IUnitOwned
{
    public long Id { get; set; }
    public int ActivityId { get; set; }
    public int UnitId { get; set; }
    public int SortOrder { get; set; }
    public CounterpartType Type { get; set; }
    public required string Name { get; set; }
}

/// <summary>A project that came out of an activity. Leads are linked by the lead engineer later (Lead.OriginActivityId).</summary>
public sealed class ActivityProject : IUnitOwned, IAudited
{
    public long Id { get; set; }
    public int ActivityId { get; set; }
    public int ProjectId { get; set; }
    /// <summary>The activity's unit: the link is the activity's record.</summary>
    public int UnitId { get; set; }
}

/// <summary>A photo or document of an activity, checked as funds evidence is (Features/Funds/EvidenceUpload).</summary>
public sealed class ActivityAttachment : IUnitOwned, IAudited, Funds.IStoredFile
{
    public long Id { get; set; }
    public int ActivityId { get; set; }
    public int UnitId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public string? UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

internal sealed class ActivityConfiguration :
    IEntityTypeConfiguration<Activity>, IEntityTypeConfiguration<ActivityDestination>, IEntityTypeConfiguration<ActivityCounterpart>,
    IEntityTypeConfiguration<ActivityProject>, IEntityTypeConfiguration<ActivityAttachment>
{
    public const int NameMaxLength = 200;

    public void Configure(EntityTypeBuilder<Activity> b)
    {
        b.ToTable("Activities", t =>
        {
            t.HasCheckConstraint("CK_Activities_Meetings", "\"Meetings\" >= 0");
            t.HasCheckConstraint("CK_Activities_Intentions", "\"Intentions\" >= 0");
            t.HasCheckConstraint("CK_Activities_Dates", "\"EndOn\" IS NULL OR \"EndOn\" >= \"StartOn\"");
        });
        b.Property(a => a.Code).HasMaxLength(Activity.CodeMaxLength);
        b.HasIndex(a => a.Code).IsUnique();
        b.Property(a => a.Leader).HasMaxLength(100);
        b.Property(a => a.Notes).HasMaxLength(2000);
        // The statistics select by start date (and kind, unit, level); the index carries what they filter on.
        b.HasIndex(a => new { a.StartOn, a.Kind }).IncludeProperties(a => new { a.UnitId, a.LeaderLevel, a.Meetings, a.Intentions });
        b.HasIndex(a => new { a.UnitId, a.StartOn });
        b.HasOne<Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Destinations).WithOne().HasForeignKey(d => d.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Counterparts).WithOne().HasForeignKey(c => c.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.Property(a => a.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<ActivityDestination> b)
    {
        b.Property(d => d.ProvinceCode).HasMaxLength(6);
        b.Property(d => d.CityCode).HasMaxLength(6);
        b.Property(d => d.Display).HasMaxLength(100);
        b.HasIndex(d => d.ActivityId).IncludeProperties(d => new { d.ProvinceCode, d.CityCode });
    }

    public void Configure(EntityTypeBuilder<ActivityCounterpart> b)
    {
        b.ToTable(t => t.HasCheckConstraint("CK_ActivityCounterparts_Type", "\"Type\" BETWEEN 1 AND 5"));
        b.Property(c => c.Name).HasMaxLength(NameMaxLength);
        b.HasIndex(c => c.ActivityId).IncludeProperties(c => new { c.Type, c.Name });
    }

    public void Configure(EntityTypeBuilder<ActivityProject> b)
    {
        b.HasIndex(l => new { l.ActivityId, l.ProjectId }).IsUnique();
        b.HasIndex(l => l.ProjectId);
        b.HasOne<Activity>().WithMany().HasForeignKey(l => l.ActivityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Project>().WithMany().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ActivityAttachment> b)
    {
        b.Property(e => e.FileName).HasMaxLength(200);
        b.Property(e => e.ContentType).HasMaxLength(100);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.Property(e => e.UploadedBy).HasMaxLength(256);
        b.HasIndex(e => new { e.ActivityId, e.Sha256 }).IsUnique();
        b.HasOne<Activity>().WithMany().HasForeignKey(e => e.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}
