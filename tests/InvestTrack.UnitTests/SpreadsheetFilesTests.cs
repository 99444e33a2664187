using System.Text;
using InvestTrack.Kernel;
using MiniExcelLibs;

namespace InvestTrack.UnitTests;

public class SpreadsheetFilesTests
{
    private static readonly string[] Headers = ["项目编号", "项目名称"];

    [Fact]
    public void An_empty_xlsx_export_still_has_its_header_row()
    {
        using var stream = new MemoryStream(SpreadsheetSafe.Xlsx(Headers, [], "项目"));
        var rows = stream.Query().Cast<IDictionary<string, object>>().ToList();
        var header = Assert.Single(rows);
        Assert.Equal(Headers, header.Values.Select(v => v?.ToString()));
    }

    [Fact]
    public void Xlsx_cells_are_neutralised_and_kept_as_text()
    {
        using var stream = new MemoryStream(SpreadsheetSafe.Xlsx(Headers, [["SP001", "=1+1"]], "项目"));
        var row = Assert.Single(stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>());
        Assert.Equal("'=1+1", row["项目名称"]);
    }

    [Fact]
    public void Csv_has_a_byte_order_mark_crlf_rows_and_quoting()
    {
        var bytes = SpreadsheetSafe.Csv(Headers, [["SP,1", "@cmd"]]);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("项目编号,项目名称\r\n\"SP,1\",'@cmd\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }
}
