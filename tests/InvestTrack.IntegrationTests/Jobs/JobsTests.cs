using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Jobs;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InvestTrack.IntegrationTests.Jobs;

/// <summary>An app whose scheduler runs, with the two test jobs.</summary>
public abstract class JobsFixture(DatabaseProviderKind provider) : IAsyncLifetime
{
    public TestApp App { get; } = new(provider, settings: TestJobs.Enabled, services: TestJobs.Add);

    public async Task InitializeAsync() => await App.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class PostgresJobsFixture() : JobsFixture(DatabaseProviderKind.Postgres);

public sealed class SqliteJobsFixture() : JobsFixture(DatabaseProviderKind.Sqlite);

/// <summary>
/// The scheduler on either store: a run is recorded with its cause and outcome, a failed run is retried with backoff
/// until it succeeds, the jobs page and API show the schedule and runs to system admins only.
/// </summary>
public abstract class JobsTests(JobsFixture fixture)
{
    private TestApp App => fixture.App;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private Task<List<JobRun>> RunsAsync(string key) => App.AsSystemAsync(sp =>
        sp.GetRequiredService<AppDbContext>().JobRuns.AsNoTracking().Where(r => r.JobKey == key).OrderBy(r => r.Id).ToListAsync());

    private async Task<HttpClient> AdminAsync()
    {
        var client = await App.SignInAsync("admin");
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        return client;
    }

    [Fact]
    public async Task A_failing_job_is_retried_with_backoff_and_each_attempt_is_recorded()
    {
        var admin = await AdminAsync();
        var started = await admin.PostAsync($"/api/jobs/{FlakyJob.Key}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        var runs = await TestJobs.WaitForAsync(() => RunsAsync(FlakyJob.Key), r => r.Any(x => x.Outcome == JobRunOutcome.Succeeded), "flaky job runs");
        Assert.Equal(
            [(1, JobRunCause.Manual, JobRunOutcome.Failed), (2, JobRunCause.Retry, JobRunOutcome.Failed), (3, JobRunCause.Retry, JobRunOutcome.Succeeded)],
            runs.Select(r => (r.Attempt, r.Cause, r.Outcome)).ToList());
        Assert.All(runs, r => Assert.Equal("admin", r.RequestedBy));
        Assert.Equal("InvalidOperationException: planned failure 1", runs[0].Summary);
        Assert.Equal("succeeded after 2 failures", runs[2].Summary);
        // Backoff: the second retry waited longer than the first (1 s, then 4 s).
        Assert.True(runs[1].StartedAt - runs[0].FinishedAt!.Value >= TimeSpan.FromSeconds(0.9), $"{runs[0].FinishedAt} → {runs[1].StartedAt}");
        Assert.True(runs[2].StartedAt - runs[1].FinishedAt!.Value >= TimeSpan.FromSeconds(3.5), $"{runs[1].FinishedAt} → {runs[2].StartedAt}");

        var jobs = (await admin.GetFromJsonAsync<List<JobView>>("/api/jobs", Json))!;
        var flaky = jobs.Single(j => j.Key == FlakyJob.Key);
        Assert.Equal(2, flaky.FailuresLast30Days);
        Assert.Equal(JobRunOutcome.Succeeded, flaky.LastRun!.Outcome);
        Assert.NotNull(flaky.NextRunAt);
        Assert.Equal(3, flaky.NextRunAt!.Value.ToOffset(TimeSpan.FromHours(8)).Hour); // daily at 03:30 China time
        Assert.Equal(30, flaky.NextRunAt!.Value.Minute);
        Assert.Contains(await App.AuditOfAsync(nameof(JobRun), FlakyJob.Key), e => e.Action == "RunJob" && e.UserName == "admin");
    }

    [Fact]
    public async Task A_job_that_fails_on_its_last_attempt_is_reported_in_the_system_admins_inbox()
    {
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/jobs/{FailingJob.Key}/run", null)).StatusCode);
        var runs = await TestJobs.WaitForAsync(() => RunsAsync(FailingJob.Key), r => r.Count(x => x.Outcome == JobRunOutcome.Failed) >= 3, "failing job runs");
        Assert.Equal([1, 2, 3], runs.Select(r => r.Attempt));
        var notice = await TestJobs.WaitForAsync(() => App.AsSystemAsync(sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return db.InboxMessages.AsNoTracking().Where(m => m.Title == $"定时任务失败：{FailingJob.Key}" && db.Users.Any(u => u.Id == m.UserId && u.UserName == "admin")).ToListAsync();
        }), m => m.Count > 0, "the admin's notice");
        Assert.Equal("/admin/jobs", notice.Single().Link);
        Assert.Contains("第 3 次运行失败", notice.Single().Body);
    }

