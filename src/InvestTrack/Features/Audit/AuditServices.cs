using InvestTrack.Data;
using InvestTrack.Features.Jobs;

namespace InvestTrack.Features.Audit;

public static class AuditServices
{
    /// <summary>The chain's checkpoints, verification and retention, and the checkpoint job.</summary>
    public static void AddAuditChain(this IServiceCollection services, IConfiguration configuration, string contentRoot, DatabaseSettings database)
    {
        var settings = AuditSettings.FromConfiguration(configuration, contentRoot, database);
        services.AddSingleton(settings);
        services.AddScoped<AuditCheckpoints>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<AuditRetention>();
        services.AddScoped<AuditChainActions>();
        services.AddIntervalJob<AuditCheckpointJob>(AuditCheckpointJob.Key, settings.CheckpointEvery);
    }
}
