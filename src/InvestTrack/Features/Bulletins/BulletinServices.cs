using InvestTrack.Features.Jobs;

namespace InvestTrack.Features.Bulletins;

public static class BulletinServices
{
    /// <summary>
    /// The bulletin's services and its job. No <see cref="IBulletinSupervisionSource"/> is registered here: the warnings
    /// and supervision orders features register theirs (services.AddScoped&lt;IBulletinSupervisionSource, …&gt;()).
    /// </summary>
    public static IServiceCollection AddBulletins(this IServiceCollection services)
    {
        services.AddScoped<BulletinBuilder>();
        services.AddScoped<BulletinService>();
        services.AddScheduledJob<BulletinDraftJob>(BulletinDraftJob.Key, BulletinDraftJob.DailyAt);
        return services;
    }
}
