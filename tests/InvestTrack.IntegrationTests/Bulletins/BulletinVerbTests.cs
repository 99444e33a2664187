using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace InvestTrack.IntegrationTests.Bulletins;

/// <summary>`report bulletin` through the real program on an SQLite file: a draft written from the data, and bad arguments named.</summary>
public sealed class BulletinVerbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("investtrack-bulletin-cli-").FullName;

    private Dictionary<string, string?> Env => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Database__Provider"] = "Sqlite",
        ["ConnectionStrings__InvestTrack"] = $"Data Source={Path.Combine(_dir, "cli.db")}",
    };

    [Fact]
    public async Task Report_bulletin_writes_the_docx_and_names_bad_arguments()
    {
        var (code, output) = await StartupErrorTests.RunAsync(Env, "migrate");
        Assert.True(code == 0, output);
        var file = Path.Combine(_dir, "通报.docx");
        (code, output) = await StartupErrorTests.RunAsync(Env, "report", "bulletin", "--year", "2020", "--month", "3", "--out", file);
        Assert.True(code == 0, output);
        Assert.Contains("draft from the current data", output);
        using (var doc = WordprocessingDocument.Open(file, false))
        {
            var paragraphs = doc.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
            Assert.Equal("四平市招商局", paragraphs[0]);
            Assert.Contains("2020年1-3月全市招商引资工作情况通报", paragraphs);
            Assert.Contains("1月至3月，全市暂无纳入省调度系统的省外1000万元以上到位资金数据。", paragraphs);
        }

        (code, output) = await StartupErrorTests.RunAsync(Env, "report", "bulletin", "--year", "2020", "--month", "13", "--out", file);
        Assert.Equal(65, code);
        Assert.Contains("年份或月份无效", output);
        (code, output) = await StartupErrorTests.RunAsync(Env, "report", "bulletin", "--year", "2999", "--month", "1", "--out", file);
        Assert.Equal(65, code);
        (code, output) = await StartupErrorTests.RunAsync(Env, "report", "bulletin", "--year", "2020", "--month", "3");
        Assert.Equal(64, code);
        Assert.Contains("--out", output);
        (code, _) = await StartupErrorTests.RunAsync(Env, "report", "bulletin", "--year", "2020", "--month", "3", "--out", Path.Combine(_dir, "x.pdf"));
        Assert.Equal(64, code);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
