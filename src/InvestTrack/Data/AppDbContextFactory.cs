using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Data;

/// <summary>
/// Scoped: every context it makes carries the unit scope of the user acting in this DI scope
/// (an HTTP request, a Blazor circuit, a command-line run). One context per operation.
/// </summary>
public sealed class AppDbContextFactory(DatabaseSettings settings, DbContextOptions options, CurrentUser user) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => settings.CreateContext(options, user);
}
