using System.Net;
using System.Security.Claims;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>
/// docs/security.md 4–6: the access matrix walked both ways. For every role and every operation, the demo
/// user of that role is allowed exactly when <see cref="AccessPolicy.Allows"/> says so — by the
/// authorization policy, and over HTTP where the operation has an endpoint.
/// </summary>
public abstract class AccessMatrixTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    /// <summary>How an operation is tried over HTTP: an API answers 200 or 403; a page 200 or a redirect away.</summary>
    private sealed record Representative(string? Path);

    /// <summary>
    /// One representative per operation; a new Operation without an entry fails
    /// <see cref="Every_operation_has_a_representative_check_and_a_place_in_the_matrix"/>.
    /// Operations with no endpoint yet are checked through their policy only.
    /// </summary>
    private static readonly Dictionary<Operation, Representative> Representatives = new()
    {
        [Operation.ViewRecords] = new("/api/projects"),
        [Operation.ReadAuditTrail] = new("/api/audit"),
        [Operation.ManageUsers] = new("/admin/users"),
        [Operation.EditRecords] = new(null),
        [Operation.ExportRecords] = new(null),
        [Operation.ManageReferenceData] = new(null),
        [Operation.AuditFunds] = new("/api/funds/queue"),
        [Operation.LockMonths] = new("/api/funds/locks"),
    };

    public static TheoryData<string> AllRoles() => [.. Roles.All];

    [Fact]
    public void Every_operation_has_a_representative_check_and_a_place_in_the_matrix()
    {
        Assert.Equal(Enum.GetValues<Operation>().Order(), Representatives.Keys.Order());
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

    private static string DemoUserOf(string role) => DemoData.Users.First(u => u.Role == role).UserName;

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
