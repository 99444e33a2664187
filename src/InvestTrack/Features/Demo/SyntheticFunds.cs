using InvestTrack.Features.Funds;
using InvestTrack.Features.ReferenceData;

namespace InvestTrack.Features.Demo;

/// <summary>
/// Funds-in-place records for synthetic and demo projects: only signed projects, months from the signing
/// month to the current month (never before, never in the future), sources mostly 省外, 85% audited, and
/// never two records for one project, month and source (the table's unique key).
/// </summary>
public static class SyntheticFunds
{
    public sealed record SignedProject(int Id, int UnitId, DateOnly SignedOn, long PlannedInvestment);

    /// <summary>The month the city is in now: China time, UTC+8.</summary>
    public static (int Year, int Month) CurrentMonth(DateTimeOffset utcNow)
    {
        var local = utcNow.ToOffset(TimeSpan.FromHours(8));
        return (local.Year, local.Month);
    }

    /// <summary>How many distinct (project, month, source) slots the projects leave open up to the current month.</summary>
    public static long Capacity(IReadOnlyList<SignedProject> projects, (int Year, int Month) now) =>
        projects.Sum(p => (long)Math.Max(0, MonthsFrom(p.SignedOn, now)) * 3);

    /// <summary>
    /// <paramref name="count"/> records, lazily, so that millions stream into COPY without a list. The caller keeps
    /// <paramref name="count"/> at most half of <see cref="Capacity"/>, so that drawing slots at random stays quick.
    /// </summary>
    public static IEnumerable<FundsRecord> Create(IReadOnlyList<SignedProject> projects, int count, Random random, DateTimeOffset utcNow, string reporter)
    {
        var now = CurrentMonth(utcNow);
        var eligible = projects.Where(p => MonthsFrom(p.SignedOn, now) > 0).ToList();
        if (eligible.Count == 0 || count <= 0) yield break;
        var taken = new HashSet<long>(count);
        var made = 0;
        while (made < count)
        {
            var p = eligible[random.Next(eligible.Count)];
            var offset = random.Next(MonthsFrom(p.SignedOn, now));
            var month = new DateOnly(p.SignedOn.Year, p.SignedOn.Month, 1).AddMonths(offset);
            var period = FundsRecord.PeriodOf(month.Year, month.Month);
            var source = random.Next(100) switch { < 75 => OriginClass.OtherProvince, < 93 => OriginClass.InProvince, _ => OriginClass.Abroad };
            if (!taken.Add((long)p.Id * 10_000_000 + period * 10L + (int)source)) continue;
            made++;
            yield return Record(p, period, month, source, random, utcNow, reporter);
        }
    }

    private static FundsRecord Record(SignedProject p, int period, DateOnly month, OriginClass source, Random random, DateTimeOffset utcNow, string reporter)
    {
        // A month's arrival is a slice of the planned investment: 0.5%–6% of it, at least 10 万元, whole 万元 mostly.
        var amount = Math.Max(1_000, p.PlannedInvestment * random.Next(5, 61) / 1_000 / 100 * 100 + (random.Next(4) == 0 ? random.Next(100) : 0));
        var reported = new DateTimeOffset(month.AddMonths(1).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero).AddDays(random.Next(0, 8));
        if (reported > utcNow) reported = utcNow;
        var status = random.Next(100) switch { < 85 => FundsAuditStatus.Audited, < 97 => FundsAuditStatus.Pending, _ => FundsAuditStatus.Returned };
        var audited = reported.AddDays(random.Next(1, 10));
        if (audited > utcNow) audited = utcNow;
        return new FundsRecord
        {
            ProjectId = p.Id,
            UnitId = p.UnitId,
            Period = period,
            Source = source,
            Amount = amount,
            CapitalKind = random.Next(5) == 0 ? CapitalKind.WorkingCapital : CapitalKind.FixedAssets,
            Status = status,
            ReturnReason = status == FundsAuditStatus.Returned ? "银行凭证与申报金额不符" : null,
            ReportedBy = reporter,
            ReportedAt = reported,
            AuditedBy = status == FundsAuditStatus.Pending ? null : reporter,
            AuditedAt = status == FundsAuditStatus.Pending ? null : audited,
        };
    }

    /// <summary>Months from the signing month through the current month, both included; 0 when signed in the future.</summary>
    private static int MonthsFrom(DateOnly signed, (int Year, int Month) now) =>
        Math.Max(0, (now.Year - signed.Year) * 12 + now.Month - signed.Month + 1);
}
