using InvestTrack.Features.ReferenceData;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Funds;

/// <summary>
/// Audited funds of one project from one source in one year, running through the months: Through{k} is the sum
/// of audited records of months 1..k. The statistics read a period 1..M as one column and a month k as
/// Through{k} − Through{k−1}, so a year's figures read one row per project instead of every record.
/// Kept by database triggers on FundsRecords in the same transaction as every change (migration FundsYearTotals,
/// docs/decisions/0007), whichever path writes (the app, imports, COPY, SQL); the app never writes it. The verb
/// check-totals compares it with the ledger and, with --repair, rebuilds it.
/// </summary>
public sealed class FundsYearTotal : IUnitOwned
{
    public int Year { get; set; }
    public OriginClass Source { get; set; }
    public int ProjectId { get; set; }
    public int UnitId { get; set; }
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

    /// <summary>The column of months 1..<paramref name="month"/>, for EF.Property in queries.</summary>
    public static string Through(int month) => month is >= 1 and <= 12
        ? "Through" + month.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : throw new ArgumentOutOfRangeException(nameof(month), month, "1–12");
}

internal sealed class FundsYearTotalConfiguration : IEntityTypeConfiguration<FundsYearTotal>
{
    public void Configure(EntityTypeBuilder<FundsYearTotal> b)
    {
        // Year and source first: every statistic reads one year (or two) of one source or of all.
        b.HasKey(t => new { t.Year, t.Source, t.ProjectId, t.UnitId });
        b.HasIndex(t => new { t.ProjectId, t.Year });
        // Sums of amounts above zero, running through the months: never negative, never falling.
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_FundsYearTotals_Year", "\"Year\" BETWEEN 1990 AND 9999");
            t.HasCheckConstraint("CK_FundsYearTotals_Running", "0 <= \"Through1\" AND \"Through1\" <= \"Through2\" AND \"Through2\" <= \"Through3\""
                + " AND \"Through3\" <= \"Through4\" AND \"Through4\" <= \"Through5\" AND \"Through5\" <= \"Through6\" AND \"Through6\" <= \"Through7\""
                + " AND \"Through7\" <= \"Through8\" AND \"Through8\" <= \"Through9\" AND \"Through9\" <= \"Through10\" AND \"Through10\" <= \"Through11\""
                + " AND \"Through11\" <= \"Through12\"");
        });
    }

    /// <summary>
    /// PostgreSQL only: a year's figures of one source (or of all) read a range of this index alone, never the table's
    /// pages, which the triggers fill in the order funds are audited. On SQLite INCLUDE does not exist and the key alone
    /// would repeat the primary key's.
    /// </summary>
    public static void CoveringIndex(EntityTypeBuilder<FundsYearTotal> b) =>
        b.HasIndex(t => new { t.Year, t.Source, t.ProjectId }, "IX_FundsYearTotals_Covering").IncludeProperties(t => new
        {
            t.UnitId, t.Through1, t.Through2, t.Through3, t.Through4, t.Through5, t.Through6,
            t.Through7, t.Through8, t.Through9, t.Through10, t.Through11, t.Through12,
        });
}
