using InvestTrack.BrowserTests.Pages;
using InvestTrack.Features.Supervision;
using InvestTrack.Features.Warnings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>A clock the journey moves from one month into the next (the bulletin of a month is made after it ends).</summary>
public sealed class JourneyClock : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>10:00 China time on the day.</summary>
    public void SetChinaDate(int year, int month, int day) => Now = new DateTimeOffset(year, month, day, 10, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();
}

public sealed class SupervisionBrowserFixture() : BrowserFixture(Clock)
{
    public static JourneyClock Clock { get; } = new() { Now = new DateTimeOffset(2036, 4, 1, 2, 0, 0, TimeSpan.Zero) };
}

/// <summary>
/// Issue 12's journey (督、赛): a red warning becomes a supervision order, the unit sends its plan and its fix report,
/// the city accepts, and the month's bulletin lists the order as closed on time.
/// </summary>
public sealed class SupervisionJourneyTests(SupervisionBrowserFixture fixture) : IClassFixture<SupervisionBrowserFixture>
{
    private static JourneyClock Clock => SupervisionBrowserFixture.Clock;

    [Fact]
    public async Task A_red_warning_becomes_an_order_the_unit_answers_the_city_accepts_and_the_bulletin_lists_it_closed()
    {
        Clock.SetChinaDate(2036, 4, 1);
        // Signed on 1 August 2035 and not started, progress on 25 March 2036: red for 签约未开工 only.
        const string projectName = "铁西区新能源装备制造基地项目";
        await fixture.App.InsertProjectAsync("220302", projectName, new DateOnly(2035, 8, 1), new DateOnly(2035, 8, 1), null, new DateOnly(2036, 3, 25));
        var unitId = (await fixture.App.UserAsync("tiexi")).UnitId;
        var xun = new Xun(2036, 3, XunPart.Late);
        await fixture.App.AsSystemAsync(sp => sp.GetRequiredService<WarningRunService>().RunAsync(xun, "journey"));
        // The unit's red projects, 50 a page, by id: the new project is on the last page.
        var reds = await fixture.App.AsSystemAsync(sp => sp.GetRequiredService<WarningReads>()
            .PageAsync(new WarningFilter(xun.ToString(), WarningColour.Red, Kind: WarningKind.Project, UnitId: unitId)));

        await using var cityContext = await fixture.NewContextAsync();
        var city = await cityContext.NewPageAsync();
        var cityShell = await new LoginPage(city).SignInAsync("city");
        await city.GotoAsync($"/warnings?xun={xun}&colour=Red&kind=Project&unit={unitId}&page={(reds.Total + 49) / 50}");
        await cityShell.WaitForInteractiveAsync();
        var row = city.GetByTestId("warning-table").Locator("tbody tr").Filter(new() { HasText = projectName });
        await Expect(row.GetByTestId("warning-colour")).ToHaveTextAsync("红色");
        await Expect(row.GetByTestId("warning-facts")).ToContainTextAsync("签约未开工");
        await Artifacts.ScreenshotAsync(city, "supervision-journey-warnings.png");

        // 发督办单: the form comes prefilled from the warning, deadlines a week and a month ahead.
        await row.GetByTestId("warning-issue-order").ClickAsync();
        await Expect(city).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/orders/new\\?warning="));
        await cityShell.WaitForInteractiveAsync();
        await Expect(city.GetByTestId("order-from-warning")).ToContainTextAsync("2036年3月下旬预警·签约未开工");
        await Expect(city.GetByTestId("order-problem")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"^{projectName}：.*签约.*243"));
        await Artifacts.ScreenshotAsync(city, "supervision-journey-order-form.png");
        await city.GetByTestId("order-issue").ClickAsync();
        await Expect(city).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/orders/\\d+$"));
        var orderUrl = new Uri(city.Url).AbsolutePath;
        var code = (await city.GetByTestId("order-code").InnerTextAsync()).Trim();
        Assert.Equal("督〔2036〕1号", code);
        await Expect(city.GetByTestId("order-status")).ToHaveTextAsync("已下发");
        await Expect(city.GetByTestId("order-source-warning")).ToBeVisibleAsync();

        // The unit sends its plan, then its fix report.
        await using var unitContext = await fixture.NewContextAsync();
        var unit = await unitContext.NewPageAsync();
        var unitShell = await new LoginPage(unit).SignInAsync("tiexi");
        await unit.GotoAsync(orderUrl);
        await unitShell.WaitForInteractiveAsync();
        await unit.GetByTestId("order-text").FillAsync("一、成立专班；二、4月10日前完成施工许可；三、4月15日前开工。");
        await unit.GetByTestId("order-submit").ClickAsync();
        await Expect(unit.GetByTestId("order-status")).ToHaveTextAsync("方案已报");
        await unit.GetByTestId("order-text").FillAsync("项目已于4月1日开工，附开工报告。");
        await unit.GetByTestId("order-submit").ClickAsync();
        await Expect(unit.GetByTestId("order-status")).ToHaveTextAsync("整改已报");
        await Artifacts.ScreenshotAsync(unit, "supervision-journey-unit-answered.png");

        // The city accepts; the warnings page now shows the order's number instead of the button.
        await city.GotoAsync(orderUrl);
        await cityShell.WaitForInteractiveAsync();
        await city.GetByTestId("order-accept").ClickAsync();
        await Expect(city.GetByTestId("order-status")).ToHaveTextAsync("已办结");
        await Expect(city.GetByTestId("order-history")).ToContainTextAsync("一、成立专班");
        await Artifacts.ScreenshotAsync(city, "supervision-journey-accepted.png");
        await city.GotoAsync($"/warnings?xun={xun}&colour=Red&kind=Project&unit={unitId}&page={(reds.Total + 49) / 50}");
        await cityShell.WaitForInteractiveAsync();
        await Expect(row.GetByTestId("warning-order")).ToHaveTextAsync(code);

        // After April: the month's bulletin lists the order as closed on time.
        Clock.SetChinaDate(2036, 5, 6);
        await using var nextContext = await fixture.NewContextAsync();
        var editor = await nextContext.NewPageAsync();
        var editorShell = await new LoginPage(editor).SignInAsync("city");
        await editor.GotoAsync("/bulletins/2036/4");
        await editorShell.WaitForInteractiveAsync();
        await editor.GetByTestId("bulletin-generate").ClickAsync();
        await Expect(editor.GetByTestId("bulletin-closed")).ToHaveTextAsync("本月办结督办事项1项，其中按期办结1项：");
        var closed = editor.GetByTestId("bulletin-closed-table").Locator("tbody tr");
        await Expect(closed).ToHaveCountAsync(1);
        await Expect(closed).ToContainTextAsync(code);
        await Expect(closed).ToContainTextAsync("按期办结");
        await Expect(editor.GetByTestId("bulletin-overdue")).ToHaveTextAsync("截至月末无逾期督办事项。");
        await Artifacts.ScreenshotAsync(editor, "supervision-journey-bulletin.png");
    }
}
