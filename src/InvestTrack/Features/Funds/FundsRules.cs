using System.Globalization;
using InvestTrack.Kernel;

namespace InvestTrack.Features.Funds;

/// <summary>What a funds change must satisfy, known without the database (the caller loads the facts).</summary>
public sealed record FundsFacts(int Period, DateOnly? ProjectSignedOn, bool MonthLocked, DateOnly TodayInChina);

/// <summary>
/// The rules of a funds record (到位资金), pure so that the service, the import and the tests share them.
/// Each check answers resource keys of FundsResource (the import maps them to its own codes).
/// </summary>
public static class FundsRules
{
    public const string AmountNotPositive = "Error.AmountNotPositive";
    public const string AmountPrecision = "Error.AmountPrecision";
    public const string AmountTooLarge = "Error.AmountTooLarge";
    public const string BadMonth = "Error.BadMonth";
    public const string FutureMonth = "Error.FutureMonth";
    public const string Unsigned = "Error.Unsigned";
    public const string BeforeSigning = "Error.BeforeSigning";
    public const string MonthLocked = "Error.MonthLocked";

    /// <summary>Above 10 万亿元 an amount is a unit mistake (元 typed as 万元): <see cref="AmountRule.MaxWan"/>.</summary>
    public const decimal MaxWan = AmountRule.MaxWan;

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static DateOnly TodayInChina(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(China).DateTime);

    public static int PeriodOf(DateOnly date) => FundsRecord.PeriodOf(date.Year, date.Month);

    /// <summary>A month of 1990 or later (the database checks the same: CK_FundsRecords_Period).</summary>
    public static bool IsValidPeriod(int period) => period / 100 is >= 1990 and <= 9999 && period % 100 is >= 1 and <= 12;

    /// <summary>Reads yyyy-mm (also yyyy-m); anything else is not a month.</summary>
    public static bool TryParsePeriod(string? text, out int period)
    {
        period = 0;
        var parts = text?.Trim().Split('-');
        if (parts is not { Length: 2 } || parts[0].Length != 4 || parts[1].Length is < 1 or > 2) return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month)) return false;
        period = FundsRecord.PeriodOf(year, month);
        return IsValidPeriod(period);
    }

    public static string FormatPeriod(int period) =>
        string.Create(CultureInfo.InvariantCulture, $"{period / 100:D4}-{period % 100:D2}");

    /// <summary>An amount in 万元: above zero, at most two decimals, not absurd. Null when it is fine.</summary>
    public static string? CheckAmount(decimal wan, out long hundredths) => AmountRule.Check(wan, zeroAllowed: false, out hundredths) switch
    {
        AmountProblem.None => null,
        AmountProblem.TooLarge => AmountTooLarge,
        AmountProblem.TooPrecise => AmountPrecision,
        _ => AmountNotPositive,
    };

    /// <summary>
    /// The month rules. Funds arrive for a signed project: a record for month M is refused when the project
    /// has no signing date, or when M lies before the signing month (Period &lt; yyyymm(SignedOn)). The signing
    /// month itself is accepted, since money can arrive on the day the contract is signed and the ledger
    /// keeps months, not days. A month after the current one (China time) has not happened yet. A locked
    /// month changes only after an unlock.
    /// </summary>
    public static IReadOnlyList<string> CheckMonth(FundsFacts facts)
    {
        if (!IsValidPeriod(facts.Period)) return [BadMonth];
        var problems = new List<string>();
        if (facts.Period > PeriodOf(facts.TodayInChina)) problems.Add(FutureMonth);
        if (facts.ProjectSignedOn is not { } signed) problems.Add(Unsigned);
        else if (facts.Period < PeriodOf(signed)) problems.Add(BeforeSigning);
        if (facts.MonthLocked) problems.Add(MonthLocked);
        return problems;
    }

    /// <summary>
    /// A record can be corrected in every status; a change to an audited one sends it back to 待审核, so that no
    /// amount counts that nobody but its reporter has seen (<see cref="AfterChange"/>).
    /// </summary>
    public static bool IsEditable(FundsAuditStatus status) => Enum.IsDefined(status);

    /// <summary>Only a record that never counted may be deleted: pending, or returned for correction.</summary>
    public static bool IsDeletable(FundsAuditStatus status) => status is FundsAuditStatus.Pending or FundsAuditStatus.Returned;

    /// <summary>Every change of month, amount, source or kind needs a new audit: the record is pending again.</summary>
    public static FundsAuditStatus AfterChange(FundsAuditStatus _) => FundsAuditStatus.Pending;

    /// <summary>Four eyes: the one who reported the funds may not also audit them.</summary>
    public static bool MayAudit(string? reportedBy, string? auditor) =>
        auditor is not null && !string.Equals(reportedBy, auditor, StringComparison.OrdinalIgnoreCase);
}
