using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Dashboard;

/// <summary>
/// Audited funds of all sources of one year and unit, per industry and investor origin of their projects, running
/// through the months like FundsYearTotal: the sum of the year's FundsYearTotals rows whose project has that
/// industry (0 = none) and whose investor has those origin codes ("" = none). The dashboard's months, units,
/// industries and origins read these few thousand rows instead of a year of per-project totals joined to projects
/// and investors (docs/decisions/0011). Kept by database triggers on FundsYearTotals, Projects and Companies in the
/// same transaction as every change (migration PerfSliceTotalsTriggers); the app never writes it; rows may be all
/// zero. check-totals compares it and, with --repair, rebuilds it.
/// </summary>
public sealed class FundsSliceTotal : IUnitOwned
{
    public int Year { get; set; }
    public int UnitId { get; set; }
    public int IndustryId { get; set; }
    public string OriginProvinceCode { get; set; } = "";
    public string OriginCountryCode { get; set; } = "";
    public long Through1 { get; set; }
    public long Through2 { get; set; }
    public long Through3 { get; set; }
    public long Through4 { get; set; }
    public long Through5 { get; set; }
    public long Through6 { get; set; }
    public long Through7 { get; set; }
    public long Through8 { get; set; }
    public long Through9 { get; set; }
    public long Through10 { get; set; }
    public long Through11 { get; set; }
    public long Through12 { get; set; }
}

internal sealed class FundsSliceTotalConfiguration : IEntityTypeConfiguration<FundsSliceTotal>
{
    public void Configure(EntityTypeBuilder<FundsSliceTotal> b)
    {
        // Not null with "none" values (0, ""), so that the key is a primary key on both databases and upserts find it.
        b.HasKey(t => new { t.Year, t.UnitId, t.IndustryId, t.OriginProvinceCode, t.OriginCountryCode });
        b.Property(t => t.OriginProvinceCode).HasMaxLength(6);
        b.Property(t => t.OriginCountryCode).HasMaxLength(3);
    }
}
