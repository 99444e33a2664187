using System.Globalization;
using System.Net;
using System.Security.Claims;
using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Leads;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Statistics;
using InvestTrack.Features.Targets;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Companies;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>
/// docs/security.md 4–6: the access matrix walked both ways. For every role and every operation, the demo
/// user of that role is allowed exactly when <see cref="AccessPolicy.Allows"/> says so — by the
/// authorization policy, and for real: over HTTP where the operation has a page or an endpoint to read,
/// else by doing it through its service (and then it either happened, or nothing changed).
/// </summary>
public abstract class AccessMatrixTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    /// <summary>
    /// How an operation is tried: GET <see cref="Path"/> (an API answers 200 or 403; a page 200 or a redirect away),
    /// or <see cref="Attempt"/>, which does it as the named user and says whether it happened.
    /// </summary>
    private sealed record Representative(string? Path, Func<TestApp, string, Task<bool>>? Attempt = null);

    /// <summary>
    /// One representative per operation, each walked for real; a new Operation without an entry fails
    /// <see cref="Every_operation_has_a_representative_check_and_a_place_in_the_matrix"/>.
    /// </summary>
    private static readonly Dictionary<Operation, Representative> Representatives = new()
    {
        [Operation.ViewRecords] = new("/api/projects"),
        [Operation.ReadAuditTrail] = new("/api/audit"),
        [Operation.ManageUsers] = new("/admin/users"),
        [Operation.EditRecords] = new(null, CreateProjectAsync),
        [Operation.ExportRecords] = new("/api/companies/export"),
        [Operation.ManageReferenceData] = new("/admin/units"),
        [Operation.AuditFunds] = new("/api/funds/queue"),
        [Operation.LockMonths] = new("/api/funds/locks"),
        [Operation.MoveProjects] = new(null, MoveProjectAsync),
        [Operation.MergeCompanies] = new(null, MergeCompaniesAsync),
        [Operation.SetTargets] = new(null, SetTargetAsync),
        [Operation.EditReportTemplates] = new(null, EditDispatchTemplateAsync),
        [Operation.ArbitrateLeads] = new("/api/leads/conflicts"),
        [Operation.ManageCalendar] = new(null, SetHolidayAsync),
        [Operation.ManagePlans] = new("/api/plans/adjustments"),
        [Operation.ManageAssessment] = new("/api/assessment/adjustments"),
        [Operation.ManageJobs] = new("/api/jobs"),
        [Operation.SuperviseDispatch] = new("/api/problems/departments"),
        [Operation.ManageWarnings] = new("/api/warnings/settings"),
        [Operation.ManageBulletins] = new("/api/bulletins/drafts"),
        [Operation.IssueOrders] = new("/api/orders/next-number"),
        [Operation.ManageAccountSecurity] = new("/admin/account-security"),
        [Operation.UnmaskPersonalData] = new(null, UnmaskContactPhoneAsync),
        [Operation.RevokeApiTokens] = new("/api/admin/tokens"),
    };

    public static TheoryData<string> AllRoles() => [.. Roles.All];

    [Fact]
    public void Every_operation_has_a_representative_check_and_a_place_in_the_matrix()
    {
        Assert.Equal(Enum.GetValues<Operation>().Order(), Representatives.Keys.Order());
        foreach (var (operation, representative) in Representatives)
            Assert.True(representative.Path is not null || representative.Attempt is not null, $"{operation} is not walked for real");
        Assert.Equal(Roles.All.Order(), AccessPolicy.Matrix.Keys.Order());
        foreach (var operation in Enum.GetValues<Operation>())
            Assert.True(Roles.All.Any(r => AccessPolicy.Allows(r, operation)), $"{operation} is allowed to no role: it is missing from the matrix");
        foreach (var role in Roles.All)
            Assert.Contains(DemoData.Users, u => u.Role == role);
    }

    [Fact]
    public void Admin_and_auditor_roles_are_exclusive_of_business_operations()
    {
        Operation[] business = [Operation.ViewRecords, Operation.EditRecords, Operation.ExportRecords];
        foreach (var operation in business.Append(Operation.ReadAuditTrail))
            Assert.False(AccessPolicy.Allows(Roles.SystemAdmin, operation), $"system admin may {operation}");
        foreach (var operation in Enum.GetValues<Operation>().Where(o => o != Operation.ReadAuditTrail))
            Assert.False(AccessPolicy.Allows(Roles.Auditor, operation), $"auditor may {operation}");
        Assert.False(AccessPolicy.Allows(Roles.Leader, Operation.EditRecords));
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Policies_allow_exactly_what_the_matrix_allows(string role)
    {
        var principal = await PrincipalOfAsync(DemoUserOf(role));
        Assert.Equal(role, principal.FindFirstValue(ClaimTypes.Role));
        var authorization = App.Services.GetRequiredService<IAuthorizationService>();
        foreach (var operation in Enum.GetValues<Operation>())
        {
            var result = await authorization.AuthorizeAsync(principal, null, operation.ToString());
            Assert.True(AccessPolicy.Allows(role, operation) == result.Succeeded,
                $"{role} × {operation}: policy {(result.Succeeded ? "allowed" : "refused")}, matrix says {AccessPolicy.ScopeOf(role, operation)}");
        }
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Endpoints_allow_exactly_what_the_matrix_allows(string role)
    {
        var client = await App.SignInAsync(DemoUserOf(role));
        var mapped = MappedRoutes();
        foreach (var (operation, representative) in Representatives)
        {
            if (representative.Path is not { } path) continue;
            Assert.True(mapped.Contains(path), $"{operation}: no endpoint at {path}");
            var response = await client.GetAsync(path);
            var allowed = response.StatusCode == HttpStatusCode.OK;
            var expected = AccessPolicy.Allows(role, operation);
            Assert.True(expected == allowed, $"{role} × {operation} via GET {path}: {(int)response.StatusCode} {response.Headers.Location}, expected {(expected ? "allowed" : "refused")}");
            if (!allowed)
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Redirect,
                    $"{role} × {operation}: refused with {(int)response.StatusCode}");
        }
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Operations_done_through_their_services_are_allowed_exactly_as_the_matrix_says(string role)
    {
        var user = DemoUserOf(role);
        foreach (var (operation, representative) in Representatives)
        {
            if (representative.Attempt is not { } attempt) continue;
            var allowed = await attempt(App, user);
            var expected = AccessPolicy.Allows(role, operation);
            Assert.True(expected == allowed, $"{role} × {operation} done as {user}: {(allowed ? "allowed" : "refused")}, expected {(expected ? "allowed" : "refused")}");
        }
    }

    private static string DemoUserOf(string role) => DemoData.Users.First(u => u.Role == role).UserName;

    private static string UnitCodeOf(string user) => DemoData.Users.Single(u => u.UserName == user).UnitCode;

    /// <summary>Runs the attempt as the user; a refusal by the guard (an exception) counts as "not done".</summary>
    private static async Task<T?> TryAsUserAsync<T>(TestApp app, string user, Func<IServiceProvider, Task<T>> work) where T : class
    {
        try
        {
            return await app.AsUserAsync(user, work);
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>EditRecords: a new project in the user's own unit.</summary>
    private static async Task<bool> CreateProjectAsync(TestApp app, string user)
    {
        var form = await app.NewFormAsync(UnitCodeOf(user));
        var result = await TryAsUserAsync(app, user, sp => ProjectTestSupport.Service(sp).CreateAsync(form));
        var done = result is { Ok: true };
        Assert.Equal(done ? 1 : 0, await app.CountByCodeAsync(form.Code));
        return done;
    }

    /// <summary>MoveProjects: a project of the user's own unit (the city's for city-level users) moved to another county.</summary>
    private static async Task<bool> MoveProjectAsync(TestApp app, string user)
    {
        var own = UnitCodeOf(user);
        var project = await app.CreateProjectAsync("city", own);
        var form = ProjectTestSupport.FormOf(project);
        form.UnitId = await app.UnitIdAsync(own == ProjectTestSupport.Tiexi ? ProjectTestSupport.Lishu : ProjectTestSupport.Tiexi);
        var result = await TryAsUserAsync(app, user, sp => ProjectTestSupport.Service(sp).UpdateAsync(project.Id, form));
        var done = result is { Ok: true };
        Assert.Equal(done ? form.UnitId : project.UnitId, (await app.ProjectAsync(project.Id)).UnitId);
        return done;
    }

    /// <summary>MergeCompanies: the duplicate scan, then a merge of two fresh companies; both or neither.</summary>
    private static async Task<bool> MergeCompaniesAsync(TestApp app, string user)
    {
        var suffix = AdminTestSupport.Unique();
        var keep = await app.CreateAsync(CompanyTestSupport.Form($"矩阵保留公司{suffix}"));
        var remove = await app.CreateAsync(CompanyTestSupport.Form($"矩阵并入公司{suffix}"));
        var scanned = await TryAsUserAsync(app, user, sp => sp.GetRequiredService<CompanyDuplicates>().ScanAsync()) is not null;
        var merged = await TryAsUserAsync(app, user, sp => sp.GetRequiredService<CompanyMerge>().MergeAsync(keep.Id, remove.Id)) is { Ok: true };
        Assert.Equal(scanned, merged);
        Assert.Equal(merged, await app.LoadCompanyAsync(remove.Id) is null);
        return merged;
    }

    /// <summary>UnmaskPersonalData: the full phone of a contact of the citywide company directory, through the service that the Show button and the API call.</summary>
    private static async Task<bool> UnmaskContactPhoneAsync(TestApp app, string user)
    {
        var form = CompanyTestSupport.Form($"矩阵联系人公司{AdminTestSupport.Unique()}");
        form.Contacts.Add(new ContactForm { Name = "联系人", Phone = "13912340000" });
        var company = await app.CreateAsync(form);
        var request = new Features.Privacy.UnmaskRequest(Features.Privacy.PersonalKind.CompanyContact, company.Contacts.Single().Id, Features.Privacy.PersonalField.Phone);
        var answer = await TryAsUserAsync(app, user, async sp => await sp.GetRequiredService<Features.Privacy.UnmaskService>().UnmaskAsync(request) ?? new Features.Privacy.UnmaskAnswer("not found"));
        if (answer is not null) Assert.Equal("13912340000", answer.Value);
        return answer is not null;
    }

    /// <summary>SetTargets: the whole city's signing target of a year no other test uses, raised by one.</summary>
    private static async Task<bool> SetTargetAsync(TestApp app, string user)
    {
        const int year = 2100;
        Task<AnnualTarget?> StoredAsync() => app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AnnualTargets.AsNoTracking()
            .SingleOrDefaultAsync(t => t.Year == year && t.UnitId == null && t.Indicator == TargetIndicator.Signings));
        var before = await StoredAsync();
        var value = (before?.Value ?? 0) + 1;
        var result = await TryAsUserAsync(app, user, sp => sp.GetRequiredService<TargetService>()
            .SaveAsync(year, null, TargetIndicator.Signings, value.ToString(CultureInfo.InvariantCulture), before?.Version));
        var done = result is { Ok: true };
        Assert.Equal(done ? value : before?.Value, (await StoredAsync())?.Value);
        return done;
    }

    /// <summary>EditReportTemplates: the dispatch wording in force saved again, under the user's name.</summary>
    private static async Task<bool> EditDispatchTemplateAsync(TestApp app, string user)
    {
        var before = await app.AsSystemAsync(sp => sp.GetRequiredService<DispatchTemplates>().GetAsync());
        var result = await TryAsUserAsync(app, user, sp => sp.GetRequiredService<DispatchTemplates>().SaveAsync(new DispatchTemplateForm(before.Text, before.Version)));
        var done = result is { Ok: true };
        var after = await app.AsSystemAsync(sp => sp.GetRequiredService<DispatchTemplates>().GetAsync());
        Assert.Equal(done ? user : before.UpdatedBy, after.UpdatedBy);
        Assert.Equal(done, after.Version != before.Version);
        return done;
    }

    /// <summary>ManageCalendar: a day off set in the holiday calendar, named after the user.</summary>
    private static async Task<bool> SetHolidayAsync(TestApp app, string user)
    {
        var date = new DateOnly(2031, 1, 2);
        var result = await TryAsUserAsync(app, user, sp => sp.GetRequiredService<HolidayCalendar>()
            .SetAsync(new HolidayForm { Date = date, Kind = HolidayKind.DayOff, Name = user }));
        var done = result is { Ok: true };
        var stored = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().HolidayDates.AsNoTracking().SingleOrDefaultAsync(h => h.Date == date));
        if (done) Assert.Equal(user, stored?.Name);
        else Assert.NotEqual(user, stored?.Name);
        return done;
    }

    private HashSet<string> MappedRoutes() =>
        [.. App.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").Trim('/'))];

    private Task<ClaimsPrincipal> PrincipalOfAsync(string userName) => App.AsSystemAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        return await sp.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
    });
}

[Collection("postgres")]
public sealed class PostgresAccessMatrixTests(PostgresFixture fixture) : AccessMatrixTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteAccessMatrixTests(SqliteFixture fixture) : AccessMatrixTests(fixture), IClassFixture<SqliteFixture>;
