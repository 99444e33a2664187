using System.Text.RegularExpressions;
using InvestTrack.BrowserTests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

/// <summary>
/// Issue 11's journey: a county user records an outbound visit that yields a lead, a second county's attempt to
/// register the same investor is refused with the first unit's name, the lead is converted into a project, and the
/// source's yield shows one lead and one project more.
/// </summary>
public sealed class LeadJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task LeadJourney_visit_lead_refused_elsewhere_converted_and_counted()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var investor = $"华创{tag}新能源科技有限公司";

        await using var tiexiContext = await fixture.NewContextAsync();
        var tiexi = await tiexiContext.NewPageAsync();
        var tiexiShell = await new LoginPage(tiexi).SignInAsync("tiexi");
        var pages = new LeadPages(tiexi, tiexiShell);
        var before = await pages.SquadYieldAsync();

        // The outbound visit, with a destination and the investor as its company counterpart.
        var activity = await pages.RecordOutboundAsync($"ZCQ-{tag}", "铁西区", "广东省深圳市", investor);
        await Artifacts.ScreenshotAsync(tiexi, "lead-journey-activity.png");

        // From the activity's page: the register form opens with the activity and the unit filled in.
        await tiexi.GetByTestId("activity-register-lead").ClickAsync();
        await Expect(tiexi).ToHaveURLAsync(new Regex($"/leads/new\\?activity={activity}$"));
        await tiexiShell.WaitForInteractiveAsync();
        await Expect(tiexi.GetByTestId("lead-activity")).ToContainTextAsync($"ZCQ-{tag}");
        await pages.FillLeadAsync($"{investor[..^6]}电池项目", investor, "C");
        await Expect(tiexi).ToHaveURLAsync(new Regex(@"/leads/\d+$"));
        await Expect(tiexi.GetByTestId("lead-status")).ToHaveTextAsync("新登记");
        await Expect(tiexi.GetByTestId("lead-origin-activity")).ToHaveTextAsync($"ZCQ-{tag}");
        var leadUrl = tiexi.Url;
        await Artifacts.ScreenshotAsync(tiexi, "lead-journey-lead.png");

        // The activity's page lists the lead that came out of it.
        await tiexi.GetByTestId("lead-origin-activity").ClickAsync();
        await Expect(tiexi.GetByTestId("activity-leads")).ToContainTextAsync("共1条线索，其中0条已转为项目。");

        // Another county registers the same investor for the same industry section: refused, naming 铁西区.
        await using var lishuContext = await fixture.NewContextAsync();
        var lishu = await lishuContext.NewPageAsync();
        var lishuShell = await new LoginPage(lishu).SignInAsync("lishu");
        var lishuPages = new LeadPages(lishu, lishuShell);
        await lishuPages.OpenRegisterAsync();
        await lishuPages.FillLeadAsync("同一投资方项目", investor, "C");
        await Expect(lishu.GetByTestId("lead-refused")).ToContainTextAsync("铁西区");
        await Expect(lishu).ToHaveURLAsync(new Regex("/leads/new$"));
        // The form was scrolled to its save button: back to the top, or the fixed app bar lands mid-picture.
        await lishu.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Artifacts.ScreenshotAsync(lishu, "lead-journey-refused.png");

        // The first county converts the lead into a project.
        await tiexi.GotoAsync(leadUrl);
        await tiexiShell.WaitForInteractiveAsync();
        await tiexi.GetByTestId("lead-convert").ClickAsync();
        await Expect(tiexi.GetByTestId("lead-status")).ToHaveTextAsync("转为项目");
        await Expect(tiexi.GetByTestId("lead-project")).ToBeVisibleAsync();
        await Artifacts.ScreenshotAsync(tiexi, "lead-journey-converted.png");

        // The source's yield: one lead and one project more.
        var after = await pages.SquadYieldAsync();
        Assert.Equal((before.Leads + 1, before.Projects + 1), after);
        await Artifacts.ScreenshotAsync(tiexi, "lead-journey-yield.png");
    }
}
