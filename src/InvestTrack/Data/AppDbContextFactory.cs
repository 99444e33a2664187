using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Data;

/// <summary>
/// Scoped: every context it makes carries the unit scope of the user acting in this DI scope
/// (an HTTP request, a Blazor circuit, a command-line run). One context per operation. With a read replica, a save
/// of records is noted (<see cref="RecentWrites"/>) so that the writer's next reads see the primary.
/// </summary>
public sealed class AppDbContextFactory(DatabaseSettings settings, DbContextOptions options, CurrentUser user, RecentWrites writes) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext()
    {
        var db = settings.CreateContext(options, user);
        if (settings.ReadConnectionString is not null) db.SavingChanges += writes.OnSaving;
        return db;
    }
}