    [Fact]
    public async Task The_warning_run_job_runs_the_last_complete_xun_once()
    {
        var admin = await AdminAsync();
        var xun = await App.AsSystemAsync(sp => Task.FromResult(sp.GetRequiredService<Features.Warnings.WarningRunService>().LastCompleteXun()));
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/jobs/{Features.Warnings.WarningRunJob.Key}/run", null)).StatusCode);
        var first = await TestJobs.WaitForAsync(() => RunsAsync(Features.Warnings.WarningRunJob.Key), r => r.Count == 1 && r[0].Outcome != JobRunOutcome.Running, "warning run");
        Assert.Equal(JobRunOutcome.Succeeded, first[0].Outcome);
        Assert.StartsWith($"{xun.Label}：红色 ", first[0].Summary);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/jobs/{Features.Warnings.WarningRunJob.Key}/run", null)).StatusCode);
        var second = await TestJobs.WaitForAsync(() => RunsAsync(Features.Warnings.WarningRunJob.Key), r => r.Count == 2 && r[1].Outcome != JobRunOutcome.Running, "second warning run");
        Assert.Equal($"{xun.Label}已运行，未重复运行", second[1].Summary);
        Assert.Equal(1, await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().WarningRuns.CountAsync(r => r.Xun == xun.ToString())));
    }

    [Fact]
    public async Task The_jobs_page_and_api_are_for_system_admins_only_and_unknown_jobs_are_not_found()
    {
        var admin = await AdminAsync();
        var page = await admin.GetStringAsync("/admin/jobs");
        Assert.Contains("定时任务", page);
        Assert.Contains($"data-job=\"{CountingJob.Key}\"", page);
        Assert.Contains("每天 03:00（北京时间）", page);
        Assert.DoesNotContain("jobs-scheduler-off", page);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/jobs/no-such-job/run", null)).StatusCode);

        var city = await App.SignInAsync("city");
        city.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await city.GetAsync("/api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await city.PostAsync($"/api/jobs/{CountingJob.Key}/run", null)).StatusCode);
        Assert.DoesNotContain(await RunsAsync(CountingJob.Key), r => r.RequestedBy == "city");
    }
}

[Collection("postgres")]
public sealed class PostgresJobsTests(PostgresJobsFixture fixture) : JobsTests(fixture), IClassFixture<PostgresJobsFixture>;

public sealed class SqliteJobsTests(SqliteJobsFixture fixture) : JobsTests(fixture), IClassFixture<SqliteJobsFixture>;

/// <summary>
/// Two app instances on one PostgreSQL database (the clustered store): many firings asked for through both, each run
/// exactly once, by one instance or the other.
/// </summary>
[Collection("postgres")]
public sealed class JobsClusterTests : IAsyncLifetime
{
    private readonly TestApp _first = new(DatabaseProviderKind.Postgres, settings: TestJobs.Enabled, services: TestJobs.Add);
    private TestApp _second = null!;

    public async Task InitializeAsync()
    {
        await _first.StartAsync();
        _second = new TestApp(DatabaseProviderKind.Postgres, settings: TestJobs.Enabled, sharing: _first, services: TestJobs.Add);
        _ = _second.Services; // starts the second instance's host and scheduler
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task With_two_instances_on_one_database_each_firing_runs_exactly_once()
    {
        const int firings = 12;
        for (var i = 0; i < firings; i++)
        {
            var through = i % 2 == 0 ? _first : _second;
            var outcome = await through.AsUserAsync("admin", sp => sp.GetRequiredService<JobsAdmin>().RunNowAsync(CountingJob.Key, default));
            Assert.Equal(RunNowOutcome.Started, outcome);
        }

        var runs = await TestJobs.WaitForAsync(
            () => _first.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().JobRuns.AsNoTracking()
                .Where(r => r.JobKey == CountingJob.Key && r.Outcome == JobRunOutcome.Succeeded).ToListAsync()),
            r => r.Count >= firings, "finished runs");
        // Every one-off trigger is used up and none is being fired: no run can still come.
        var pending = await TestJobs.WaitForAsync(() => PendingAsync(), p => p == 0, "one-off triggers left or firing");
        Assert.Equal(0, pending);

        var all = await _first.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().JobRuns.AsNoTracking()
            .Where(r => r.JobKey == CountingJob.Key).ToListAsync());
        Assert.Equal(firings, all.Count);
        Assert.Equal(firings, all.Select(r => r.FireInstanceId).Distinct().Count());
        Assert.All(all, r => Assert.Equal(JobRunOutcome.Succeeded, r.Outcome));
        Assert.Equal(2, await ScalarAsync("SELECT count(*) FROM qrtz_scheduler_state")); // both instances are in the cluster
    }

    /// <summary>One-off triggers of the counting job still stored, plus firings in progress.</summary>
    private async Task<long> PendingAsync() =>
        await ScalarAsync($"SELECT (SELECT count(*) FROM qrtz_triggers WHERE job_name = '{CountingJob.Key}' AND trigger_name <> '{CountingJob.Key}.daily')"
            + " + (SELECT count(*) FROM qrtz_fired_triggers)");

    private async Task<long> ScalarAsync(string sql) => await _first.AsSystemAsync(async sp =>
    {
        var connection = (NpgsqlConnection)sp.GetRequiredService<AppDbContext>().Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    });
}
