using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.Units;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Funds;

/// <summary>待审核 reported → 已审核 audited (counts) or 退回 returned with a reason.</summary>
public enum FundsAuditStatus { Pending = 0, Audited = 1, Returned = 2 }

/// <summary>固定资产投资 or 流动资金.</summary>
public enum CapitalKind { FixedAssets = 1, WorkingCapital = 2 }

/// <summary>
/// 到位资金: money that really arrived for a project in one month from one source (省外/省内/境外,
/// the same classes as an investor's origin). Key: project + month + source. Only audited records count.
/// </summary>
public sealed class FundsRecord : IUnitOwned, IAudited, IVersioned
{
    public long Id { get; set; }
    public int ProjectId { get; set; }
    /// <summary>The project's unit, kept here so that the unit scope filters funds without a join.</summary>
    public int UnitId { get; set; }
    /// <summary>The month as yyyymm (202508), so that periods are integer ranges in SQL.</summary>
    public int Period { get; set; }
    public OriginClass Source { get; set; }
    /// <summary>Hundredths of a 万元 (Kernel/Money).</summary>
    public long Amount { get; set; }
    public CapitalKind? CapitalKind { get; set; }
    public FundsAuditStatus Status { get; set; }
    public string? ReturnReason { get; set; }
    public string? ReportedBy { get; set; }
    public DateTimeOffset ReportedAt { get; set; }
    /// <summary>Who audited it in the app (never its reporter); null when it came in audited from a source ledger.</summary>
    public string? AuditedBy { get; set; }
    public DateTimeOffset? AuditedAt { get; set; }
    /// <summary>
    /// 已审核 in the ledger it was imported from: the source's auditors passed it, not the importer, so the four-eyes
    /// record reads "audited in the source ledger, imported by <see cref="ImportedBy"/> from <see cref="ImportedFrom"/>".
    /// </summary>
    public bool AuditedInSource { get; set; }
    /// <summary>The ledger file it was last written from by an import, who ran that import and when; null for records reported in the app.</summary>
    public string? ImportedFrom { get; set; }
    public string? ImportedBy { get; set; }
    public DateTimeOffset? ImportedAt { get; set; }
    public int Version { get; set; }

    public static int PeriodOf(int year, int month) => year * 100 + month;
}

/// <summary>A bank slip or invoice behind a funds record; kept in the database, size- and type-checked.</summary>
public sealed class FundsEvidence : IUnitOwned, IAudited, IStoredFile
{
    public long Id { get; set; }
    public long FundsRecordId { get; set; }
    public int UnitId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    /// <summary>SHA-256 of the content, hex: the same slip is not uploaded twice for one record.</summary>
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public string? UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>A month the city has locked: its funds cannot change until an unlock, recorded with a reason.</summary>
public sealed class MonthLock : IAudited, IVersioned
{
    public int Id { get; set; }
    public int Period { get; set; }
    public bool IsLocked { get; set; }
    public required string Reason { get; set; }
    public string? ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class FundsConfiguration :
    IEntityTypeConfiguration<FundsRecord>, IEntityTypeConfiguration<FundsEvidence>, IEntityTypeConfiguration<MonthLock>
{
    public void Configure(EntityTypeBuilder<FundsRecord> b)
    {
        // Triggers keep FundsYearTotals (migration FundsYearTotals); SQLite cannot combine AFTER triggers with RETURNING.
        // The checks hold what the rules say also for COPY, imports and repair scripts; a record's unit is its
        // project's unit by a foreign key (PostgreSQL) or triggers (SQLite), both in migration FundsIntegrity.
        b.ToTable(t =>
        {
            t.HasTrigger("FundsRecords_YearTotals_Insert");
            t.HasTrigger("FundsRecords_YearTotals_Update");
            t.HasTrigger("FundsRecords_YearTotals_Delete");
            t.UseSqlReturningClause(false);
            t.HasCheckConstraint("CK_FundsRecords_Period", "\"Period\" % 100 BETWEEN 1 AND 12 AND \"Period\" / 100 BETWEEN 1990 AND 9999");
            t.HasCheckConstraint("CK_FundsRecords_Amount", "\"Amount\" > 0");
            t.HasCheckConstraint("CK_FundsRecords_Status", "\"Status\" IN (0, 1, 2)");
            t.HasCheckConstraint("CK_FundsRecords_AuditedInSource", "NOT \"AuditedInSource\" OR \"Status\" = 1");
        });
        // Status and amount ride along so that funds of a set of projects are read from the index alone.
        b.HasIndex(f => new { f.ProjectId, f.Period, f.Source }).IsUnique().IncludeProperties(f => new { f.Status, f.Amount });
        // The statistics read FundsYearTotals (docs/decisions/0007). The status index serves the audit queue and the
        // ledger's filters, the unit index scoped lists.
        b.HasIndex(f => new { f.Status, f.Source, f.Period }).IncludeProperties(f => new { f.ProjectId, f.Amount });
        b.HasIndex(f => new { f.UnitId, f.Period });
        b.Property(f => f.ReturnReason).HasMaxLength(500);
        b.Property(f => f.ReportedBy).HasMaxLength(256);
        b.Property(f => f.AuditedBy).HasMaxLength(256);
        b.Property(f => f.ImportedFrom).HasMaxLength(200);
        b.Property(f => f.ImportedBy).HasMaxLength(256);
        b.HasOne<Project>().WithMany().HasForeignKey(f => f.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(f => f.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.Property(f => f.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<FundsEvidence> b)
    {
        b.Property(e => e.FileName).HasMaxLength(200);
        b.Property(e => e.ContentType).HasMaxLength(100);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.Property(e => e.UploadedBy).HasMaxLength(256);
        b.HasIndex(e => new { e.FundsRecordId, e.Sha256 }).IsUnique();
        b.HasOne<FundsRecord>().WithMany().HasForeignKey(e => e.FundsRecordId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<MonthLock> b)
    {
        b.HasIndex(m => m.Period).IsUnique();
        b.Property(m => m.Reason).HasMaxLength(500);
        b.Property(m => m.ChangedBy).HasMaxLength(256);
        b.Property(m => m.Version).IsConcurrencyToken();
    }
}
