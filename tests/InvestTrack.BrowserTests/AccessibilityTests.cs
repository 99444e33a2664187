using InvestTrack.BrowserTests.Pages;
using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.BrowserTests;

/// <summary>
/// Issue 13, item 13: axe-core finds no serious or critical violation (WCAG 2.1 A and AA) on any page, for each role
/// that opens it, in Chinese and in English.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<(int Project, int Company, int Lead, int Activity)> IdsAsync() =>
        await fixture.App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.Projects.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(), await db.Companies.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(),
                await db.Leads.OrderBy(l => l.Id).Select(l => l.Id).FirstAsync(), await db.Activities.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        });

    [Fact]
    public async Task Every_page_is_free_of_serious_accessibility_violations()
    {
        var (project, company, lead, activity) = await IdsAsync();
        var pages = new (string User, string[] Paths)[]
        {
            ("city",
            [
                "/", "/projects", "/projects/new", $"/projects/{project}", $"/projects/{project}/edit", $"/projects/{project}/funds", "/companies",
                $"/companies/{company}", "/companies/duplicates", "/funds", "/funds/new", "/funds/audit", "/leads", "/leads/new", $"/leads/{lead}", "/leads/conflicts",
                "/leads/holidays", "/leads/clock-rules", "/leads/yield", "/activities", "/activities/new", $"/activities/{activity}", "/reports/activities",
                "/events", "/talents", "/workstations", "/agencies", "/talent-retention", "/dashboard", "/dashboard/leads", "/reports/dispatch", "/targets",
                "/warnings", "/warnings/settings", "/orders", "/orders/new", "/weekly-dispatch", "/problems", "/plans/templates", "/plans/adjustments",
                "/assessment/schemes", "/assessment/rankings", "/bulletins", "/import", "/inbox", "/search?q=项目", "/help/funds", "/help/rules/statistics.md",
                "/no-such-page",
            ]),
            ("admin", ["/admin/users", "/admin/units", "/admin/jobs", "/admin/catalogs", "/account/tokens"]),
            ("security", ["/admin/account-security"]),
            ("auditor", ["/audit"]),
            ("tiexi", ["/", "/projects", "/funds", "/weekly-dispatch", "/leads/mine", "/admin/users", "/account/tokens"]),
        };
        var found = new List<string>();
        await using (var anonymous = await fixture.NewContextAsync(BrowserFixture.Desktop))
        {
            var page = await anonymous.NewPageAsync();
            await page.GotoAsync("/account/login");
            found.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"/account/login: {v}"));
            // The password change is a static page too (a form posted to the server), reached after signing in.
            await new LoginPage(page).SignInAsync("leader");
            await page.GotoAsync("/account/change-password");
            found.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"/account/change-password: {v}"));
            // So is the two-step verification page (QR code, secret, code form).
            await page.GotoAsync("/account/security");
            found.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"/account/security: {v}"));
        }
        // One sign-in per role: its pages in Chinese, then the same pages in English (the user's own language setting).
        foreach (var (user, paths) in pages)
        {
            await using var context = await fixture.NewContextAsync(BrowserFixture.Desktop);
            var page = await context.NewPageAsync();
            var shell = await new LoginPage(page).SignInAsync(user);
            try
            {
                foreach (var language in new[] { "zh", "en" })
                {
                    await shell.UseLanguageAsync(language);
                    foreach (var path in paths)
                    {
                        var response = await page.GotoAsync(path);
                        // The status pages (404, 403) are rendered statically: there is no circuit to wait for.
                        if (response!.Status == 200) await shell.WaitForInteractiveAsync();
                        else await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
                        found.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => $"{language} {user} {path}: {v}"));
                    }
                    await page.GotoAsync("/");
                }
            }
            finally
            {
                await page.GotoAsync("/");
                await shell.UseLanguageAsync("zh");
            }
        }
        Assert.True(found.Count == 0, $"{found.Count} violations:\n" + string.Join("\n", found));
    }
}
