using System.Text;
using InvestTrack.Kernel;
using InvestTrack.Tests;

namespace InvestTrack.UnitTests;

/// <summary>Issue 9, item 15: exports are real spreadsheets (typed cells, formats, frozen header, widths), neutralised text only.</summary>
public class SpreadsheetExportTests
{
    private sealed record Row(string? Name, long? Wan, long? Count, DateOnly? On, decimal? Percent, decimal? Number = null, long? Yi = null);

    private static readonly IReadOnlyList<ExportColumn<Row>> Columns =
    [
        ExportColumn<Row>.Text("项目名称", r => r.Name),
        ExportColumn<Row>.Wan("计划总投资(万元)", r => r.Wan),
        ExportColumn<Row>.Count("项目数", r => r.Count),
        ExportColumn<Row>.Date("签约日期", r => r.On),
        ExportColumn<Row>.Percent("增长率", r => r.Percent),
        ExportColumn<Row>.Number("目标值", r => r.Number),
        ExportColumn<Row>.Yi("到位资金(亿元)", r => r.Yi),
    ];

    private static async Task<ProbeSheet> Sheet(params Row[] rows) => XlsxProbe.Sheet(await SpreadsheetExport.XlsxAsync(ExportSheet.Of("项目", rows, Columns)));

    [Fact]
    public async Task Numbers_dates_and_percentages_are_typed_cells_with_their_formats()
    {
        var sheet = await Sheet(new Row("年产900吨精酿啤酒项目", 1_234_567, 42, new DateOnly(2025, 3, 18), 34.5m, 2_500_000m, 123_456_789));
        Assert.Equal(["项目名称", "计划总投资(万元)", "项目数", "签约日期", "增长率", "目标值", "到位资金(亿元)"], sheet.Headers);
        var (name, wan, count, on, percent, number, yi) = (sheet.Rows[1][0]!, sheet.Rows[1][1]!, sheet.Rows[1][2]!, sheet.Rows[1][3]!, sheet.Rows[1][4]!, sheet.Rows[1][5]!, sheet.Rows[1][6]!);

        Assert.Equal(("inlineStr", "年产900吨精酿啤酒项目", "@"), (name.Type, name.Value, name.FormatCode));
        Assert.Equal(("n", "12345.67", 4u, "#,##0.00"), (wan.Type, wan.Value, wan.NumberFormatId, wan.FormatCode));
        Assert.Equal(("n", "42", 1u, "0"), (count.Type, count.Value, count.NumberFormatId, count.FormatCode));
        Assert.Equal(("n", SpreadsheetExport.DateFormatId, "yyyy-mm-dd"), (on.Type, on.NumberFormatId, on.FormatCode));
        Assert.Equal(new DateOnly(2025, 3, 18), on.Date);
        Assert.Equal("45734", on.Value); // Excel's serial day of 2025-03-18
        Assert.Equal(("n", "0.345", 10u, "0.00%"), (percent.Type, percent.Value, percent.NumberFormatId, percent.FormatCode));
        Assert.Equal(("n", "2500000", "General"), (number.Type, number.Value, number.FormatCode));
        Assert.Equal(("n", "123.456789", "#,##0.00"), (yi.Type, yi.Value, yi.FormatCode)); // 1,234,567.89 万元
        Assert.All(sheet.Rows[0], h => Assert.True(h!.IsText));
    }

    [Fact]
    public async Task The_header_row_is_frozen_and_every_column_has_a_width()
    {
        var sheet = await Sheet(new Row("项目", 1, 1, null, null));
        Assert.Equal((1d, "frozen"), (sheet.FrozenRows, sheet.FrozenState));
        Assert.Equal(Columns.Count, sheet.Widths.Count);
        Assert.All(sheet.Widths, w => Assert.InRange(w!.Value, 8, 60));
        // Fitted to the header: 计划总投资(万元) is wider than 项目数.
        Assert.True(sheet.Widths[1] > sheet.Widths[2]);
    }

    [Fact]
    public async Task Widths_fit_long_text_up_to_a_limit_and_a_given_width_is_kept()
    {
        var rows = new[] { "短", new string('长', 20), new string('x', 500) };
        var sheet = XlsxProbe.Sheet(await SpreadsheetExport.XlsxAsync(ExportSheet.Of("s", rows,
            ExportColumn<string>.Text("名称", r => r), ExportColumn<string>.Text("文稿", r => r, width: 100, wrap: true))));
        Assert.Equal([60d, 100d], sheet.Widths);
        var narrow = XlsxProbe.Sheet(await SpreadsheetExport.XlsxAsync(ExportSheet.Of("s", rows.Take(2), ExportColumn<string>.Text("名称", r => r))));
        Assert.InRange(narrow.Widths[0]!.Value, 40, 45); // twenty Chinese characters
    }

