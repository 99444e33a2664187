using InvestTrack.Kernel;

namespace InvestTrack.Features.Bulletins;

/// <summary>
/// The bulletin's tables as .xlsx through the app's one spreadsheet writer (SpreadsheetExport: number cells, formula
/// injection neutralised): the text on the first sheet, one sheet per indicator, the ranking, and the warnings and
/// overdue orders when the bulletin has them.
/// </summary>
public static class BulletinWorkbook
{
    public static Task<byte[]> WriteAsync(BulletinContent c)
    {
        var sheets = new List<ExportSheet>
        {
            ExportSheet.Of("通报", Lines(c), ExportColumn<string>.Text("内容", l => l, width: 100, wrap: true)),
        };
        foreach (var table in c.Indicators)
            sheets.Add(ExportSheet.Of(table.Name.Length > 31 ? table.Name[..31] : table.Name, table.Rows,
                ExportColumn<BulletinIndicatorRow>.Text("单位", r => r.Unit),
                table.Money ? ExportColumn<BulletinIndicatorRow>.Yi("完成(亿元)", r => r.Actual) : ExportColumn<BulletinIndicatorRow>.Count("完成(个)", r => r.Actual),
                table.Money ? ExportColumn<BulletinIndicatorRow>.Yi("年度目标(亿元)", r => r.Target) : ExportColumn<BulletinIndicatorRow>.Count("年度目标(个)", r => r.Target),
                ExportColumn<BulletinIndicatorRow>.Percent("完成率", r => r.Completion),
                ExportColumn<BulletinIndicatorRow>.Percent("序时进度", r => r.Pace)));
        sheets.Add(ExportSheet.Of("考核排名", c.Ranking?.Rows ?? [],
            ExportColumn<BulletinRankingRow>.Count("排名", r => r.Rank),
            ExportColumn<BulletinRankingRow>.Text("单位", r => r.Unit),
            ExportColumn<BulletinRankingRow>.Number("得分", r => r.Score)));
        if (c.Supervision is { } s)
        {
            sheets.Add(ExportSheet.Of("红黄预警", s.Warnings,
                ExportColumn<BulletinWarningItem>.Text("单位", w => w.Unit),
                ExportColumn<BulletinWarningItem>.Text("项目", w => w.Project),
                ExportColumn<BulletinWarningItem>.Text("颜色", w => w.Colour == "red" ? "红" : "黄"),
                ExportColumn<BulletinWarningItem>.Text("预警事项", w => w.Sentence, width: 60, wrap: true)));
            sheets.Add(OrderSheet("逾期督办", s.Orders));
            sheets.Add(OrderSheet("本月办结督办", s.Closed));
        }
        return SpreadsheetExport.XlsxAsync(sheets);
    }

    private static ExportSheet OrderSheet(string name, IReadOnlyList<BulletinOrderItem> orders) => ExportSheet.Of(name, orders,
        ExportColumn<BulletinOrderItem>.Text("督办单号", o => o.Number),
        ExportColumn<BulletinOrderItem>.Text("单位", o => o.Unit),
        ExportColumn<BulletinOrderItem>.Text("问题", o => o.Problem, width: 60, wrap: true),
        ExportColumn<BulletinOrderItem>.Date("整改时限", o => o.DueOn),
        ExportColumn<BulletinOrderItem>.Date("办结日期", o => o.ClosedOn),
        ExportColumn<BulletinOrderItem>.Text("状态", o => o.Status));

    private static List<string> Lines(BulletinContent c) =>
    [
        c.Issuer, c.NumberText ?? "（草稿）", c.Title, c.PeriodText, c.IssuedOnText,
        .. string.IsNullOrWhiteSpace(c.Preface) ? Array.Empty<string>() : ["编者按：" + c.Preface.Trim()],
        c.Paragraph,
        .. c.Supervision is { } s ? [s.WarningsSentence, s.OverdueSentence, s.ClosedSentence] : Array.Empty<string>(),
    ];
}
