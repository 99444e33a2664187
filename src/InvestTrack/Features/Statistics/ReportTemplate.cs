using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Statistics;

/// <summary>
/// The wording of a bulletin as an administrator saved it (one row per report, <see cref="Key"/> "dispatch").
/// No row means the configured or the contract's wording. Audited and version-checked by AppDbContext.
/// </summary>
public sealed class ReportTemplate : IAudited, IVersioned
{
    public const string Dispatch = "dispatch";
    public const int MaxTextLength = 4000;

    public int Id { get; set; }
    public string Key { get; set; } = "";
    public string Text { get; set; } = "";
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }
}

internal sealed class ReportTemplateConfiguration : IEntityTypeConfiguration<ReportTemplate>
{
    public void Configure(EntityTypeBuilder<ReportTemplate> b)
    {
        b.ToTable("ReportTemplates");
        b.Property(t => t.Key).HasMaxLength(32);
        b.HasIndex(t => t.Key).IsUnique();
        b.Property(t => t.Text).HasMaxLength(ReportTemplate.MaxTextLength);
        b.Property(t => t.UpdatedBy).HasMaxLength(256);
        b.Property(t => t.Version).IsConcurrencyToken();
    }
}
