using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Audit;

/// <summary>One line of the audit trail. Written in the same transaction as the change it records.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string? Role { get; set; }
    public int? UnitId { get; set; }
    public string? Address { get; set; }
    /// <summary>Create, Update, Delete, SignIn, SignInFailed, LockedOut, SignOut, Export, Refused, …</summary>
    public required string Action { get; set; }
    public string? ObjectType { get; set; }
    public string? ObjectId { get; set; }
    /// <summary>Changed fields before the change, as JSON.</summary>
    public string? OldValues { get; set; }
    /// <summary>Changed fields after the change, as JSON.</summary>
    public string? NewValues { get; set; }
    public string Result { get; set; } = "Success";
    public string? TraceId { get; set; }

    /// <summary>
    /// The entry's place in the tamper-evident chain: 1, 2, 3, … without a gap (unique), given in the transaction that
    /// writes the entry (<see cref="AuditChain"/>). Null only for an entry written before the chain existed, until
    /// `migrate` seals it.
    /// </summary>
    public long? Sequence { get; set; }

    /// <summary>HMAC-SM3 (hex) over the entry's content and the previous entry's MAC (<see cref="AuditChain.Canonical"/>).</summary>
    public string? Mac { get; set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.Property(a => a.UserId).HasMaxLength(64);
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.Role).HasMaxLength(100);
        b.Property(a => a.Address).HasMaxLength(64);
        b.Property(a => a.Action).HasMaxLength(40);
        b.Property(a => a.ObjectType).HasMaxLength(100);
        b.Property(a => a.ObjectId).HasMaxLength(100);
        b.Property(a => a.Result).HasMaxLength(40);
        b.Property(a => a.TraceId).HasMaxLength(64);
        b.Property(a => a.Mac).HasMaxLength(64);
        b.HasIndex(a => a.Sequence).IsUnique();
        b.HasIndex(a => a.OccurredAt);
        b.HasIndex(a => new { a.ObjectType, a.ObjectId });
    }
}
