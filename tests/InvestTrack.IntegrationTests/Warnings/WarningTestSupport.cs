using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Warnings;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Warnings;

/// <summary>A clock the test moves: runs of past 旬, and the outbox's backoff, without waiting.</summary>
public sealed class MovableClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>The app with a movable clock and the background outbox off: the tests deliver the outbox themselves.</summary>
public abstract class WarningFixture(DatabaseProviderKind provider) : IAsyncLifetime
{
    public MovableClock Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = new TestApp(provider, clock: Clock, settings: new Dictionary<string, string> { ["Notifications:Outbox:Enabled"] = "false" });
        await App.StartAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class PostgresWarningFixture() : WarningFixture(DatabaseProviderKind.Postgres);

public sealed class SqliteWarningFixture() : WarningFixture(DatabaseProviderKind.Sqlite);

internal static class WarningTestSupport
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static async Task<HttpClient> ClientAsync(this TestApp app, string userName)
    {
        var client = await app.SignInAsync(userName);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return client;
    }

    public static async Task<JsonElement> BodyAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<WarningRunSummary> RunAsync(HttpClient city, string xun)
    {
        var response = await city.PostAsJsonAsync("/api/warnings/run", new RunRequest(xun));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<WarningRunSummary>(Json))!;
    }

    public static async Task<WarningRow?> WarningAsync(HttpClient client, string xun, int projectId)
    {
        var response = await client.GetAsync($"/api/warnings/{xun}/Project/{projectId}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<WarningRow>(Json) : null;
    }

    /// <summary>
    /// A 项目合同 project entered on 1 June 2026 (before every 旬 the tests run), written straight to the database so that its
    /// dates are the test's: signed, maybe started, with progress entries each entered on its own day.
    /// </summary>
    public static Task<int> InsertProjectAsync(this TestApp app, string unitCode, DateOnly signedOn, DateOnly? startedOn, params DateOnly[] progress) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var unitId = await db.Units.Where(u => u.Code == unitCode).Select(u => u.Id).SingleAsync();
            var companyId = await db.Companies.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            var entered = new DateTimeOffset(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);
            var suffix = AdminTestSupport.Unique();
            var project = new Project
            {
                Code = $"W{suffix}", Name = $"预警测试项目{suffix}", CompanyId = companyId, UnitId = unitId,
                Stage = startedOn is null ? ProjectStage.Signed : ProjectStage.Started, Status = ProjectStatus.Active, PlannedInvestment = 1_000_000,
                SigningKind = SigningKind.Contract, SignedOn = signedOn, StartedOn = startedOn, CreatedAt = entered, UpdatedAt = entered,
            };
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            foreach (var day in progress)
                db.ProgressEntries.Add(new ProgressEntry
                {
                    ProjectId = project.Id, UnitId = unitId, OccurredOn = day, WhatHappened = "推进前期工作",
                    CreatedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(8)),
                });
            await db.SaveChangesAsync();
            return project.Id;
        });
}
