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

    [Fact]
    public void Empty_sheets_are_named_as_each_language_quotes_them()
    {
        var english = CultureInfo.GetCultureInfo("en");
        Assert.Equal("工作表“项目”“活动”没有数据行，未导入任何内容：请在表头下方逐行填写，每行一条记录",
            ImportMessages.Format(ImportCodes.NoRows, null, ImportMessages.Names(["项目", "活动"], null)));
        Assert.Equal("No data rows in sheet 项目, 活动, so nothing was imported: fill in one record per row below the header",
            ImportMessages.Format(ImportCodes.NoRows, english, ImportMessages.Names(["项目", "活动"], english)));
    }
}
