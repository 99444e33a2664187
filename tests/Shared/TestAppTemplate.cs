using System.Security.Cryptography;
using System.Text;
using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InvestTrack.Tests;

/// <summary>
/// Every app of a test starts from a copy of one database migrated and seeded once per build and day (CREATE DATABASE
/// … TEMPLATE on PostgreSQL, a file copy on SQLite), instead of migrating and seeding its own: about a hundred apps
/// per run each spent seconds on the same migrations and demo data. The template is named after the app's build
/// (its module version id: a new migration or seed is a new template) and the city's date (the demo data is dated
/// from today); it has no Data Protection keys, so each app still writes its own first key.
/// </summary>
public sealed partial class TestApp
{
    private readonly string? _template;
    private readonly bool _fromTemplate;

    private static readonly Lock TemplateGate = new();
    private static readonly Dictionary<string, string> PostgresTemplates = [];
    private static string? _sqliteTemplate;

    private static string TemplateStamp()
    {
        var build = typeof(Program).Assembly.ManifestModule.ModuleVersionId.ToString("N");
        var day = DateTime.UtcNow.AddHours(8).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(build)))[..16] + "_" + day;
    }

    /// <summary>The template database on the server of <paramref name="admin"/>, built by the first app of any test process that needs it.</summary>
    private static string PostgresTemplate(string admin)
    {
        lock (TemplateGate)
        {
            if (PostgresTemplates.TryGetValue(admin, out var known)) return known;
            var name = $"it_template_{TemplateStamp()}";
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ToString());
            connection.Open();
            // Another test process (the browser tests, a second run) may build the same template: one at a time.
            Execute(connection, $"SELECT pg_advisory_lock(hashtext('{name}'))");
            try
            {
                if (!Exists(connection, name))
                {
                    var building = name + "_b";
                    Execute(connection, $"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)"); // left by a run that died while building
                    Build(DatabaseProviderKind.Postgres, admin, building);
                    Execute(connection, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{building}'");
                    Execute(connection, $"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
                }
            }
            finally
            {
                Execute(connection, $"SELECT pg_advisory_unlock(hashtext('{name}'))");
            }
            PostgresTemplates[admin] = name;
            return name;
        }
    }

    /// <summary>The template file of this process (SQLite).</summary>
    private static string SqliteTemplate()
    {
        lock (TemplateGate)
        {
            if (_sqliteTemplate is not null) return _sqliteTemplate;
            var file = Path.Combine(Directory.CreateTempSubdirectory("investtrack-template-").FullName, $"template_{TemplateStamp()}.db");
            Build(DatabaseProviderKind.Sqlite, null, file);
            return _sqliteTemplate = file;
        }
    }

    /// <summary>
    /// A copy of this process's SQLite template (migrated, the demo city) at <paramref name="file"/>, for the program started
    /// as a process; its audit chain and personal data are sealed with the keys in <see cref="TestKeyDirectory"/>.
    /// </summary>
    public static void CopySqliteTemplate(string file) => File.Copy(SqliteTemplate(), file);

    /// <summary>Migrates and seeds the template with an app of its own, on the thread pool (the callers are constructors).</summary>
    private static void Build(DatabaseProviderKind provider, string? admin, string target) => Task.Run(async () =>
    {
        var builder = new TestApp(provider, false, null, null, null, admin, buildingTemplate: target);
        await using (builder)
        {
            await builder.StartAsync();
            await builder.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().DataProtectionKeys.ExecuteDeleteAsync());
            // Everything in the one file that the apps copy (SQLite's log written back).
            if (provider == DatabaseProviderKind.Sqlite)
                await builder.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)"));
        }
        NpgsqlConnection.ClearAllPools();
    }).GetAwaiter().GetResult();

    private static bool Exists(NpgsqlConnection connection, string database)
    {
        using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", database);
        return command.ExecuteScalar() is not null;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
