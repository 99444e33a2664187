namespace InvestTrack.Features.Backup;

public static class BackupServices
{
    /// <summary>The backup and restore-drill verbs' services (PostgreSQL client programs found when first used).</summary>
    public static void AddBackups(this IServiceCollection services)
    {
        services.AddSingleton<PostgresTools>();
        services.AddScoped<DatabaseBackup>();
        services.AddScoped<RestoreDrill>();
    }
}