    [Fact]
    public async Task An_empty_export_still_has_its_header_row()
    {
        var sheet = await Sheet();
        Assert.Single(sheet.Rows);
        Assert.Equal(Columns.Count, sheet.Headers.Count);
    }

    [Fact]
    public async Task Only_text_is_neutralised_a_negative_number_stays_a_number()
    {
        var sheet = await Sheet(new Row("=1+1", -500, -5, null, -12.5m), new Row("-5", null, null, null, null));
        Assert.Equal(("inlineStr", "'=1+1"), (sheet.Rows[1][0]!.Type, sheet.Rows[1][0]!.Value));
        Assert.Equal(("n", "-5.00"), (sheet.Rows[1][1]!.Type, sheet.Rows[1][1]!.Value));
        Assert.Equal(("n", "-5"), (sheet.Rows[1][2]!.Type, sheet.Rows[1][2]!.Value));
        Assert.Equal(("n", "-0.125"), (sheet.Rows[1][4]!.Type, sheet.Rows[1][4]!.Value));
        // Text that looks like a negative number is text, and neutralised.
        Assert.Equal(("inlineStr", "'-5"), (sheet.Rows[2][0]!.Type, sheet.Rows[2][0]!.Value));
        // An empty value is no cell at all, not an empty string.
        Assert.Single(sheet.Rows[2]);
    }

    [Fact]
    public async Task The_amount_column_sums_exactly_to_the_total_of_the_stored_hundredths()
    {
        // Values whose doubles do not add up exactly (0.1 + 0.2), and one beyond a double's 15 digits of 万元.
        long[] amounts = [10, 20, 1, 99, 33_333_333, 123_456_789_012_345_67, 7];
        var sheet = await Sheet([.. amounts.Select(a => new Row("x", a, null, null, null, Yi: a))]);
        Assert.Equal(Money.ToWan(amounts.Sum()), sheet.Column("计划总投资(万元)").Sum(c => c!.Number));
        Assert.Equal(amounts.Sum() / (decimal)Money.HundredthsPerYi, sheet.Column("到位资金(亿元)").Sum(c => c!.Number));
        Assert.Equal("123456789012345.67", sheet.Rows[6][1]!.Value);
    }

    [Fact]
    public async Task Control_characters_that_XML_cannot_carry_do_not_break_the_file()
    {
        var sheet = await Sheet(new Row("\0甲\u0001乙\t丙😀", 1, null, null, null));
        Assert.Equal("'\uFFFD甲\uFFFD乙\t丙😀", sheet.Rows[1][0]!.Value);
    }

