using System.Net;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>
/// Refused access is audited with who, what and from where (docs/security.md 18): a 404 — also the answer for another
/// unit's record — and a 403, over the API and on pages; a scan leaves a bounded number of entries.
/// </summary>
public abstract class RefusalAuditTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private Task<List<AuditEntry>> RefusalsAsync(string userName) => App.AsSystemAsync(sp =>
        sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.UserName == userName && a.Action == "Refused" && a.ObjectType == RefusalAudit.ObjectType).OrderBy(a => a.Id).ToListAsync());

    /// <summary>The page's 403 is re-run by the status page: still one entry.</summary>
    [Fact]
    public async Task Another_units_record_a_forbidden_api_and_a_forbidden_page_are_audited_once_each()
    {
        var foreignProject = await App.AsSystemAsync(sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return db.Projects.AsNoTracking().Where(p => db.Units.Any(u => u.Id == p.UnitId && u.Code == "220303")).Select(p => p.Id).FirstAsync();
        });
        var county = await App.SignInAsync("tiexi");
        county.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        var before = (await RefusalsAsync("tiexi")).Count;

        Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync($"/api/projects/{foreignProject}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync("/api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.GetAsync("/admin/users")).StatusCode);

        var refusals = (await RefusalsAsync("tiexi")).Skip(before).ToList();
        Assert.Equal([$"GET /api/projects/{foreignProject}", "GET /api/jobs", "GET /admin/users"], refusals.Select(r => r.ObjectId));
        Assert.Equal(["{\"status\":404}", "{\"status\":403}", "{\"status\":403}"], refusals.Select(r => r.NewValues));
        Assert.All(refusals, r =>
        {
            Assert.Equal("Refused", r.Result);
            Assert.NotNull(r.UnitId);
            Assert.NotNull(r.TraceId);
        });
    }
}

[Collection("postgres")]
public sealed class PostgresRefusalAuditTests(PostgresFixture fixture) : RefusalAuditTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteRefusalAuditTests(SqliteFixture fixture) : RefusalAuditTests(fixture), IClassFixture<SqliteFixture>;

/// <summary>A scan of ids leaves at most the configured number of entries a minute, and one saying the rest went unrecorded.</summary>
public sealed class RefusalAuditLimitTests
{
    [Fact]
    public async Task A_scan_of_ids_leaves_a_bounded_number_of_entries()
    {
        await using var app = new TestApp(DatabaseProviderKind.Sqlite);
        await app.StartAsync();
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("Security:RefusalsAuditedPerMinute", "3"));
        var county = await SignInAsync(limited);
        for (var id = 900_001; id <= 900_010; id++)
            Assert.Equal(HttpStatusCode.NotFound, (await county.GetAsync($"/api/projects/{id}")).StatusCode);
        var entries = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.UserName == "tiexi" && a.Action == "Refused").OrderBy(a => a.Id).Select(a => new { a.ObjectId, a.NewValues }).ToListAsync());
        Assert.Equal(["GET /api/projects/900001", "GET /api/projects/900002", "GET /api/projects/900003", "GET /api/projects/900004"], entries.Select(e => e.ObjectId));
        Assert.Equal("{\"status\":404,\"unrecordedUntilNextMinute\":true}", entries[^1].NewValues);
    }

    private static async Task<HttpClient> SignInAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await TestApp.PostLoginAsync(client, "tiexi", TestApp.Password)).StatusCode);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        return client;
    }
}
