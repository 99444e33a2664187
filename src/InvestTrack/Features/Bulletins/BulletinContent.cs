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

/// <summary>A red or yellow warning as the bulletin lists it (<see cref="BulletinSupervisionReader"/>).</summary>
/// <param name="Project">The project's or lead's name, or the unit's own name for a unit's warning (behind pace).</param>
/// <param name="Colour">"red" or "yellow".</param>
public sealed record BulletinWarningItem(string Unit, string Project, string Colour, string Sentence);

/// <summary>A supervision order (督办单) as the bulletin lists it: overdue at the month's end, or closed in the month.</summary>
/// <param name="DueOn">The fix deadline (整改完成时限).</param>
/// <param name="Status">Its state in words: 方案已报，逾期12天 (overdue) or 按期办结 / 逾期办结 (closed).</param>
/// <param name="ClosedOn">The day it was accepted (办结), for a closed order.</param>
public sealed record BulletinOrderItem(string Number, string Unit, string Problem, DateOnly DueOn, string Status, DateOnly? ClosedOn = null);

/// <summary>
/// The warnings and orders of a month for the bulletin: the red and yellow items shown by the month's last stored
/// 旬 run (<see cref="XunLabel"/>, null when the month has none), at most <see cref="BulletinSupervisionReader.Listed"/>
/// of each colour listed with the full counts; the orders overdue at the month's end and those closed in it.
/// </summary>
public sealed record BulletinSupervision(string? XunLabel, int RedCount, int YellowCount, IReadOnlyList<BulletinWarningItem> Warnings,
    IReadOnlyList<BulletinOrderItem> Orders, IReadOnlyList<BulletinOrderItem> Closed)
{
    /// <summary>"2026年11月下旬预警：红色预警3项，黄色预警5项。"</summary>
    public string WarningsSentence => XunLabel is null ? "本月尚无旬预警结果。" : $"{XunLabel}预警：红色预警{RedCount}项，黄色预警{YellowCount}项。";

    /// <summary>The heading of one colour's list: "红色预警（3项）：", or "…（120项，列出前100项，其余见系统旬预警清单）：".</summary>
    public string ListHeading(string colour)
    {
        var (name, count) = colour == "red" ? ("红色预警", RedCount) : ("黄色预警", YellowCount);
        var listed = Warnings.Count(w => w.Colour == colour);
        return listed < count ? $"{name}（{count}项，列出前{listed}项，其余见系统旬预警清单）：" : $"{name}（{count}项）：";
    }

    public string OverdueSentence => Orders.Count == 0 ? "截至月末无逾期督办事项。" : $"截至月末逾期督办事项{Orders.Count}项：";

    public string ClosedSentence => Closed.Count == 0 ? "本月无办结的督办事项。"
        : $"本月办结督办事项{Closed.Count}项，其中按期办结{Closed.Count(o => o.Status == BulletinSupervisionReader.OnTime)}项：";
}

/// <summary>A chart's figures: labels and values in 亿元 (exact, from hundredths of a 万元).</summary>
public sealed record BulletinSeries(IReadOnlyList<string> Labels, IReadOnlyList<decimal> Values);

/// <summary>
/// Everything a bulletin shows, taken at generation: the document, the workbook and the preview are written from this
/// alone. <see cref="Supervision"/> is null only in a bulletin generated before warnings and orders were connected
/// (its two sections are then left out). <see cref="Number"/> and <see cref="IssuedOn"/> are set when it is published.
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
