using InvestTrack.BrowserTests.Pages;
using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests;

public sealed class ProjectPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_county_user_creates_a_project_moves_its_stage_logs_progress_and_sees_the_timeline()
    {
        var code = $"BT{Guid.NewGuid():N}"[..12];
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync("tiexi");

        var form = await ProjectEditPage.OpenNewAsync(page);
        await form.Code.FillAsync(code);
        await form.Name.FillAsync("浏览器测试新能源装备项目");
        await form.PickCompanyAsync("比亚迪");
        await form.FillKeptAsync(form.Planned, "52000.5");
        var id = await form.SaveAndOpenAsync();

        var project = new ProjectPage(page);
        await new Shell(page).WaitForInteractiveAsync();
        await Expect(project.Title).ToHaveTextAsync("浏览器测试新能源装备项目");
        await Expect(page.GetByTestId("project-tier")).ToHaveTextAsync("亿元以上");
        await Expect(page.GetByTestId("project-origin")).ToContainTextAsync("省外");
        await Expect(project.Stage).ToHaveTextAsync("线索");

        await project.ChangeStageAsync("洽谈");
        await project.AddProgressAsync("赴深圳总部洽谈选址", "需协调工业用地指标", "下周报送项目建议书");

        await Expect(project.TimelineItems).ToHaveCountAsync(3);
        // Newest first: the progress note was recorded after the stage change, the same day.
        await Expect(project.TimelineItems.Nth(0)).ToContainTextAsync("赴深圳总部洽谈选址");
        await Expect(project.TimelineItems.Nth(1)).ToContainTextAsync("“线索” → “洽谈”");
        await Expect(project.TimelineItems.Nth(2)).ToContainTextAsync("登记为“线索”");
        await Expect(page.GetByTestId("time-in-stage")).ToContainTextAsync("洽谈");
        await Artifacts.ScreenshotAsync(page, "project-page.png");

        var stored = await fixture.App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var p = await db.Projects.AsNoTracking().SingleAsync(x => x.Id == id);
            return (p.Code, p.Stage, p.PlannedInvestment, Changes: await db.StageChanges.CountAsync(s => s.ProjectId == id),
                Progress: await db.ProgressEntries.CountAsync(e => e.ProjectId == id));
        });
        Assert.Equal((code, InvestTrack.Features.Projects.ProjectStage.Talks, 5_200_050L, 2, 1), stored);
    }

    [Fact]
    public async Task A_stale_edit_shows_the_message_and_keeps_what_the_user_typed()
    {
        var id = await fixture.App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects
            .Where(p => p.UnitId == sp.GetRequiredService<AppDbContext>().Units.Single(u => u.Code == "220302").Id).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync("tiexi");
        await page.GotoAsync($"/projects/{id}/edit");
        await shell.WaitForInteractiveAsync();
        var form = new ProjectEditPage(page);
        await Expect(form.Name).ToBeVisibleAsync();

        // Someone else saves first.
        await fixture.App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var p = await db.Projects.SingleAsync(x => x.Id == id);
            p.ContactPerson = "别人改的";
            return await db.SaveChangesAsync();
        });
        await form.Name.FillAsync("我刚输入的名称");
        await form.Save.ClickAsync();
        await Expect(page.GetByTestId("project-error")).ToHaveTextAsync("该项目已被他人修改，请刷新后重试。");
        await Expect(form.Name).ToHaveValueAsync("我刚输入的名称");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/projects/{id}/edit$"));
    }

    [Fact]
    public async Task A_leader_sees_the_project_page_without_any_edit_control()
    {
        var id = await fixture.App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var shell = await new LoginPage(page).SignInAsync("leader");
        await page.GotoAsync($"/projects/{id}");
        await shell.WaitForInteractiveAsync();
        var project = new ProjectPage(page);
        await Expect(project.Timeline).ToBeVisibleAsync();
        await Expect(project.ChangeStage).ToHaveCountAsync(0);
        await Expect(project.Edit).ToHaveCountAsync(0);
        // Every tab reads; none offers a change.
        foreach (var tab in new[] { "到位资金", "计划与节点", "进展", "材料", "变更记录" })
        {
            await project.OpenTabAsync(tab);
            await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^(保存|上报到位资金)") })).ToHaveCountAsync(0);
        }
        await project.OpenTabAsync("进展");
        await Expect(page.GetByTestId("project-progress")).ToBeVisibleAsync();
        await Expect(project.ProgressForm).ToHaveCountAsync(0);
        await project.OpenTabAsync("到位资金");
        await Expect(page.GetByTestId("project-funds")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("project-report-funds")).ToHaveCountAsync(0);
    }
}
