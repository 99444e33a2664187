using System.Data.Common;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Data;

public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>Creates or upgrades the schema and loads the configured city's reference data into an empty database.</summary>
public static class DatabaseSetup
{
    /// <returns>true when the reference data was loaded now (the database was empty).</returns>
    public static async Task<bool> MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var settings = services.GetRequiredService<DatabaseSettings>();
        try
        {
            await db.Database.MigrateAsync(ct);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException && IsConnectionProblem(e))
        {
            throw new DatabaseUnavailableException($"{settings.Provider}: {Describe(e)}", e);
        }
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        // Entries written before the chain existed join it, oldest first (docs/security.md 20).
        await Features.Audit.AuditChain.SealUnsealedAsync(db, ct);
        // Personal data stored in clear by a version before encryption is sealed, in batches (docs/security.md 22).
        await Features.Privacy.PersonalDataBatches.SealPlaintextAsync(db, ct: ct);
        var city = services.GetRequiredService<IConfiguration>()["ReferenceData:City"] ?? ReferenceDataFiles.DefaultCity;
        return await ReferenceDataLoader.LoadIfEmptyAsync(db, city, ct);
    }

    /// <summary>Fails with a clear message when the database cannot be reached.</summary>
    public static async Task EnsureReachableAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var settings = services.GetRequiredService<DatabaseSettings>();
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.CloseConnectionAsync();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            throw new DatabaseUnavailableException($"{settings.Provider}: {Describe(e)}", e);
        }
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            throw new DatabaseUnavailableException(
                $"{settings.Provider}: the schema is not current; run `dotnet run --project src/InvestTrack -- migrate` first.", new InvalidOperationException());
    }

    private static bool IsConnectionProblem(Exception e) => e is DbException or TimeoutException || e.InnerException is DbException or TimeoutException or System.Net.Sockets.SocketException;

    private static string Describe(Exception e)
    {
        var messages = new List<string>();
        for (var x = e; x is not null; x = x.InnerException) messages.Add(x.Message);
        return string.Join(" → ", messages.Distinct());
    }
}
