using System.Globalization;
using InvestTrack.Features.Supervision;
using InvestTrack.Features.SupervisionOrders;
using InvestTrack.Features.Warnings;
using InvestTrack.Resources;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Bulletins;

/// <summary>
/// The bulletin's 红黄预警 and 督办 sections, read from the features that keep them: the warnings of the month's last stored
/// 旬 run (WarningReads, normally the 下旬 that the nightly job ran before the bulletin's draft) and the orders overdue
/// at the month's end or closed in it (OrderReports). The bulletin is an official Chinese document, so its sentences are
/// written in Chinese whatever the acting user's language.
/// </summary>
public sealed class BulletinSupervisionReader(WarningReads warnings, OrderReports orders, IStringLocalizer<SupervisionOrderResource> orderText)
{
    /// <summary>Listed per colour; a province can have thousands, the counts say how many in all (the rest are on /warnings).</summary>
    public const int Listed = 100;

    public const string OnTime = "按期办结";

    public async Task<BulletinSupervision> ForMonthAsync(int year, int month, CancellationToken ct = default)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        var prefix = new Xun(year, month, XunPart.Early).ToString()[..8];
        var xun = (await warnings.RunXunsAsync(ct: ct)).FirstOrDefault(x => x.StartsWith(prefix, StringComparison.Ordinal));
        var red = await ColourAsync(xun, WarningColour.Red, ct);
        var yellow = await ColourAsync(xun, WarningColour.Yellow, ct);

        var monthOrders = await orders.MonthAsync(year, month, ct);
        return new BulletinSupervision(xun is null ? null : Xun.Parse(xun).Label, red.Total, yellow.Total, [.. red.Items, .. yellow.Items],
            [.. monthOrders.Overdue.Select(o => Item(o, $"{orderText[$"Status.{o.Status}"]}，逾期{o.DaysOverdue}天"))],
            [.. monthOrders.Closed.Select(o => Item(o, o.ClosedOnTime == true ? OnTime : "逾期办结"))]);
    }

    private async Task<(int Total, IEnumerable<BulletinWarningItem> Items)> ColourAsync(string? xun, WarningColour colour, CancellationToken ct)
    {
        if (xun is null) return (0, []);
        var page = await warnings.PageAsync(new WarningFilter(Xun: xun, Colour: colour, Sort: WarningSort.Unit, PageSize: Listed), ct);
        return (page.Total, page.Rows.Select(r => new BulletinWarningItem(r.UnitName, r.SubjectName, colour == WarningColour.Red ? "red" : "yellow",
            string.Join("；", r.Rules.Where(x => x.Colour != WarningColour.Green).Select(x => x.Sentence)))));
    }

    private static BulletinOrderItem Item(BulletinOrder o, string status) => new(o.Code, o.Unit, o.Problem, o.FixDueOn, status, o.ClosedOn);
}
