using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace InvestTrack.Features.Bulletins;

/// <summary>
/// The bulletin as a Word document in the usual layout of a 红头文件 (GB/T 9704 in spirit): the issuing unit in red,
/// the number, a red rule, the title and the period, an editor's preface, then the sections 一、二、… in 仿宋 with
/// 黑体 headings, the tables and the two charts, and the issuer and date at the end. Written from
/// <see cref="BulletinContent"/> alone.
/// </summary>
public static class BulletinDocument
{
    private const string Red = "FF0000";
    private const string Body = "仿宋_GB2312", Heading = "黑体", Title = "方正小标宋简体", Kai = "楷体_GB2312";

    public static byte[] Write(BulletinContent c, byte[] fundsByUnitPng, byte[] fundsByMonthPng)
    {
        using var memory = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(memory, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);

            body.Append(Para(c.Issuer, JustificationValues.Center, Title, 72, bold: true, color: Red, spacingAfter: 200));
            body.Append(Para(c.NumberText ?? "（草稿，发布时编号）", JustificationValues.Center, Body, 32));
            body.Append(RedRule());
            body.Append(Para(c.Title, JustificationValues.Center, Title, 44, bold: true, spacingAfter: 120));
            body.Append(Para($"（{c.PeriodText}）", JustificationValues.Center, Kai, 32));
            body.Append(Para(c.IssuedOnText, JustificationValues.Right, Body, 32, spacingAfter: 240));
            if (!string.IsNullOrWhiteSpace(c.Preface))
                body.Append(Para("编者按：" + c.Preface.Trim(), JustificationValues.Both, Kai, 32, indent: true));

            var n = 0;
            body.Append(Heading1(++n, "总体情况"));
            body.Append(Para(c.Paragraph, JustificationValues.Both, Body, 32, indent: true));

            body.Append(Heading1(++n, "主要指标完成情况"));
            body.Append(Para($"按序时进度，截至{c.Month}月末应完成年度目标的{Percent(Targets.Pace.PercentByMonth(c.Month))}。", JustificationValues.Both, Body, 32, indent: true));
            var sub = 0;
            foreach (var table in c.Indicators)
            {
                body.Append(Para($"（{Chinese(++sub)}）{table.Name}{(table.Money ? "（亿元）" : "（个）")}", JustificationValues.Left, Kai, 32, indent: true));
                body.Append(Table(["单位", "完成", "年度目标", "完成率", "序时进度"],
                    table.Rows.Select(r => new[] { r.Unit, Figure(r.Actual, table.Money), r.Target is { } t ? Figure(t, table.Money) : "—", Percent(r.Completion), Percent(r.Pace) })));
            }
            body.Append(Para("图1 各单位到位资金", JustificationValues.Center, Kai, 28));
            body.Append(Picture(main, fundsByUnitPng, 1, "各单位到位资金"));
            body.Append(Para("图2 全市月度到位资金", JustificationValues.Center, Kai, 28));
            body.Append(Picture(main, fundsByMonthPng, 2, "全市月度到位资金"));

            body.Append(Heading1(++n, "考核排名"));
            if (c.Ranking is not { } ranking)
                body.Append(Para($"{c.Year}年度考核方案尚未发布，本期暂无排名。", JustificationValues.Both, Body, 32, indent: true));
            else
            {
                if (!ranking.Published)
                    body.Append(Para("（本月考核排名尚未发布，以下为按现有数据计算的排名草稿。）", JustificationValues.Both, Body, 32, indent: true));
                body.Append(Table(["排名", "单位", "得分"], ranking.Rows.Select(r => new[] { r.Rank?.ToString(CultureInfo.InvariantCulture) ?? "—", r.Unit, Score(r.Score) })));
            }

            if (c.Supervision is { } s)
            {
                body.Append(Heading1(++n, "红黄预警情况"));
                body.Append(Para(s.WarningsSentence, JustificationValues.Both, Body, 32, indent: true));
                foreach (var colour in new[] { "red", "yellow" })
                {
                    var items = s.Warnings.Where(w => w.Colour == colour).ToList();
                    if (items.Count == 0) continue;
                    body.Append(Para(s.ListHeading(colour), JustificationValues.Both, Body, 32, indent: true));
                    body.Append(Table(["单位", "预警对象", "预警事项"], items.Select(w => new[] { w.Unit, w.Project, w.Sentence })));
                }
                body.Append(Heading1(++n, "督办事项"));
                body.Append(Para(s.OverdueSentence, JustificationValues.Both, Body, 32, indent: true));
                if (s.Orders.Count > 0)
                    body.Append(Table(["督办单号", "单位", "问题", "整改时限", "状态"], s.Orders.Select(o => new[] { o.Number, o.Unit, o.Problem, Day(o.DueOn), o.Status })));
                body.Append(Para(s.ClosedSentence, JustificationValues.Both, Body, 32, indent: true));
                if (s.Closed.Count > 0)
                    body.Append(Table(["督办单号", "单位", "问题", "整改时限", "办结日期", "情况"],
                        s.Closed.Select(o => new[] { o.Number, o.Unit, o.Problem, Day(o.DueOn), o.ClosedOn is { } d ? Day(d) : "—", o.Status })));
            }

            body.Append(Para(c.Issuer, JustificationValues.Right, Body, 32, spacingBefore: 480));
            body.Append(Para(c.IssuedOnText, JustificationValues.Right, Body, 32));
            body.Append(new SectionProperties(
                new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 2098, Bottom = 1984, Left = 1588, Right = 1474, Header = 851, Footer = 992 }));
            main.Document.Save();
        }
        return memory.ToArray();
    }

    public static string Figure(long value, bool money) => money ? Kernel.Money.FormatYi(value) : value.ToString(CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Score(decimal? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    public static string Chinese(int n) => n switch
    {
        1 => "一",
        2 => "二",
        3 => "三",
        4 => "四",
        5 => "五",
        6 => "六",
        7 => "七",
        8 => "八",
        9 => "九",
        10 => "十",
        _ => n.ToString(CultureInfo.InvariantCulture),
    };

    private static Paragraph Heading1(int n, string text) => Para($"{Chinese(n)}、{text}", JustificationValues.Left, Heading, 32, indent: true, spacingBefore: 120);

    private static Paragraph Para(string text, JustificationValues align, string font, int halfPoints, bool bold = false, string? color = null,
        bool indent = false, int spacingBefore = 0, int spacingAfter = 0)
    {
        var props = new ParagraphProperties(
            new SpacingBetweenLines { Before = spacingBefore.ToString(CultureInfo.InvariantCulture), After = spacingAfter.ToString(CultureInfo.InvariantCulture), Line = "560", LineRule = LineSpacingRuleValues.Exact },
            new Justification { Val = align });
        if (indent) props.Append(new Indentation { FirstLineChars = 200 });
        var run = new RunProperties(new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font });
        if (bold) run.Append(new Bold());
        if (color is not null) run.Append(new Color { Val = color });
        run.Append(new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) });
        return new Paragraph(props, new Run(run, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    /// <summary>The red rule under the header: a paragraph with a thick red bottom border.</summary>
    private static Paragraph RedRule() => new(new ParagraphProperties(
        new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 18, Color = Red, Space = 1 }),
        new SpacingBetweenLines { Before = "0", After = "360" }));

    private static Table Table(string[] headers, IEnumerable<string[]> rows)
    {
        static TBorder Edge<TBorder>() where TBorder : BorderType, new() => new() { Val = BorderValues.Single, Size = 4 };
        var table = new Table(new TableProperties(
            new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
            new TableBorders(Edge<TopBorder>(), Edge<BottomBorder>(), Edge<LeftBorder>(), Edge<RightBorder>(), Edge<InsideHorizontalBorder>(), Edge<InsideVerticalBorder>()),
            new TableJustification { Val = TableRowAlignmentValues.Center }));
        table.Append(Row(headers, bold: true));
        foreach (var row in rows) table.Append(Row(row, bold: false));
        return table;
    }

    private static TableRow Row(string[] cells, bool bold) => new(cells.Select(text => new TableCell(
        new TableCellProperties(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
        new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }, new SpacingBetweenLines { Before = "0", After = "0" }),
            new Run(new RunProperties(new RunFonts { Ascii = Body, HighAnsi = Body, EastAsia = Body }, bold ? new Bold() : new Bold { Val = false }, new FontSize { Val = "24" }),
                new Text(text) { Space = SpaceProcessingModeValues.Preserve })))));

    /// <summary>A PNG as an inline picture 15 cm wide (the chart's 2:1 shape kept).</summary>
    private static Paragraph Picture(MainDocumentPart main, byte[] png, uint id, string name)
    {
        var part = main.AddImagePart(ImagePartType.Png);
        using (var stream = new MemoryStream(png)) part.FeedData(stream);
        var relationship = main.GetIdOfPart(part);
        const long cx = 5_400_000, cy = cx * BulletinCharts.Height / BulletinCharts.Width;
        var drawing = new Drawing(new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = id, Name = name },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = $"chart{id}.png" }, new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationship }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U });
        return new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), new Run(drawing));
    }
}
