namespace InvestTrack.Features.Bulletins;

/// <summary>One unit's standing on one indicator: the figures of /targets (TargetService.ProgressAsync).</summary>
/// <param name="Actual">Hundredths of a 万元 for funds, a count otherwise.</param>
/// <param name="Completion">actual ÷ target × 100, two decimals half up; null without a target.</param>
/// <param name="Pace">序时进度 M ÷ 12 × 100, two decimals half up.</param>
public sealed record BulletinIndicatorRow(string Unit, long Actual, long? Target, decimal? Completion, decimal Pace);

/// <summary>A table per indicator; <see cref="Money"/> says its figures are amounts (shown in 亿元).</summary>
public sealed record BulletinIndicatorTable(string Name, bool Money, IReadOnlyList<BulletinIndicatorRow> Rows);

/// <param name="Rank">Null for a unit without a rank (no target at all, or a draft that cannot be scored).</param>
/// <param name="Score">The total rounded to two decimals, as it decides the rank.</param>
public sealed record BulletinRankingRow(int? Rank, string Unit, decimal? Score);

/// <summary>The assessment's ranking of the month (RankingService.PublishedOrDraftAsync): published, or a draft computed then.</summary>
public sealed record BulletinRanking(bool Published, int SchemeNumber, IReadOnlyList<BulletinRankingRow> Rows);

/// <summary>A red or yellow warning as the bulletin lists it (from <see cref="IBulletinSupervisionSource"/>).</summary>
/// <param name="Colour">"red" or "yellow".</param>
public sealed record BulletinWarningItem(string Unit, string Project, string Colour, string Sentence);

/// <summary>An overdue supervision order (督办单) as the bulletin lists it (from <see cref="IBulletinSupervisionSource"/>).</summary>
public sealed record BulletinOrderItem(string Number, string Unit, string Problem, DateOnly DueOn, string Status);

/// <summary>The warnings and overdue orders of a month for the bulletin.</summary>
public sealed record BulletinSupervision(IReadOnlyList<BulletinWarningItem> Warnings, IReadOnlyList<BulletinOrderItem> Orders);

/// <summary>A chart's figures: labels and values in 亿元 (exact, from hundredths of a 万元).</summary>
public sealed record BulletinSeries(IReadOnlyList<string> Labels, IReadOnlyList<decimal> Values);

/// <summary>
/// Everything a bulletin shows, taken at generation: the document, the workbook and the preview are written from this
/// alone. <see cref="Supervision"/> is null while no <see cref="IBulletinSupervisionSource"/> is registered (the two
/// sections are then left out). <see cref="Number"/> and <see cref="IssuedOn"/> are set when it is published.
/// </summary>
public sealed record BulletinContent(
    int Year, int Month, string Issuer, string NumberPrefix, int? NumberYear, int? Number, DateOnly IssuedOn, string? Preface,
    string Paragraph, IReadOnlyList<BulletinIndicatorTable> Indicators, BulletinRanking? Ranking, BulletinSupervision? Supervision,
    BulletinSeries FundsByUnit, BulletinSeries FundsByMonth, DateTimeOffset TakenAt)
{
    /// <summary>"2026年1-11月全市招商引资工作情况通报" ("2026年1月…" in January).</summary>
    public string Title => $"{Year}年{PeriodShort}全市招商引资工作情况通报";

    public string PeriodShort => Month == 1 ? "1月" : $"1-{Month}月";

    /// <summary>"四招通〔2026〕11号"; a draft has no number yet.</summary>
    public string? NumberText => Number is { } n ? $"{NumberPrefix}〔{NumberYear}〕{n}号" : null;

    public string IssuedOnText => $"{IssuedOn.Year}年{IssuedOn.Month}月{IssuedOn.Day}日";

    /// <summary>"统计期间：2026年1月1日至11月30日".</summary>
    public string PeriodText => $"统计期间：{Year}年1月1日至{Month}月{DateTime.DaysInMonth(Year, Month)}日";
}

/// <summary>
/// Where the bulletin's red and yellow warnings and overdue supervision orders come from. The features that keep them
/// (ten-day warnings, supervision orders) register one; until then none is registered, the bulletin leaves the two
/// sections out and its preview says so (docs/bulletin.md).
/// </summary>
public interface IBulletinSupervisionSource
{
    /// <summary>The red and yellow items shown for the month's last 旬 and the orders overdue at the month's end.</summary>
    Task<BulletinSupervision> ForMonthAsync(int year, int month, CancellationToken ct = default);
}
