using InvestTrack.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace InvestTrack.Infrastructure.Hosting;

public sealed class DatabaseHealthCheck(DatabaseSettings settings, Microsoft.EntityFrameworkCore.DbContextOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var user = new Auth.CurrentUser();
        await using var db = settings.CreateContext(options, user);
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{settings.Provider} reachable")
                : HealthCheckResult.Unhealthy($"{settings.Provider} unreachable");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{settings.Provider} unreachable");
        }
    }
}
