using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests.Pages;

/// <summary>The activity form and page, the lead register form and page, and the source-yield page (Chinese).</summary>
public sealed class LeadPages(IPage page, Shell shell)
{
    private ILocator Select(string label) => page.Locator(".mud-input-control.mud-select").Filter(new() { HasText = label });

    private async Task PickAsync(string label, string option, bool exact = true)
    {
        await Select(label).First.ClickAsync();
        var choice = exact ? page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }) : page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("^" + Regex.Escape(option)) });
        await choice.First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
    }

    private ILocator Field(string label) => page.GetByLabel(label, new() { Exact = true });

    /// <summary>Records a 走出去 today for the unit on the activity form; returns the new activity's id.</summary>
    public async Task<int> RecordOutboundAsync(string code, string unit, string destination, string counterpart)
    {
        await page.GotoAsync("/activities/new");
        await shell.WaitForInteractiveAsync();
        await Field("活动编号").FillAsync(code);
        await PickAsync("组织单位", unit);
        // The start date: today, from the picker's calendar.
        await Mud.PickTodayAsync(page, "开始日期");
        await Field("带队领导").FillAsync("张华 区长");
        await Field("目的地").FillAsync(destination);
        await Field("对接对象").FillAsync($"企业:{counterpart}");
        // A project that came out of the visit, from the picker (the unit's own projects, by code or name).
        var picker = Field("添加产生的项目（按编号或名称搜索）");
        await picker.ClickAsync();
        await picker.PressSequentiallyAsync("SP", new() { Delay = 50 });
        var option = page.Locator(".mud-popover-open .mud-list-item").First;
        await Expect(option).ToBeVisibleAsync();
        var project = (await option.InnerTextAsync()).Trim();
        await option.ClickAsync();
        await Expect(page.Locator(".mud-chip").Filter(new() { HasText = project })).ToHaveCountAsync(1);
        await Artifacts.ScreenshotAsync(page, "lead-journey-activity-form.png");
        await page.GetByTestId("activity-save").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/activities/\d+$"));
        await Expect(page.GetByTestId("activity-code")).ToHaveTextAsync(code);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = project })).ToBeVisibleAsync();
        return int.Parse(new Regex(@"/activities/(\d+)$").Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Fills the register form already open (from an activity's page, or /leads/new) and saves it.</summary>
    public async Task FillLeadAsync(string name, string investor, string section)
    {
        await page.GetByTestId("lead-name").FillAsync(name);
        await PickAsync("线索来源", "小分队");
        await page.GetByTestId("lead-investor").FillAsync(investor);
        await Field("投资方所在地").FillAsync("广东省深圳市");
        await Field("预计投资（万元）").FillAsync("50000");
        await PickAsync("行业门类", $"{section} · ", exact: false);
        await page.GetByTestId("lead-save").ClickAsync();
    }

    public async Task OpenRegisterAsync()
    {
        await page.GotoAsync("/leads/new");
        await shell.WaitForInteractiveAsync();
    }

    /// <summary>The 小分队 row of the source-yield page: (leads, projects).</summary>
    public async Task<(int Leads, int Projects)> SquadYieldAsync()
    {
        await page.GotoAsync("/leads/yield");
        await shell.WaitForInteractiveAsync();
        var row = page.GetByTestId("yield-table").Locator("tbody tr").Filter(new() { Has = page.Locator("td:nth-child(2)", new() { HasTextRegex = new Regex("^小分队$") }) });
        await Expect(page.GetByTestId("yield-table")).ToBeVisibleAsync();
        if (await row.CountAsync() == 0) return (0, 0);
        var cells = await row.Locator("td").AllInnerTextsAsync();
        return (int.Parse(cells[2].Trim(), CultureInfo.InvariantCulture), int.Parse(cells[3].Trim(), CultureInfo.InvariantCulture));
    }
}
