using InvestTrack.Features.Projects;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Network;

/// <summary>恳谈会, 博览会, 推介会, 人才大会, or another kind of event.</summary>
public enum EventKind { Conference = 1, Expo = 2, Promotion = 3, TalentConference = 4, Other = 9 }

/// <summary>
/// An event organised by a unit (unit-scoped like a project): where, when, who came and what was signed there.
/// Leads collected at the event point at it from the lead side (Lead.OriginEventId), never from here.
/// </summary>
public sealed class NetworkEvent : IUnitOwned, IAudited, IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public EventKind Kind { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    /// <summary>The venue as written (北京会议中心).</summary>
    public required string Venue { get; set; }
    /// <summary>Optional province/city as written (北京市), parsed by Places into the codes below.</summary>
    public string? Region { get; set; }
    public string? ProvinceCode { get; set; }
    public string? CityCode { get; set; }
    /// <summary>The organising unit.</summary>
    public int UnitId { get; set; }
    /// <summary>共有N人参会 as recorded; null when only the list is known (then the list counts).</summary>
    public int? ParticipantCount { get; set; }
    public string? Notes { get; set; }
    public List<EventParticipant> Participants { get; set; } = [];
    public List<EventSigning> Signings { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One person at an event, optionally a talent of the network.</summary>
public sealed class EventParticipant : IAudited
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Name { get; set; }
    public string? Organisation { get; set; }
    public int? TalentId { get; set; }
}

/// <summary>A project signed at the event: a project in the system, or a name when it is not registered yet.</summary>
public sealed class EventSigning : IAudited
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public int? ProjectId { get; set; }
    public string? ProjectName { get; set; }
    /// <summary>签约金额 in hundredths of a 万元 (Kernel/Money).</summary>
    public long Amount { get; set; }
}

/// <summary>A person outside the city with ties to it (域外四平籍人才). Phone and email are personal data, shown masked.</summary>
public sealed class TalentPerson : IUnitOwned, IAudited, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public required string Name { get; set; }
    /// <summary>籍贯 / hometown as written.</summary>
    public string? Origin { get; set; }
    public string? Field { get; set; }
    public string? Organisation { get; set; }
    public string? Title { get; set; }
    [PersonalData(HashProperty = nameof(PhoneHash))] public string? Phone { get; set; }
    /// <summary>The keyed hash of <see cref="Phone"/> that a search by phone matches (Data/PersonalDataSealing.cs).</summary>
    public string? PhoneHash { get; set; }
    [PersonalData] public string? Email { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A talent workstation such as 驻京人才工作站, with its members.</summary>
public sealed class TalentWorkstation : IUnitOwned, IAudited, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public required string Name { get; set; }
    /// <summary>Where it sits, as written (北京市), parsed into the codes below.</summary>
    public required string Place { get; set; }
    public string? ProvinceCode { get; set; }
    public string? CityCode { get; set; }
    public DateOnly? EstablishedOn { get; set; }
    public string? Notes { get; set; }
    public List<WorkstationMember> Members { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }
}

public sealed class WorkstationMember : IAudited
{
    public int Id { get; set; }
    public int WorkstationId { get; set; }
    public int TalentId { get; set; }
}

/// <summary>
/// An entrusted agency (委托招商) under contract with a unit. The leads it delivered point at it from the lead
/// side (Lead.AgencyId); the agency page keeps a place for them.
/// </summary>
public sealed class InvestmentAgency : IUnitOwned, IAudited, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public required string Name { get; set; }
    public string? ContractNumber { get; set; }
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    public string? FeeTerms { get; set; }
    public string? ContactName { get; set; }
    [PersonalData(HashProperty = nameof(PhoneHash))] public string? Phone { get; set; }
    /// <summary>The keyed hash of <see cref="Phone"/> that a search by phone matches (Data/PersonalDataSealing.cs).</summary>
    public string? PhoneHash { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>The talent-retention programme's count for one year as its unit recorded it (万名大学生留平计划).</summary>
public sealed class TalentRetentionCount : IUnitOwned, IAudited, IVersioned
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int Year { get; set; }
    public int Count { get; set; }
    public string? Note { get; set; }
    public int Version { get; set; }
}

