using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace InvestTrack.BrowserTests.Pages;

/// <summary>The project form (/projects/new, /projects/{id}/edit).</summary>
public sealed partial class ProjectEditPage(IPage page)
{
    public ILocator Code => page.GetByTestId("project-code");
    public ILocator Name => page.GetByTestId("project-name-input");
    public ILocator Company => page.GetByTestId("project-company");
    public ILocator Planned => page.GetByTestId("project-planned");
    public ILocator Save => page.GetByTestId("project-save");

    public static async Task<ProjectEditPage> OpenNewAsync(IPage page)
    {
        await page.GotoAsync("/projects/new");
        await new Shell(page).WaitForInteractiveAsync();
        var form = new ProjectEditPage(page);
        await Expect(form.Code).ToBeVisibleAsync();
        return form;
    }

    /// <summary>Types part of a company name and picks the first match from the list.</summary>
    public async Task PickCompanyAsync(string text)
    {
        await Company.ClickAsync();
        await Company.PressSequentiallyAsync(text, new() { Delay = 50 });
        var option = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = text }).First;
        await Expect(option).ToBeVisibleAsync();
        await option.ClickAsync();
    }

    /// <summary>Saves and waits for the project page of the new record; returns its id.</summary>
    /// <summary>
    /// Types a field and checks that it kept the value: on a loaded machine the re-render after the investor
    /// was picked can replace the input and drop what was typed into it (seen on CI).
    /// </summary>
    public async Task FillKeptAsync(ILocator field, string value)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await field.FillAsync(value);
            await page.Keyboard.PressAsync("Tab");
            await page.WaitForTimeoutAsync(300);
            if (await field.InputValueAsync() == value) return;
        }
        await Expect(field).ToHaveValueAsync(value);
    }

    public async Task<int> SaveAndOpenAsync()
    {
        // Leave the last field first, so that its change reaches the circuit before the save; a loaded
        // CI machine may need longer than the default for the save and the navigation.
        await page.Keyboard.PressAsync("Tab");
        await Save.ClickAsync();
        await Expect(page).ToHaveURLAsync(ProjectUrl(), new() { Timeout = 40_000 });
        return int.Parse(ProjectUrl().Match(page.Url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"/projects/(\d+)$")] private static partial Regex ProjectUrl();
}

/// <summary>The project page (/projects/{id}): fields, stage change, progress, timeline.</summary>
public sealed class ProjectPage(IPage page)
{
    public ILocator Title => page.GetByTestId("project-name");
    public ILocator Stage => page.GetByTestId("project-stage");
    public ILocator ChangeStage => page.GetByTestId("project-change-stage");
    public ILocator Edit => page.GetByTestId("project-edit");
    public ILocator Timeline => page.GetByTestId("project-timeline");
    public ILocator TimelineItems => page.GetByTestId("timeline-item");
    public ILocator ProgressForm => page.GetByTestId("progress-form");

    /// <summary>Opens the stage dialog, picks the stage, applies and confirms.</summary>
    public async Task ChangeStageAsync(string stageName)
    {
        await ChangeStage.ClickAsync();
        var to = page.GetByTestId("stage-to");
        await to.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = stageName, Exact = true }).ClickAsync();
        await page.GetByTestId("stage-apply").ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog).Filter(new() { HasText = "确认将项目从" });
        await Expect(confirm).ToBeVisibleAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "确认变更" }).ClickAsync();
        await Expect(Stage).ToHaveTextAsync(stageName);
    }

    /// <summary>Opens a tab of the project page (概况, 到位资金, 计划与节点, 进展, 材料, 变更记录).</summary>
    public async Task OpenTabAsync(string name)
    {
        var tab = page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true });
        await tab.ClickAsync();
        await Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
    }

    /// <summary>Adds a progress note on the 进展 tab, sees it listed there, and comes back to the overview and its timeline.</summary>
    public async Task AddProgressAsync(string what, string problems, string next)
    {
        await OpenTabAsync("进展");
        await page.GetByTestId("progress-what").FillAsync(what);
        await page.GetByTestId("progress-problems").FillAsync(problems);
        await page.GetByTestId("progress-next").FillAsync(next);
        await page.GetByTestId("progress-save").ClickAsync();
        await Expect(page.GetByTestId("project-progress")).ToContainTextAsync(what);
        await OpenTabAsync("概况");
        await Expect(Timeline).ToContainTextAsync(what);
    }
}
