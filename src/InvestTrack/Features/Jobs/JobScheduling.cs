using InvestTrack.Data;
using Quartz;

namespace InvestTrack.Features.Jobs;

/// <summary>
/// A scheduled job of the product: its stable key (stored in Quartz's tables and in <see cref="JobRun"/>), its type, and
/// the China time of day it fires at, every day. A daily firing lets each job decide for itself whether its day has
/// come (a 旬 just ended, the first working day of the month) and catch up after a day the app was down.
/// </summary>
public sealed record JobDefinition(string Key, Type JobType, TimeOnly DailyAt)
{
    /// <summary>A job that runs at a fixed interval instead (the audit checkpoints); <see cref="DailyAt"/> is then unused.</summary>
    public TimeSpan? Every { get; init; }

    /// <summary>The cron expression in UTC: China has no daylight saving, so UTC+8 is a fixed shift.</summary>
    public string Cron
    {
        get
        {
            var utc = DailyAt.Add(-Kernel.ChinaTime.Offset);
            return $"0 {utc.Minute} {utc.Hour} * * ?";
        }
    }
}

/// <summary>
/// Quartz.NET: on PostgreSQL a clustered job store in the app's database (tables qrtz_*, created by migration
/// QuartzTables), so that with several instances on one database each firing runs on exactly one of them; on SQLite,
/// a single-instance database, the in-memory store. A failed firing is retried with exponential backoff
/// (Jobs:Retries, Jobs:RetryDelay). Jobs:Enabled=false keeps the scheduler from starting (the tests do that unless they
/// test jobs); the jobs page then says so.
/// </summary>
public static class JobScheduling
{
    public const string Group = "InvestTrack";

    public static void AddJobScheduling(this IServiceCollection services, IConfiguration configuration, DatabaseSettings settings)
    {
        var retries = configuration.GetValue("Jobs:Retries", 3);
        var retryDelay = configuration.GetValue("Jobs:RetryDelay", TimeSpan.FromMinutes(1));
        if (retries is < 1 or > 10) throw new ConfigurationException("Jobs:Retries", $"{retries}, not a number from 1 to 10");
        if (retryDelay <= TimeSpan.Zero || retryDelay > TimeSpan.FromHours(1))
            throw new ConfigurationException("Jobs:RetryDelay", $"{retryDelay}, not a time span above 0 and at most 01:00:00");
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "InvestTrack");
            if (settings.Provider == DatabaseProviderKind.Postgres)
                q.UsePersistentStore(s =>
                {
                    s.UsePostgres(settings.ConnectionString);
                    s.UseClustering();
                });
            else
                q.UseInMemoryStore();
            q.UseDefaultRetryPolicy(RetryPolicy.Exponential(retries, retryDelay, 4, retryDelay * 64));
        });
        if (configuration.GetValue("Jobs:Enabled", true))
        {
            services.AddHostedService<JobCatalogSync>();
            services.AddQuartzHostedService(o =>
            {
                o.WaitForJobsToComplete = true;
                // The app's own start-up (migration of an SQLite file) comes first.
                o.AwaitApplicationStarted = true;
            });
        }
        services.AddScoped<JobsAdmin>();
    }

    /// <summary>Adds a job of the product; the features call this beside their other services.</summary>
    public static IServiceCollection AddScheduledJob<TJob>(this IServiceCollection services, string key, TimeOnly dailyAt) where TJob : ScheduledJob
    {
        services.AddTransient<TJob>();
        return services.AddSingleton(new JobDefinition(key, typeof(TJob), dailyAt));
    }

    /// <summary>Adds a job that fires every <paramref name="every"/>, from the app's start on.</summary>
    public static IServiceCollection AddIntervalJob<TJob>(this IServiceCollection services, string key, TimeSpan every) where TJob : ScheduledJob
    {
        services.AddTransient<TJob>();
        return services.AddSingleton(new JobDefinition(key, typeof(TJob), default) { Every = every });
    }

    public static JobKey KeyOf(string key) => new(key, Group);
}
