using InvestTrack.Features.Imports;

namespace InvestTrack.UnitTests.Imports;

public class CellFormatTests
{
    [Theory]
    [InlineData("yyyy-mm-dd", true)]
    [InlineData("yyyy\"年\"m\"月\"d\"日\"", true)]
    [InlineData("[$-F800]dddd, mmmm dd, yyyy", true)]
    [InlineData("mm/dd/yy h:mm", true)]
    [InlineData("mmm-yy", true)]
    [InlineData("h:mm:ss", false)]
    [InlineData("[h]:mm", false)]
    [InlineData("mm:ss", false)]
    [InlineData("0.00", false)]
    [InlineData("#,##0.00\"万元\"", false)]
    [InlineData("\"day\" 0", false)]
    [InlineData("General", false)]
    [InlineData("[Red]0.00", false)]
    public void Custom_number_formats_are_dates_when_they_show_a_date(string code, bool isDate) =>
        Assert.Equal(isDate, DateFormats.IsDateFormatCode(code));

    [Fact]
    public void Built_in_date_formats_are_the_listed_ids()
    {
        Assert.All(new uint[] { 14, 17, 22, 27, 36, 45, 47, 50, 58 }, id => Assert.True(DateFormats.IsBuiltInDate(id)));
        Assert.All(new uint[] { 0, 1, 2, 4, 10, 13, 23, 26, 37, 44, 48, 49, 59, 164 }, id => Assert.False(DateFormats.IsBuiltInDate(id)));
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    [InlineData(16383, "XFD")]
    public void Column_letters(int index, string letters) => Assert.Equal(letters, ColumnLetters.FromIndex(index));
}
