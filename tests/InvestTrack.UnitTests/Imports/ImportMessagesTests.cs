using System.Globalization;
using InvestTrack.Features.Imports;

namespace InvestTrack.UnitTests.Imports;

public class ImportMessagesTests
{
    [Fact]
    public void Every_code_has_a_chinese_and_an_english_message()
    {
        var codes = typeof(ImportCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        Assert.Equal(codes.Order(), ImportMessages.Codes.Order());
        foreach (var code in codes)
        {
            var zh = ImportMessages.Format(code, null, "X", 1);
            var en = ImportMessages.Format(code, CultureInfo.GetCultureInfo("en-GB"), "X", 1);
            Assert.NotEqual(zh, en);
            Assert.Equal(zh, ImportMessages.Format(code, CultureInfo.GetCultureInfo("zh-CN"), "X", 1));
        }
    }

    [Fact]
    public void Chinese_is_the_default_and_arguments_are_filled_in()
    {
        Assert.Equal("单元格内容超过 4000 个字符", ImportMessages.Format(ImportCodes.CellTooLong, null, 4000));
        Assert.Equal("The cell holds more than 4000 characters", ImportMessages.Format(ImportCodes.CellTooLong, new CultureInfo("en-US"), 4000));
    }
}
