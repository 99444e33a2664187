using InvestTrack.Data;
using InvestTrack.Features.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InvestTrack.IntegrationTests.Jobs;

/// <summary>A job that does nothing but leave its run: the exactly-once evidence.</summary>
public sealed class CountingJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CountingJob> logger) : ScheduledJob(scopes, clock, logger)
{
    public const string Key = "test-count";

    protected override Task<string> RunAsync(IServiceProvider services, CancellationToken ct) => Task.FromResult("counted");
}

/// <summary>Fails while fewer than two of its runs have failed in this app's database, then succeeds.</summary>
public sealed class FlakyJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<FlakyJob> logger) : ScheduledJob(scopes, clock, logger)
{
    public const string Key = "test-flaky";

    protected override async Task<string> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var failed = await db.JobRuns.CountAsync(r => r.JobKey == Key && r.Outcome == JobRunOutcome.Failed, ct);
        if (failed < 2) throw new InvalidOperationException($"planned failure {failed + 1}");
        return "succeeded after 2 failures";
    }
}

/// <summary>Fails on every attempt: the system admins are told once it gives up.</summary>
public sealed class FailingJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<FailingJob> logger) : ScheduledJob(scopes, clock, logger)
{
    public const string Key = "test-fail";

    protected override Task<string> RunAsync(IServiceProvider services, CancellationToken ct) => throw new InvalidOperationException("always");
}

internal static class TestJobs
{
    public static void Add(IServiceCollection services)
    {
        services.AddScheduledJob<FailingJob>(FailingJob.Key, new TimeOnly(4, 0));
        services.AddScheduledJob<CountingJob>(CountingJob.Key, new TimeOnly(3, 0));
        services.AddScheduledJob<FlakyJob>(FlakyJob.Key, new TimeOnly(3, 30));
    }

    public static readonly IReadOnlyDictionary<string, string> Enabled = new Dictionary<string, string>
    {
        ["Jobs:Enabled"] = "true",
        ["Jobs:RetryDelay"] = "00:00:01",
        ["Jobs:Retries"] = "2",
    };

    /// <summary>Runs as a timeout names them: attempt, cause, outcome, start and end (UTC).</summary>
    private static string Describe(IEnumerable<JobRun> runs) =>
        "[" + string.Join("; ", runs.Select(r => $"#{r.Attempt} {r.Cause} {r.Outcome} {r.StartedAt:HH:mm:ss.fff}–{r.FinishedAt:HH:mm:ss.fff} {r.Summary}")) + "]";

    /// <summary>Waits for a state of the database, not for a time: the condition is read again until it holds.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: still {(value is IEnumerable<JobRun> runs ? Describe(runs) : value)} after 90 s");
            await Task.Delay(100);
        }
    }
}
