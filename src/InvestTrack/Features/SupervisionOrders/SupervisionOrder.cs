using InvestTrack.Features.Projects;
using InvestTrack.Features.Units;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.SupervisionOrders;

/// <summary>已下发 → 方案已报 → 整改已报 (awaiting acceptance) → 已办结. A return sends the order one step back. Named in JSON.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus { Issued = 1, PlanSubmitted = 2, Answered = 3, Accepted = 4 }

/// <summary>What happened to an order, one row of its history.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<OrderAction>))]
public enum OrderAction { Issued = 1, PlanSubmitted = 2, PlanReturned = 3, AnswerSubmitted = 4, AnswerReturned = 5, Accepted = 6, Escalated = 7 }

/// <summary>Which submission an attachment belongs to: the rectification plan (整改方案) or the fix report (整改报告).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<OrderStage>))]
public enum OrderStage { Plan = 1, Answer = 2 }

/// <summary>
/// A supervision order (督办单) issued by the city to one unit: numbered per year at issue (督〔2026〕12号, never reused),
/// owned by the responsible unit like its other records, so another unit's order is "not found".
/// </summary>
public sealed class SupervisionOrder : IUnitOwned, IAudited, IVersioned
{
    public const int ProblemMaxLength = 2000;
    public const int SourceMaxLength = 200;
    public const int TextMaxLength = 4000;

    public int Id { get; set; }
    public int Year { get; set; }
    public int Number { get; set; }
    public int UnitId { get; set; }
    public int? ProjectId { get; set; }
    public required string Problem { get; set; }
    /// <summary>
    /// The ten-day warning it came from, by its lasting name (<see cref="Warnings.WarningKey"/>, "2026-11-3/Project/123"):
    /// not a foreign key, since a rerun of the 旬 replaces the warning rows.
    /// </summary>
    public string? SourceWarning { get; set; }
    /// <summary>Free text naming where the order came from ("2026年11月下旬预警·节点滞后").</summary>
    public string? Source { get; set; }
    /// <summary>整改方案 due (China date, inclusive).</summary>
    public DateOnly PlanDueOn { get; set; }
    /// <summary>整改完成 due (China date, inclusive): accepted on or before it counts as closed on time.</summary>
    public DateOnly FixDueOn { get; set; }
    public OrderStatus Status { get; set; }
    public string? PlanText { get; set; }
    public DateTimeOffset? PlanSubmittedAt { get; set; }
    public string? AnswerText { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    /// <summary>The reason of the last return, until the unit submits again.</summary>
    public string? ReturnReason { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    /// <summary>The China date of acceptance: the day the order closed.</summary>
    public DateOnly? ClosedOn { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    /// <summary>Who it was escalated to (包保领导: the project's responsible leader, the city's leaders), "；"-separated.</summary>
    public string? EscalatedTo { get; set; }
    public required string IssuedBy { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public string Code => OrderNumber.Format(Year, Number);
}

/// <summary>One step of an order's history: who did what, when, with the text (plan, answer or reason).</summary>
public sealed class OrderTransition : IUnitOwned
{
    public long Id { get; set; }
    public int OrderId { get; set; }
    public int UnitId { get; set; }
    public OrderAction Action { get; set; }
    public OrderStatus FromStatus { get; set; }
    public OrderStatus ToStatus { get; set; }
    public string? Text { get; set; }
    public string? By { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A file of the plan or the fix report, checked as funds evidence is (Features/Funds/EvidenceUpload).</summary>
public sealed class OrderAttachment : IUnitOwned, IAudited, Funds.IStoredFile
{
    public long Id { get; set; }
    public int OrderId { get; set; }
    public int UnitId { get; set; }
    public OrderStage Stage { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    public byte[] Content { get; set; } = [];
    public string? UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>The last number taken in a year; incremented in the issuing transaction (OrderNumber.TakeAsync).</summary>
public sealed class OrderNumberSequence
{
    public int Year { get; set; }
    public int LastNumber { get; set; }
}

internal sealed class SupervisionOrderConfiguration :
    IEntityTypeConfiguration<SupervisionOrder>, IEntityTypeConfiguration<OrderTransition>, IEntityTypeConfiguration<OrderAttachment>,
    IEntityTypeConfiguration<OrderNumberSequence>
{
    public void Configure(EntityTypeBuilder<SupervisionOrder> b)
    {
        b.ToTable("SupervisionOrders", t =>
        {
            t.HasCheckConstraint("CK_SupervisionOrders_Dates", "\"PlanDueOn\" <= \"FixDueOn\"");
            t.HasCheckConstraint("CK_SupervisionOrders_Number", "\"Number\" > 0");
            t.HasCheckConstraint("CK_SupervisionOrders_Status", "\"Status\" BETWEEN 1 AND 4");
        });
        b.Ignore(o => o.Code);
        b.HasIndex(o => new { o.Year, o.Number }).IsUnique();
        b.HasIndex(o => new { o.UnitId, o.Status });
        b.HasIndex(o => new { o.Status, o.FixDueOn });
        b.HasIndex(o => o.ProjectId);
        b.HasIndex(o => o.SourceWarning);
        b.Property(o => o.SourceWarning).HasMaxLength(Warnings.WarningKey.MaxLength);
        b.Property(o => o.Problem).HasMaxLength(SupervisionOrder.ProblemMaxLength);
        b.Property(o => o.Source).HasMaxLength(SupervisionOrder.SourceMaxLength);
        b.Property(o => o.PlanText).HasMaxLength(SupervisionOrder.TextMaxLength);
        b.Property(o => o.AnswerText).HasMaxLength(SupervisionOrder.TextMaxLength);
        b.Property(o => o.ReturnReason).HasMaxLength(SupervisionOrder.ProblemMaxLength);
        b.Property(o => o.EscalatedTo).HasMaxLength(1000);
        b.Property(o => o.IssuedBy).HasMaxLength(256);
        b.HasOne<Unit>().WithMany().HasForeignKey(o => o.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Project>().WithMany().HasForeignKey(o => o.ProjectId).OnDelete(DeleteBehavior.Restrict);
        b.Property(o => o.Version).IsConcurrencyToken();
    }

    public void Configure(EntityTypeBuilder<OrderTransition> b)
    {
        b.ToTable("OrderTransitions");
        b.Property(t => t.Text).HasMaxLength(SupervisionOrder.TextMaxLength);
        b.Property(t => t.By).HasMaxLength(256);
        b.HasIndex(t => t.OrderId);
        b.HasOne<SupervisionOrder>().WithMany().HasForeignKey(t => t.OrderId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<OrderAttachment> b)
    {
        b.ToTable("OrderAttachments");
        b.Property(e => e.FileName).HasMaxLength(200);
        b.Property(e => e.ContentType).HasMaxLength(100);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.Property(e => e.UploadedBy).HasMaxLength(256);
        b.HasIndex(e => new { e.OrderId, e.Stage, e.Sha256 }).IsUnique();
        b.HasOne<SupervisionOrder>().WithMany().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<OrderNumberSequence> b)
    {
        b.ToTable("OrderNumberSequences");
        b.HasKey(s => s.Year);
        b.Property(s => s.Year).ValueGeneratedNever();
    }
}