    [Fact]
    public async Task The_file_is_valid_office_open_xml()
    {
        var bytes = await SpreadsheetExport.XlsxAsync(ExportSheet.Of("项目", [new Row("甲", 1, 2, new DateOnly(2025, 1, 1), 3m, 4m, 5)], Columns),
            ExportSheet.Of("调度文稿", ["文稿"], ExportColumn<string>.Text("调度文稿", p => p, width: 100, wrap: true)));
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Several_sheets_keep_their_names_and_order()
    {
        var bytes = await SpreadsheetExport.XlsxAsync(ExportSheet.Of("省调度项目", [new Row("a", 1, 1, null, null)], Columns), ExportSheet.Of("调度文稿", ["文稿"], ExportColumn<string>.Text("调度文稿", p => p)));
        Assert.Equal(["省调度项目", "调度文稿"], XlsxProbe.Read(bytes).Select(s => s.Name));
        Assert.Equal("文稿", XlsxProbe.Sheet(bytes, "调度文稿").Rows[1][0]!.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("[x]")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二")]
    public void A_sheet_name_Excel_refuses_is_refused_here(string name) =>
        Assert.Throws<ArgumentException>(() => ExportSheet.Of(name, Array.Empty<Row>(), Columns));

    [Fact]
    public async Task Csv_is_utf8_with_bom_crlf_rfc4180_with_plain_numbers_and_neutralised_text()
    {
        var bytes = await SpreadsheetExport.CsvAsync(ExportSheet.Of("项目", new[]
        {
            new Row("甲,\"乙\"", 1_234_567, 42, new DateOnly(2025, 3, 18), 34.5m, 2_500_000m, 123_456_789),
            new Row("@cmd", -500, -5, null, null),
        }, Columns));
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal(
            "项目名称,计划总投资(万元),项目数,签约日期,增长率,目标值,到位资金(亿元)\r\n" +
            "\"甲,\"\"乙\"\"\",12345.67,42,2025-03-18,0.345,2500000,123.456789\r\n" +
            "'@cmd,-5.00,-5,,,,\r\n",
            Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void The_download_name_is_chinese_in_filename_star_with_an_ascii_fallback()
    {
        var file = new ExportFile((_, _) => Task.CompletedTask, SpreadsheetExport.XlsxContentType, "项目清单-20250918-1430.xlsx", "projects-20250918-1430.xlsx");
        Assert.Equal(
            "attachment; filename=\"projects-20250918-1430.xlsx\"; filename*=UTF-8''%E9%A1%B9%E7%9B%AE%E6%B8%85%E5%8D%95-20250918-1430.xlsx",
            file.ContentDisposition);
        var parsed = Microsoft.Net.Http.Headers.ContentDispositionHeaderValue.Parse(file.ContentDisposition);
        Assert.Equal("项目清单-20250918-1430.xlsx", parsed.FileNameStar.Value);
        Assert.Equal("projects-20250918-1430.xlsx", parsed.FileName.Value?.Trim('"'));
        Assert.Throws<ArgumentException>(() => new ExportFile((_, _) => Task.CompletedTask, "text/csv", "a.csv", "项目.csv"));
        Assert.Throws<ArgumentException>(() => new ExportFile((_, _) => Task.CompletedTask, "text/csv", "a\".csv", "a.csv"));
    }

    /// <summary>Collects reports as they are made (Progress&lt;T&gt; would post them later, out of order with the test).</summary>
    private sealed class Reports : IProgress<WorkProgress>
    {
        public List<WorkProgress> Seen { get; } = [];
        public void Report(WorkProgress value) => Seen.Add(value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_writer_reports_the_rows_written_rising_to_the_total(bool csv)
    {
        var rows = Enumerable.Range(1, 1234).Select(i => new Row($"项目{i}", i, i, null, null)).ToList();
        var reports = new Reports();
        var file = ExportFile.Of(ExportSheet.Of("项目", rows, Columns), csv, "项目清单", "projects");
        using var output = new MemoryStream();
        await file.WriteAsync(output, reports, CancellationToken.None);

        Assert.InRange(reports.Seen.Count, 10, 200); // a bar that moves, not a report per row
        Assert.All(reports.Seen, r => Assert.Equal(("writing", 1234L), (r.Step, r.Total!.Value)));
        var done = reports.Seen.Select(r => r.Done).ToList();
        Assert.Equal(done.Order(), done);
        Assert.Equal(1234, done[^1]);
        Assert.Equal(100, reports.Seen[^1].Percent);
        // The same file as without a progress (a GET export's).
        using var plain = new MemoryStream();
        await file.WriteAsync(plain, null, CancellationToken.None);
        if (csv) Assert.Equal(plain.ToArray(), output.ToArray());
        else Assert.Equal(XlsxProbe.Sheet(plain.ToArray()).Rows.Select(r => r.Select(c => c?.Value)), XlsxProbe.Sheet(output.ToArray()).Rows.Select(r => r.Select(c => c?.Value)));
    }

    [Fact]
    public async Task A_stopped_export_throws_and_a_large_one_is_audited_only_when_whole()
    {
        var rows = Enumerable.Range(1, 5000).Select(i => new Row($"项目{i}", i, i, null, null)).ToList();
        var audited = 0;
        PreparedExport Prepare() => new(ExportFile.Of(ExportSheet.Of("项目", rows, Columns), false, "项目清单", "projects"), rows.Count, _ => { audited++; return Task.CompletedTask; });

        using var stop = new CancellationTokenSource();
        var reports = new Reports();
        var stopping = new StopAt(1000, stop, reports);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LargeExport.MakeAsync(Prepare(), stopping, stop.Token));
        Assert.Equal(0, audited);
        Assert.True(reports.Seen[^1].Done < rows.Count, "it ran to the end");

        var bytes = await LargeExport.MakeAsync(Prepare(), null, CancellationToken.None);
        Assert.Equal(1, audited);
        Assert.Equal(rows.Count + 1, XlsxProbe.Sheet(bytes).Rows.Count);
    }

    /// <summary>Stops the work once this many rows are written.</summary>
    private sealed class StopAt(long rows, CancellationTokenSource stop, Reports reports) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value)
        {
            reports.Report(value);
            if (value.Done >= rows) stop.Cancel();
        }
    }
}