internal sealed class NetworkConfiguration :
    IEntityTypeConfiguration<NetworkEvent>, IEntityTypeConfiguration<EventParticipant>, IEntityTypeConfiguration<EventSigning>,
    IEntityTypeConfiguration<TalentPerson>, IEntityTypeConfiguration<TalentWorkstation>, IEntityTypeConfiguration<WorkstationMember>,
    IEntityTypeConfiguration<InvestmentAgency>, IEntityTypeConfiguration<TalentRetentionCount>
{
    public void Configure(EntityTypeBuilder<NetworkEvent> b)
    {
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.Venue).HasMaxLength(200);
        b.Property(e => e.Region).HasMaxLength(100);
        b.Property(e => e.ProvinceCode).HasMaxLength(6);
        b.Property(e => e.CityCode).HasMaxLength(6);
        b.Property(e => e.Notes).HasMaxLength(2000);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<Units.Unit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Participants).WithOne().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Signings).WithOne().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.UnitId, e.StartsOn });
    }

    public void Configure(EntityTypeBuilder<EventParticipant> b)
    {
        b.Property(p => p.Name).HasMaxLength(50);
        b.Property(p => p.Organisation).HasMaxLength(200);
        b.HasOne<TalentPerson>().WithMany().HasForeignKey(p => p.TalentId).OnDelete(DeleteBehavior.SetNull);
    }

    public void Configure(EntityTypeBuilder<EventSigning> b)
    {
        b.Property(s => s.ProjectName).HasMaxLength(200);
        b.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<TalentPerson> b)
    {
        b.Property(t => t.Name).HasMaxLength(50);
        b.Property(t => t.Origin).HasMaxLength(100);
        b.Property(t => t.Field).HasMaxLength(100);
        b.Property(t => t.Organisation).HasMaxLength(200);
        b.Property(t => t.Title).HasMaxLength(100);
        // Sealed values (v1:base64): a 30-character phone needs 80, a 200-character address up to 840.
        b.Property(t => t.Phone).HasMaxLength(200);
        b.Property(t => t.PhoneHash).HasMaxLength(64);
        b.HasIndex(t => t.PhoneHash);
        b.Property(t => t.Email).HasMaxLength(1000);
        b.Property(t => t.Notes).HasMaxLength(2000);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.HasOne<Units.Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.UnitId, t.Name });
    }

    public void Configure(EntityTypeBuilder<TalentWorkstation> b)
    {
        b.Property(w => w.Name).HasMaxLength(100);
        b.Property(w => w.Place).HasMaxLength(100);
        b.Property(w => w.ProvinceCode).HasMaxLength(6);
        b.Property(w => w.CityCode).HasMaxLength(6);
        b.Property(w => w.Notes).HasMaxLength(2000);
        b.Property(w => w.Version).IsConcurrencyToken();
        b.HasOne<Units.Unit>().WithMany().HasForeignKey(w => w.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(w => w.Members).WithOne().HasForeignKey(m => m.WorkstationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<WorkstationMember> b)
    {
        b.HasOne<TalentPerson>().WithMany().HasForeignKey(m => m.TalentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(m => new { m.WorkstationId, m.TalentId }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<InvestmentAgency> b)
    {
        b.Property(a => a.Name).HasMaxLength(200);
        b.Property(a => a.ContractNumber).HasMaxLength(50);
        b.Property(a => a.FeeTerms).HasMaxLength(1000);
        b.Property(a => a.ContactName).HasMaxLength(50);
        b.Property(a => a.Phone).HasMaxLength(200);
        b.Property(a => a.PhoneHash).HasMaxLength(64);
        b.HasIndex(a => a.PhoneHash);
        b.Property(a => a.Notes).HasMaxLength(2000);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne<Units.Unit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<TalentRetentionCount> b)
    {
        b.Property(r => r.Note).HasMaxLength(500);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<Units.Unit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.UnitId, r.Year }).IsUnique();
    }
}
