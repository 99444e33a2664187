using InvestTrack.Data;
using InvestTrack.Features.Assessment;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Statistics;
using InvestTrack.Features.Targets;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Bulletins;

/// <summary>
/// Takes a month's bulletin content from the modules that own each figure, never counting anything itself: the
/// dispatch paragraph (DispatchReport, the wording in force), each unit's actual, target, completion and pace
/// (TargetService.ProgressAsync, the figures of /targets), the ranking (RankingService.PublishedOrDraftAsync), the
/// warnings and orders (<see cref="BulletinSupervisionReader"/>), and the funds by month
/// (AuditedFunds, as every funds figure). Runs as the acting user: city staff, a job or the command line (all units).
/// </summary>
public sealed class BulletinBuilder(IDbContextFactory<AppDbContext> dbFactory, DispatchReport dispatch, TargetService targets, RankingService rankings,
    BulletinSupervisionReader supervision, IConfiguration configuration, TimeProvider clock, ILogger<BulletinBuilder> logger)
{
    public async Task<BulletinContent> BuildAsync(int year, int month, string? preface, CancellationToken ct = default)
    {
        var (report, error) = await dispatch.ComputeAsync(year, month, null, ct);
        if (report is null) throw new InvalidOperationException($"dispatch report {year}-{month}: {error}");
        var progress = await targets.ProgressAsync(year, month, ct);
        var indicators = TargetIndicators.All.Select(indicator => new BulletinIndicatorTable(Name(indicator), indicator == TargetIndicator.Funds,
            [.. progress
                .Select(row => (Row: row, Item: row.Items.Single(i => i.Indicator == indicator)))
                .Where(x => x.Row.UnitId is null || x.Item.Target is not null || x.Item.Actual != 0)
                .Select(x => new BulletinIndicatorRow(x.Row.UnitId is null ? "全市" : x.Row.Name, x.Item.Actual, x.Item.Target, x.Item.Completion, x.Item.Pace))])).ToList();

        var ranking = await rankings.PublishedOrDraftAsync(year, month, ct);
        var funds = indicators[0].Rows.Where(r => r.Unit != "全市").ToList();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (issuer, prefix) = await IssuerAsync(db, ct);
        var byMonth = new List<decimal>();
        long before = 0;
        for (var m = 1; m <= month; m++)
        {
            // Running totals through month m (AuditedFunds reads the year totals): month m is the difference.
            var through = await AuditedFunds.ToMonth(db, year, m, null).SumAsync(f => (long?)f.Amount, ct) ?? 0;
            byMonth.Add(Money.ToYi(through - before));
            before = through;
        }
        if (BulletinCharts.FontProblem is { } problem) logger.LogWarning("{Problem}", problem);

        var now = clock.GetUtcNow();
        return new BulletinContent(year, month, issuer, prefix, null, null, ChinaTime.DateOf(now), preface, report.Paragraph, indicators,
            ranking is null ? null : new BulletinRanking(ranking.Published, ranking.SchemeNumber,
                [.. ranking.Rows.Select(r => new BulletinRankingRow(r.Rank, r.UnitName, r.RoundedTotal))]),
            await supervision.ForMonthAsync(year, month, ct),
            new BulletinSeries([.. funds.Select(r => r.Unit)], [.. funds.Select(r => Money.ToYi(r.Actual))]),
            new BulletinSeries([.. Enumerable.Range(1, month).Select(m => $"{m}月")], byMonth),
            new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero));
    }

    /// <summary>The .docx and the .xlsx of a content, charts drawn.</summary>
    public static async Task<(byte[] Docx, byte[] Xlsx)> RenderAsync(BulletinContent content)
    {
        var docx = BulletinDocument.Write(content,
            BulletinCharts.Bars("各单位到位资金（亿元）", content.FundsByUnit),
            BulletinCharts.LineChart("全市月度到位资金（亿元）", content.FundsByMonth));
        return (docx, await BulletinWorkbook.WriteAsync(content));
    }

    public static string Name(TargetIndicator indicator) => indicator switch
    {
        TargetIndicator.Funds => "到位资金",
        TargetIndicator.Signings => "签约项目",
        TargetIndicator.YiSignings => "亿元以上签约项目",
        TargetIndicator.Starts5000 => "开复工5000万元以上项目",
        TargetIndicator.Production => "竣工投产项目",
        _ => indicator.ToString(),
    };

    /// <summary>
    /// The issuing unit and the number's prefix: Bulletin:Issuer and Bulletin:NumberPrefix, by default the city unit's
    /// name with 招商局 ("四平市招商局") and the city's short name's first character with 招通 ("四招通").
    /// </summary>
    private async Task<(string Issuer, string Prefix)> IssuerAsync(AppDbContext db, CancellationToken ct)
    {
        var settings = await db.CitySettings.AsNoTracking().SingleAsync(ct);
        var cityName = await db.Units.AsNoTracking().Where(u => u.Code == settings.CityUnitCode).Select(u => u.Name).SingleOrDefaultAsync(ct) ?? settings.ShortName;
        var issuer = configuration["Bulletin:Issuer"] is { Length: > 0 } i ? i : cityName + "招商局";
        var prefix = configuration["Bulletin:NumberPrefix"] is { Length: > 0 } p ? p : BulletinRules.DefaultNumberPrefix(settings.ShortName);
        return (issuer, prefix);
    }
}
