using System.Reflection;
using System.Text.RegularExpressions;
using InvestTrack.BrowserTests.Pages;
using InvestTrack.Data;
using InvestTrack.Features.WeeklyDispatch;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvestTrack.BrowserTests;

/// <summary>
/// Issue 13: every page of the app (every @page route, found by reflection, so that a new page is swept without a word here),
/// in Chinese and in English, as a role that may open it, at a laptop (1366×768), an office monitor (1440×900) and a wall
/// display (1920×1080): nothing wider than the window, and a picture of each at the two larger sizes under
/// artifacts/screenshots/sweep/&lt;lang&gt;-&lt;width&gt;-&lt;page&gt;.png for people to look at. One browser, one sign-in per role,
/// each page opened once per language and measured at the three sizes.
/// </summary>
public sealed partial class ScreenshotSweepTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly (int Width, int Height)[] Sizes = [(1366, 768), (1440, 900), (1920, 1080)];

    /// <summary>Pictures at these widths; the laptop is measured only (the pictures would double the sweep's time).</summary>
    private static readonly int[] Pictured = [1440, 1920];

    /// <summary>Who opens a page of this policy: the system admin its pages, the auditor the trail, the security admin the accounts, city staff the rest.</summary>
    private static string UserFor(string? policy) => policy switch
    {
        nameof(Operation.ManageUsers) or nameof(Operation.ManageReferenceData) or nameof(Operation.ManageJobs) => "admin",
        nameof(Operation.ReadAuditTrail) => "auditor",
        nameof(Operation.ManageAccountSecurity) => "security",
        _ => "city",
    };

    /// <summary>
    /// Every routed page of the app with its policy; the sign-in pages (password, its change, the second factor) and the
    /// error pages are static and have their own tests.
    /// </summary>
    private static IEnumerable<(string Template, string? Policy)> Routes() => typeof(Program).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<AllowAnonymousAttribute>() is null)
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, t.GetCustomAttribute<AuthorizeAttribute>()?.Policy)))
        .Where(r => r.Template is not ("/account/change-password" or "/account/security"))
        .OrderBy(r => r.Template, StringComparer.Ordinal);

    /// <summary>The address of a route: its parameters filled with records of the demo city.</summary>
    private static string Address(string template, IReadOnlyDictionary<string, string> ids)
    {
        var path = RouteParameter().Replace(template, m => m.Groups[1].Value switch
        {
            "Id" => ids.GetValueOrDefault(template.Split('/')[1], "1"),
            "UnitId" => ids["unit"],
            "Week" => ids["week"],
            "Year" => ids["year"],
            "Month" => ids["month"],
            "Topic" => "funds",
            "*Path" => "statistics.md",
            var name => throw new InvalidOperationException($"the sweep has no value for {{{name}}} of {template}"),
        });
        return path == "/search" ? "/search?q=项目" : path;
    }

    [GeneratedRegex(@"\{([*A-Za-z]+)(?::[a-z]+)?\}")]
    private static partial Regex RouteParameter();

    private Task<Dictionary<string, string>> IdsAsync() => fixture.App.AsSystemAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        await SeedOrderAndProblemAsync(db);
        async Task<string> First<T>(IQueryable<T> ids) => (await ids.FirstOrDefaultAsync())?.ToString() ?? "1";
        var lastMonth = ChinaTime.Today(TimeProvider.System).AddMonths(-1);
        return new Dictionary<string, string>
        {
            ["projects"] = await First(db.Projects.OrderBy(p => p.Id).Select(p => p.Id)),
            ["companies"] = await First(db.Companies.OrderBy(c => c.Id).Select(c => c.Id)),
            ["leads"] = await First(db.Leads.OrderBy(l => l.Id).Select(l => l.Id)),
            ["activities"] = await First(db.Activities.OrderBy(a => a.Id).Select(a => a.Id)),
            ["events"] = await First(db.NetworkEvents.OrderBy(e => e.Id).Select(e => e.Id)),
            ["talents"] = await First(db.TalentPeople.OrderBy(t => t.Id).Select(t => t.Id)),
            ["workstations"] = await First(db.TalentWorkstations.OrderBy(w => w.Id).Select(w => w.Id)),
            ["agencies"] = await First(db.InvestmentAgencies.OrderBy(a => a.Id).Select(a => a.Id)),
            ["orders"] = await First(db.SupervisionOrders.OrderBy(o => o.Id).Select(o => o.Id)),
            ["problems"] = await First(db.CoordinationProblems.OrderBy(p => p.Id).Select(p => p.Id)),
            ["unit"] = await First(db.Units.Where(u => u.Code == "220302").Select(u => u.Id)),
            ["week"] = WeeklyDispatchWeek.Current(TimeProvider.System).ToString(),
            ["year"] = lastMonth.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["month"] = lastMonth.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    });

    /// <summary>The demo city has no supervision order and no coordination problem: one of each, so that their pages show a record.</summary>
    private static async Task SeedOrderAndProblemAsync(AppDbContext db)
    {
        var unit = await db.Units.Where(u => u.Code == "220302").Select(u => u.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var today = ChinaTime.Today(TimeProvider.System);
        if (!await db.SupervisionOrders.AnyAsync())
            db.SupervisionOrders.Add(new Features.SupervisionOrders.SupervisionOrder
            {
                Year = 2003, Number = 1, UnitId = unit, Problem = "截图巡检：项目开工节点滞后，用地手续和施工许可长期未能办结，需要市直部门协调解决",
                PlanDueOn = today.AddDays(10), FixDueOn = today.AddDays(30), Status = Features.SupervisionOrders.OrderStatus.Issued, IssuedBy = "city",
                IssuedAt = now, UpdatedAt = now,
            });
        if (!await db.CoordinationProblems.AnyAsync())
        {
            var project = await db.Projects.Where(p => p.UnitId == unit).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            var week = WeeklyDispatchWeek.Current(TimeProvider.System).Monday.AddDays(-7);
            var dispatch = new WeeklyDispatchRecord { UnitId = unit, WeekStart = week, Status = WeeklyDispatchStatus.Submitted, SubmittedAt = now, SubmittedBy = "tiexi", CreatedAt = now, UpdatedAt = now };
            db.WeeklyDispatches.Add(dispatch);
            await db.SaveChangesAsync();
            db.CoordinationProblems.Add(new CoordinationProblem
            {
                UnitId = unit, ProjectId = project, DispatchId = dispatch.Id, RaisedWeek = week, Text = "截图巡检：施工用电接入需要供电公司协调", Status = CoordinationProblemStatus.Open, CreatedAt = now,
            });
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Every_page_fits_every_window_in_both_languages_and_is_pictured()
    {
        var ids = await IdsAsync();
        var routes = Routes().GroupBy(r => UserFor(r.Policy)).ToList();
        Assert.True(routes.Sum(g => g.Count()) > 50, "the sweep found too few pages: has routing changed?");
        var folder = Path.Combine(Artifacts.ScreenshotFolder, "sweep");
        Directory.CreateDirectory(folder);
        var problems = new List<string>();
        var visited = 0;
        foreach (var group in routes)
        {
            await using var context = await fixture.NewContextAsync(BrowserFixture.Desktop);
            var page = await context.NewPageAsync();
            var shell = await new LoginPage(page).SignInAsync(group.Key);
            try
            {
                foreach (var language in new[] { "zh", "en" })
                {
                    await page.SetViewportSizeAsync(1440, 900);
                    await page.GotoAsync("/");
                    await shell.UseLanguageAsync(language);
                    foreach (var (template, _) in group)
                    {
                        var address = Address(template, ids);
                        var response = await page.GotoAsync(address);
                        if (response!.Status == 200) await shell.WaitForInteractiveAsync();
                        else problems.Add($"{language} {group.Key} {address}: answered {response.Status}");
                        // Measured once the lists have their rows and the charts are drawn, not while they load.
                        await page.WaitForFunctionAsync("""
                            () => document.querySelectorAll('.list-frame .mud-progress-linear, .mud-table-loading').length === 0
                              && [...document.querySelectorAll('.echart')].every(e => e.querySelector('canvas, svg'))
                            """);
                        visited++;
                        var name = Slug().Replace(Constraint().Replace(template, ""), "-").Trim('-') is { Length: > 0 } slug ? slug : "home";
                        foreach (var (width, height) in Sizes)
                        {
                            await page.SetViewportSizeAsync(width, height);
                            var wide = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                            if (wide > width) problems.Add($"{language} {width}×{height} {address}: {wide} px wide");
                            if (Pictured.Contains(width)) await Artifacts.ScreenshotAsync(page, Path.Combine("sweep", $"{language}-{width}-{name}.png"), fullPage: false);
                        }
                    }
                }
            }
            finally
            {
                await page.GotoAsync("/");
                await shell.UseLanguageAsync("zh");
            }
        }
        Assert.True(problems.Count == 0, $"{problems.Count} problems of {visited} page visits:\n" + string.Join("\n", problems));
    }

    [GeneratedRegex(@"[^A-Za-z0-9]+")]
    private static partial Regex Slug();

    /// <summary>A route parameter's constraint (:int), left out of the picture's name.</summary>
    [GeneratedRegex(@":[a-z]+")]
    private static partial Regex Constraint();
}
