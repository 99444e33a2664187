using InvestTrack.Features.Jobs;

namespace InvestTrack.Features.Bulletins;

public static class BulletinServices
{
    /// <summary>The bulletin's services and its job.</summary>
    public static IServiceCollection AddBulletins(this IServiceCollection services)
    {
        services.AddScoped<BulletinBuilder>().AddScoped<BulletinSupervisionReader>();
        services.AddScoped<BulletinService>();
        services.AddScheduledJob<BulletinDraftJob>(BulletinDraftJob.Key, BulletinDraftJob.DailyAt);
        return services;
    }
}
