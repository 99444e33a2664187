using System.Text;
using InvestTrack.Features.Imports;

namespace InvestTrack.UnitTests.Imports;

public class CsvReadingTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private static LedgerReadResult Read(byte[] bytes, ImportLimits? limits = null) =>
        LedgerReader.Read(new MemoryStream(bytes), "funds.csv", limits);

    private static LedgerSheet ReadOk(string text, bool bom = false)
    {
        var result = Read([.. bom ? Bom : [], .. Encoding.UTF8.GetBytes(text)]);
        Assert.Empty(result.Problems);
        return Assert.Single(result.Workbook!.Sheets);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Utf8_with_or_without_bom_gives_one_sheet_named_after_the_file(bool bom)
    {
        var sheet = ReadOk("项目编号,月份,到位资金(万元)\r\nXM-1,2025-01,1234.56\r\n", bom);

        Assert.Equal("funds.csv", sheet.Name);
        Assert.Equal(["项目编号", "月份", "到位资金(万元)"], sheet.Headers); // no BOM left in the first header
        var row = Assert.Single(sheet.Rows);
        Assert.Equal(2, row.RowNumber);
        Assert.Equal("1234.56", row.Cell(2).Text); // CSV cells are text; the validator parses them exactly
        Assert.Equal(SheetKind.Funds, SheetKinds.Recognize(sheet));
    }

    [Fact]
    public void Quoted_fields_hold_commas_doubled_quotes_and_line_breaks()
    {
        var sheet = ReadOk("code,name,investor\n\"XM,1\",\"他说\"\"好\"\"\",\"第一行\n第二行\"\nXM-2,plain,\"\"\n");

        Assert.Equal(["XM,1", "他说\"好\"", "第一行\n第二行"], sheet.Rows[0].Cells.Select(c => c.Original));
        Assert.Equal(3, sheet.Rows[1].RowNumber); // a record is one row, however many lines it spans
        Assert.Equal(LedgerCellKind.Empty, sheet.Rows[1].Cell(2).Kind);
    }

    [Fact]
    public void Empty_lines_are_skipped_but_counted()
    {
        var sheet = ReadOk("\ncode,month\nA,2025-01\n\n,\nB,2025-02");

        Assert.Equal(2, sheet.HeaderRowNumber);
        Assert.Equal([3, 6], sheet.Rows.Select(r => r.RowNumber));
        Assert.Equal("B", sheet.Rows[1].Cell(0).Text); // the last line needs no line break
    }

    [Fact]
    public void Gbk_or_other_invalid_utf8_is_refused_as_not_text()
    {
        byte[] gbk = [0xCF, 0xEE, 0xC4, 0xBF, 0xB1, 0xE0, 0xBA, 0xC5, (byte)',', (byte)'a', (byte)'\n']; // 项目编号 in GBK
        var problem = Assert.Single(Read(gbk).Problems);
        Assert.Equal(ImportCodes.NotUtf8Text, problem.Code);
        Assert.Null(Read(gbk).Workbook);
    }

    [Fact]
    public void Nul_bytes_are_refused_as_not_text()
    {
        Assert.Equal(ImportCodes.NotUtf8Text, Assert.Single(Read("code,name\nA\0,B\n"u8.ToArray()).Problems).Code);
        Assert.Equal(ImportCodes.NotUtf8Text, Assert.Single(Read(Encoding.Unicode.GetBytes("code,name\n")).Problems).Code); // UTF-16
    }

    [Fact]
    public void Broken_quotes_are_a_problem_on_their_record()
    {
        var result = Read("code,name\nA,\"unclosed\nB,x\"y\"z\n"u8.ToArray());
        var problem = Assert.Single(result.Problems);
        Assert.Equal((2, ImportCodes.CsvQuote), (problem.Row, problem.Code));

        var stray = Read("code,name\nA,ab\"c\nB,ok\n"u8.ToArray());
        Assert.Equal(2, Assert.Single(stray.Problems).Row);
        Assert.Equal(LedgerCellKind.Refused, stray.Workbook!.Sheets[0].Rows[0].Cell(1).Kind);
        Assert.Equal("ok", stray.Workbook.Sheets[0].Rows[1].Cell(1).Text);
    }

    [Fact]
    public void Row_column_and_cell_limits_apply_to_csv_too()
    {
        var manyRows = Encoding.UTF8.GetBytes("code\n" + string.Concat(Enumerable.Repeat("\n", 1_000_000)));
        Assert.Equal(ImportCodes.SheetTooManyRows, Assert.Single(Read(manyRows).Problems).Code);

        var wide = Encoding.UTF8.GetBytes(string.Join(',', Enumerable.Range(0, 201).Select(i => $"c{i}")) + "\n");
        Assert.Equal(ImportCodes.SheetTooManyColumns, Assert.Single(Read(wide).Problems).Code);

        var longCell = Encoding.UTF8.GetBytes("code,name\nA," + new string('x', 4001) + "\n");
        var problem = Assert.Single(Read(longCell).Problems);
        Assert.Equal((2, "B", ImportCodes.CellTooLong), (problem.Row, problem.Column, problem.Code));
    }
}
