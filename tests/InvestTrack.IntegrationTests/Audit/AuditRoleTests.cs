using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace InvestTrack.IntegrationTests.Audit;

/// <summary>
/// PostgreSQL: the app's role (README, Database roles) reads and appends to the trail but cannot change or remove it;
/// the append-only trigger refuses the owner too.
/// </summary>
[Collection("postgres")]
public sealed class PostgresAuditRoleTests
{
    [Fact]
    public async Task The_app_role_may_insert_audit_entries_but_not_update_or_delete_them_and_the_trigger_stops_the_owner()
    {
        await using var owner = await new TestApp(DatabaseProviderKind.Postgres).StartAsync();
        var role = $"it_app_{Guid.NewGuid():N}"[..30];
        const string password = "app-role-Secret#1";
        var ownerConnection = owner.Services.GetRequiredService<DatabaseSettings>().ConnectionString;
        await ExecuteAsync(ownerConnection, $"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}'");
        try
        {
            await owner.AsSystemAsync(async sp => { await DatabaseRoles.GrantAsync(sp.GetRequiredService<AppDbContext>(), role); return 0; });
            var appConnection = new NpgsqlConnectionStringBuilder(ownerConnection) { Username = role, Password = password }.ConnectionString;

            // Through the app, connected as its role: entries are written and sealed.
            await using (var app = new TestApp(DatabaseProviderKind.Postgres, sharing: owner,
                settings: new Dictionary<string, string> { ["ConnectionStrings:InvestTrack"] = appConnection }))
            {
                await AuditChainTests.WriteAsync(app, "AsAppRole", 3);
                var v = await AuditChainTests.VerifyAsync(app);
                Assert.True(v.Intact, string.Join("; ", v.Findings.Select(f => f.Message)));
                Assert.Equal(3, await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(e => e.Action == "AsAppRole")));
            }

            foreach (var sql in new[] { "UPDATE \"AuditEntries\" SET \"UserName\" = 'x' WHERE \"Action\" = 'AsAppRole'", "DELETE FROM \"AuditEntries\" WHERE \"Action\" = 'AsAppRole'", "TRUNCATE \"AuditEntries\"" })
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(appConnection, sql));
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
                Assert.Contains("permission denied", refused.MessageText, StringComparison.Ordinal);
            }
            // The owner may, by its grants; the trigger refuses.
            foreach (var sql in new[] { "UPDATE \"AuditEntries\" SET \"UserName\" = 'x' WHERE \"Action\" = 'AsAppRole'", "DELETE FROM \"AuditEntries\" WHERE \"Action\" = 'AsAppRole'", "TRUNCATE \"AuditEntries\"" })
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(ownerConnection, sql));
                Assert.Contains("AuditEntries is append-only", refused.MessageText, StringComparison.Ordinal);
            }
            Assert.Equal(3, await owner.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(e => e.Action == "AsAppRole" && e.UserName != "x")));
            // The app's other tables stay writable for it.
            await ExecuteAsync(appConnection, "UPDATE \"Units\" SET \"Name\" = \"Name\" WHERE false");
            // As the app's role, a purge is refused with a message that says how to run it.
            await using (var app = new TestApp(DatabaseProviderKind.Postgres, sharing: owner, clock: new StoppedClock(DateTimeOffset.UtcNow.AddDays(200)),
                settings: new Dictionary<string, string> { ["ConnectionStrings:InvestTrack"] = appConnection }))
            {
                Assert.True((await app.AsSystemAsync(sp => sp.GetRequiredService<AuditRetention>().ExportAsync(Path.Combine(app.CheckpointDirectory, "..", "export.jsonl")))).Done);
                var purge = await app.AsSystemAsync(sp => sp.GetRequiredService<AuditRetention>().PurgeAsync());
                Assert.False(purge.Done);
                Assert.Contains("owner role", purge.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(ownerConnection, $"DROP OWNED BY \"{role}\"; DROP ROLE \"{role}\"");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
