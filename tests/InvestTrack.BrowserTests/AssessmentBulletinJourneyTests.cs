using System.Text.RegularExpressions;
using InvestTrack.BrowserTests.Pages;
using InvestTrack.Features.Assessment;
using InvestTrack.Kernel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>
/// Issue 12's 考核 and 月通报 in a real browser, on last month (the demo city's targets and funds): the city drafts the
/// year's scheme, is refused weights that do not sum to 100, publishes it; previews and publishes last month's ranking;
/// generates the month's bulletin, adds a preface and publishes it, numbered, with the ranking in it; the list shows it.
/// </summary>
public sealed class AssessmentBulletinJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AssessmentBulletinJourney_scheme_ranking_and_bulletin_published()
    {
        var today = ChinaTime.Today(fixture.App.Services.GetRequiredService<TimeProvider>());
        var last = today.AddMonths(-1);
        var (year, month) = (last.Year, last.Month);
        await using var context = await fixture.NewContextAsync(BrowserFixture.Desktop);
        var page = await context.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync("city");

        // The scheme of last month's year: a draft from the defaults, five indicators weighing 100.
        await shell.NavLink("考核方案").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/assessment/schemes$"));
        await shell.WaitForInteractiveAsync();
        var yearField = page.GetByTestId("scheme-year");
        if (year != today.Year)
        {
            await yearField.FillAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await yearField.PressAsync("Tab");
        }
        await Expect(page.GetByText($"{year}年尚无考核方案。")).ToBeVisibleAsync();
        await page.GetByTestId("scheme-new").ClickAsync();
        var scheme = page.GetByTestId("scheme");
        await Expect(scheme).ToHaveCountAsync(1);
        await Expect(scheme.Locator("h6")).ToContainTextAsync($"{year}年第1版 · 草稿");
        var indicators = scheme.Locator("table").First.Locator("tbody tr");
        await Expect(indicators).ToHaveCountAsync(6); // five indicators and the sum
        Assert.Equal(["30", "20", "20", "15", "15"], await WeightsAsync(indicators));
        await Expect(indicators.Locator("td:first-child")).ToHaveTextAsync([
            new Regex("^到位资金"), new Regex("^签约项目"), new Regex("^亿元以上签约项目"), new Regex("^开复工5000万元以上项目"), new Regex("^竣工投产项目"), new Regex("^权重合计$")]);
        var sum = indicators.Last.Locator("td").Nth(1);
        await Expect(sum).ToHaveTextAsync("100");

        // 40 for the funds: the sum shows 110 and the save is refused with the reason.
        var funds = indicators.First.Locator("td").Nth(1).Locator("input");
        await funds.FillAsync("40");
        await funds.PressAsync("Tab");
        await Expect(sum).ToHaveTextAsync("110");
        await page.GetByTestId("scheme-save").ClickAsync();
        await Expect(page.GetByTestId("scheme-errors")).ToContainTextAsync("权重合计须为100，当前为110");
        await Artifacts.ScreenshotAsync(page, "assessment-scheme-refused.png");

        // Back to 30 and published: frozen, with who and when.
        await funds.FillAsync("30");
        await funds.PressAsync("Tab");
        await Expect(sum).ToHaveTextAsync("100");
        await page.GetByTestId("scheme-publish").ClickAsync();
        await Expect(scheme.Locator("h6")).ToContainTextAsync(new Regex($@"^{year}年第1版 ·\s*已发布（city，\d{{4}}-\d\d-\d\d \d\d:\d\d）$"));
        await Expect(page.GetByTestId("scheme-errors")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("scheme-publish")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("scheme-new-version")).ToBeVisibleAsync();
        Assert.Equal(["30", "20", "20", "15", "15"], await WeightsAsync(indicators));
        await Artifacts.ScreenshotAsync(page, "assessment-schemes.png");

        // Last month's ranking: not published yet; the draft previewed, then published.
        await shell.NavLink("考核排名").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/assessment/rankings$"));
        await shell.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("ranking-message")).ToHaveTextAsync($"{year}年{month}月的排名尚未发布。");
        await Layout.AssertNextToAsync(page.GetByLabel("年度", new() { Exact = true }), Mud.Select(page, "截至月份"), "year and month fields");
        await Layout.AssertNextToAsync(Mud.Select(page, "截至月份"), page.GetByText("草稿（实时计算）"), "month field and the draft switch", maxGap: 90);
        await page.GetByText("草稿（实时计算）").ClickAsync();
        await page.GetByTestId("ranking-show").ClickAsync();
        await Expect(page.GetByTestId("ranking-state")).ToHaveTextAsync($"{year}年1月至{month}月排名草稿 · 考核方案第1版 · 按当前数据实时计算，尚未发布");
        await page.GetByTestId("ranking-publish").ClickAsync();
        await Expect(page.GetByTestId("ranking-state")).ToHaveTextAsync(new Regex($@"^{year}年1月至{month}月排名 · 考核方案第1版 · 已由city于\d{{4}}-\d\d-\d\d \d\d:\d\d发布$"));
        await Expect(page.GetByTestId("ranking-publish")).ToHaveCountAsync(0);
        var published = (await fixture.App.AsSystemAsync(sp => sp.GetRequiredService<RankingService>().PublishedAsync(year, month))).View!;
        Assert.True(published.Rows.Count(r => r.Rank is not null) >= 2, "the demo city ranks its counties");
        var rows = page.GetByTestId("ranking-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(published.Rows.Count);
        // Rank, unit and total of every row as published (ranks 1, 2, …; equal totals share one).
        Assert.Equal(published.Rows.Select(r => $"{r.Rank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""}|{r.UnitName}|{Number(r.RoundedTotal)}"),
            await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => [r.cells[0].innerText.trim(), r.cells[1].innerText.trim(), r.cells[r.cells.length - 1].innerText.trim()].join('|'))"));
        await Expect(rows.First.Locator("td").First).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("ranking-table").Locator("thead tr").First.Locator("th")).ToHaveCountAsync(2 + 5 + 3);
        await Layout.AssertOneLineAsync(rows.Locator("td:nth-child(2)"), "unit names in the ranking");
        await Artifacts.ScreenshotAsync(page, "assessment-rankings.png");

        // The month's bulletin: none yet; generated, prefaced, published.
        await shell.NavLink("月通报").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/bulletins$"));
        await shell.WaitForInteractiveAsync();
        await Expect(page.GetByText("暂无通报。")).ToBeVisibleAsync();
        await Layout.AssertNextToAsync(Mud.Select(page, "月份"), page.GetByTestId("bulletin-open"), "month field and 打开");
        await page.GetByTestId("bulletin-open").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/bulletins/{year}/{month}$"));
        await shell.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("bulletin-message")).ToHaveTextAsync($"{year}年{month}月暂无通报。");
        await page.GetByTestId("bulletin-generate").ClickAsync();
        var preview = page.GetByTestId("bulletin-preview");
        await Expect(page.GetByTestId("bulletin-state")).ToHaveTextAsync(new Regex(@"^草稿：city 于 \d{4}-\d\d-\d\d \d\d:\d\d 按当时数据生成$"));
        var title = $"{year}年{(month == 1 ? "1月" : $"1-{month}月")}全市招商引资工作情况通报";
        await Expect(preview.Locator("h2")).ToHaveTextAsync(title);
        await Expect(preview).ToContainTextAsync("（草稿，发布时编号）");
        await Expect(page.GetByTestId("bulletin-paragraph")).ToContainTextAsync("全市");
        // Its ranking is the published one, in the same order.
        var rankingTable = preview.Locator("table").Last;
        await Expect(rankingTable.Locator("tbody tr")).ToHaveCountAsync(published.Rows.Count);
        await Expect(rankingTable.Locator("tbody tr td:nth-child(2)")).ToHaveTextAsync(published.Rows.Select(r => r.UnitName).ToArray());
        await Expect(preview.GetByText("本月考核排名尚未发布")).ToHaveCountAsync(0);

        const string preface = "11月各地招商引资工作总体平稳，请排名靠后的单位对照目标查找差距。";
        await page.GetByTestId("bulletin-preface").FillAsync(preface);
        await page.GetByTestId("bulletin-preface-save").ClickAsync();
        await Expect(preview).ToContainTextAsync($"编者按：{preface}");
        await Artifacts.ScreenshotAsync(page, "bulletin-draft.png");

        await page.GetByTestId("bulletin-publish").ClickAsync();
        await Mud.ConfirmAsync(page, $"发布后{year}年{month}月通报将编号并定稿，不能再修改或删除。确定发布？", "发布");
        var number = $"四招通〔{today.Year}〕1号";
        await Expect(page.GetByTestId("bulletin-state")).ToHaveTextAsync(new Regex($@"^已发布：{Regex.Escape(number)}，city 于 \d{{4}}-\d\d-\d\d \d\d:\d\d$"));
        await Expect(preview).ToContainTextAsync(number);
        await Expect(preview).ToContainTextAsync($"编者按：{preface}");
        await Expect(page.GetByTestId("bulletin-preface")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("bulletin-generate")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("bulletin-publish")).ToHaveCountAsync(0);
        await Artifacts.ScreenshotAsync(page, "bulletin.png");

        await shell.NavLink("月通报").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/bulletins$"));
        var listed = page.GetByTestId("bulletin-list").Locator("tbody tr");
        await Expect(listed).ToHaveCountAsync(1);
        await Expect(listed.Locator("td")).ToHaveTextAsync([
            new Regex($"^{Regex.Escape(number)}$"), new Regex($"^{Regex.Escape(title)}$"), new Regex("^已发布$"), new Regex(@"^city · \d{4}-\d\d-\d\d \d\d:\d\d$"), new Regex(@"^Word ·\s*Excel$")]);
        await Artifacts.ScreenshotAsync(page, "bulletins.png");
    }

    private static async Task<string[]> WeightsAsync(ILocator indicators) =>
        await indicators.Locator("td:nth-child(2) input").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.value)");

    private static string Number(decimal? value) => value is { } v ? v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : "—";
}
