using InvestTrack.Kernel;

namespace InvestTrack.UnitTests;

public class SpreadsheetSafeTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+86 138", "'+86 138")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\0x", "'\0x")]
    [InlineData("\r=x", "'\r=x")]
    public void Formula_like_text_gets_a_leading_quote(string text, string expected) => Assert.Equal(expected, SpreadsheetSafe.Cell(text));

    [Theory]
    [InlineData("华为技术有限公司")]
    [InlineData("A=B")]
    [InlineData("'quoted")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_text_is_left_alone(string? text) => Assert.Equal(text, SpreadsheetSafe.Cell(text));

    [Fact]
    public void Csv_fields_are_neutralised_then_quoted()
    {
        Assert.Equal("plain", SpreadsheetSafe.CsvField("plain"));
        Assert.Equal("\"a,b\"", SpreadsheetSafe.CsvField("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", SpreadsheetSafe.CsvField("say \"hi\""));
        Assert.Equal("\"'=HYPERLINK(\"\"x\"\")\"", SpreadsheetSafe.CsvField("=HYPERLINK(\"x\")"));
        Assert.Equal("", SpreadsheetSafe.CsvField(null));
    }
}
