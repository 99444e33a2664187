using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Audit;

/// <summary>The auditor's view of the trail: filters, keyset paging, refusals, and the read itself audited.</summary>
public abstract class AuditTrailTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task Pages_are_newest_first_and_do_not_overlap()
    {
        var client = await App.SignInAsync("auditor");
        var first = await client.GetFromJsonAsync<AuditResultPage>("/api/audit?pageSize=3");
        Assert.Equal(3, first!.Rows.Count);
        Assert.Equal(first.Rows.Select(r => r.Id).OrderDescending(), first.Rows.Select(r => r.Id));
        Assert.Equal(first.Rows[^1].Id, first.NextBefore);
        var second = await client.GetFromJsonAsync<AuditResultPage>($"/api/audit?pageSize=3&before={first.NextBefore}");
        Assert.NotEmpty(second!.Rows);
        Assert.All(second.Rows, r => Assert.True(r.Id < first.Rows[^1].Id));
        var all = await client.GetFromJsonAsync<AuditResultPage>($"/api/audit?pageSize={AuditQueries.MaxPageSize}&action=NoSuchAction");
        Assert.Empty(all!.Rows);
        Assert.Null(all.NextBefore);
    }

    [Fact]
    public async Task Filters_by_action_user_object_and_result()
    {
        await App.SignInAsync("city");
        var client = await App.SignInAsync("auditor");
        var page = await client.GetFromJsonAsync<AuditResultPage>("/api/audit?action=SignIn&user=city&objectType=AppUser&result=Success");
        Assert.NotEmpty(page!.Rows);
        Assert.All(page.Rows, r => Assert.True(r is { Action: "SignIn", UserName: "city", ObjectType: "AppUser", Result: "Success" }, r.ToString()));
        var byId = await client.GetFromJsonAsync<AuditResultPage>($"/api/audit?objectType=AppUser&objectId={page.Rows[0].ObjectId}");
        Assert.All(byId!.Rows, r => Assert.Equal(page.Rows[0].ObjectId, r.ObjectId));
    }

    [Fact]
    public async Task Date_range_is_in_China_time_with_both_days_included()
    {
        var type = "TzProbe" + Guid.NewGuid().ToString("N")[..8];
        // 16:30 UTC on 1 January is 00:30 on 2 January in China.
        await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.AuditEntries.Add(new AuditEntry { Action = "Probe", ObjectType = type, OccurredAt = new DateTimeOffset(2026, 1, 1, 16, 30, 0, TimeSpan.Zero) });
            return await db.SaveChangesAsync();
        });
        var client = await App.SignInAsync("auditor");
        async Task<int> CountAsync(string range) =>
            (await client.GetFromJsonAsync<AuditResultPage>($"/api/audit?objectType={type}&{range}"))!.Rows.Count;
        Assert.Equal(1, await CountAsync("from=2026-01-02&to=2026-01-02"));
        Assert.Equal(0, await CountAsync("to=2026-01-01"));
        Assert.Equal(0, await CountAsync("from=2026-01-03"));
        Assert.Equal(1, await CountAsync("from=2025-12-31"));
        Assert.Equal(1, await CountAsync("from=0001-01-01&to=9999-12-31"));
    }

    [Fact]
    public async Task Every_read_is_itself_audited_with_the_filter()
    {
        var client = await App.SignInAsync("auditor");
        var marker = "marker" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/audit?objectId={marker}&pageSize=7")).StatusCode);
        var reads = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditQueries.ReadAction && a.NewValues!.Contains(marker)).ToListAsync());
        var read = Assert.Single(reads);
        Assert.Equal("auditor", read.UserName);
        Assert.Equal(Roles.Auditor, read.Role);
        Assert.Equal("Success", read.Result);
        using var filter = JsonDocument.Parse(read.NewValues!);
        Assert.Equal(marker, filter.RootElement.GetProperty("ObjectId").GetString());
        Assert.Equal(7, filter.RootElement.GetProperty("PageSize").GetInt32());
    }

    [Theory]
    [InlineData("city")]
    [InlineData("admin")]
    [InlineData("leader")]
    [InlineData("tiexi")]
    public async Task Other_roles_may_not_read_the_trail(string userName)
    {
        var client = await App.SignInAsync(userName);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/audit")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/audit")).StatusCode);
    }

    [Fact]
    public async Task The_service_refuses_and_audits_a_read_by_another_role()
    {
        var principal = await App.AsSystemAsync(async sp =>
        {
            var user = await sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync("city");
            return await sp.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user!);
        });
        var marker = "refused" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(principal, "203.0.113.9");
            var queries = scope.ServiceProvider.GetRequiredService<AuditQueries>();
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => queries.SearchAsync(new AuditFilter(ObjectId: marker)));
        }
        var refused = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .SingleAsync(a => a.Action == AuditQueries.ReadAction && a.NewValues!.Contains(marker)));
        Assert.Equal("Refused", refused.Result);
        Assert.Equal("city", refused.UserName);
    }

    [Fact]
    public async Task The_audit_page_renders_for_the_auditor()
    {
        var client = await App.SignInAsync("auditor");
        var response = await client.GetAsync("/audit");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("审计日志", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_detail_lines_up_old_and_new_values_field_by_field()
    {
        var fields = AuditDiff.Fields("""{"Name":"旧名","Stage":1,"Tags":["a"]}""", """{"Name":"新名","Stage":1,"Extra":null}""");
        Assert.Equal(["Extra", "Name", "Stage", "Tags"], fields.Select(f => f.Field));
        var name = fields.Single(f => f.Field == "Name");
        Assert.Equal("旧名", name.Old);
        Assert.Equal("新名", name.New);
        Assert.True(name.Changed);
        Assert.False(fields.Single(f => f.Field == "Stage").Changed);
        Assert.Null(fields.Single(f => f.Field == "Extra").Old);
        Assert.Contains("\n", fields.Single(f => f.Field == "Tags").Old, StringComparison.Ordinal);
        Assert.Equal([new AuditFieldChange("", null, "not json")], AuditDiff.Fields(null, "not json"));
    }
}

[Collection("postgres")]
public sealed class PostgresAuditTrailTests(PostgresFixture fixture) : AuditTrailTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteAuditTrailTests(SqliteFixture fixture) : AuditTrailTests(fixture), IClassFixture<SqliteFixture>;
