using System.Text.RegularExpressions;
using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Audit;

/// <summary>
/// Two PostgreSQL roles (README, Database roles): the owner, which `migrate` runs as and which owns the tables, and the
/// app's role, which the web app connects as. `db grant ROLE` (run as the owner after each `migrate`; `migrate` does it
/// itself when Database:AppRole is set) lets the app's role read and write every table but AuditEntries, where it may
/// only SELECT and INSERT: it cannot change or remove the trail, whatever the app is made to do. The append-only
/// trigger on AuditEntries is the second wall, for the owner too.
/// </summary>
public static partial class DatabaseRoles
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length != 2 || args[0] != "grant")
        {
            Console.Error.WriteLine("用法 usage: db grant ROLE");
            return 64;
        }
        var db = services.GetRequiredService<AppDbContext>();
        if (!db.Database.IsNpgsql())
        {
            Console.Error.WriteLine("db grant is for PostgreSQL; the embedded SQLite file has no roles");
            return 64;
        }
        try
        {
            await GrantAsync(db, args[1]);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 64;
        }
        Console.WriteLine($"role {args[1]}: SELECT, INSERT, UPDATE, DELETE on the app's tables; SELECT, INSERT only on AuditEntries");
        return 0;
    }

    public static async Task GrantAsync(AppDbContext db, string role, CancellationToken ct = default)
    {
        if (!RoleName().IsMatch(role)) throw new ArgumentException($"'{role}' is not a plain role name (letters, digits, _)");
        var exists = await db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\" FROM pg_roles WHERE rolname = {role}").AnyAsync(ct);
        if (!exists) throw new ArgumentException($"PostgreSQL has no role '{role}': create it first (README, Database roles)");
        // Names checked above: identifiers cannot be parameters.
#pragma warning disable EF1002
        await db.Database.ExecuteSqlRawAsync($"""
            GRANT USAGE ON SCHEMA public TO "{role}";
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}";
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO "{role}";
            REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEntries" FROM "{role}";
            REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "__EFMigrationsHistory" FROM "{role}";
            """, ct);
#pragma warning restore EF1002
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex RoleName();
}
