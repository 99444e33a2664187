using System.Data.Common;
using System.Security.Claims;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>docs/security.md 18–19: the audit entry is written in the same transaction as the change.</summary>
public abstract class AuditTransactionTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failed_audit_write_leaves_no_change(bool async)
    {
        var (projectId, oldName, oldVersion) = await FirstProjectAsync();
        var lastAudit = await LastAuditIdAsync();

        await using (var scope = await ActingAsAsync("city"))
        {
            await using var db = ContextOf(scope.ServiceProvider, new FailAuditInserts());
            var project = await db.Projects.SingleAsync(p => p.Id == projectId);
            project.Name = oldName + " (changed)";
            var error = async
                ? await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync())
                : Assert.ThrowsAny<Exception>(() => db.SaveChanges());
            Assert.Contains("audit write failed (test)", error.ToString(), StringComparison.Ordinal);
        }

        var after = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.AsNoTracking().SingleAsync(p => p.Id == projectId));
        Assert.Equal(oldName, after.Name);
        Assert.Equal(oldVersion, after.Version);
        Assert.Equal(lastAudit, await LastAuditIdAsync());
    }

    [Fact]
    public async Task A_change_writes_exactly_one_entry_with_old_and_new_values_user_unit_and_UTC_time()
    {
        var (projectId, oldName, _) = await FirstProjectAsync();
        var lastAudit = await LastAuditIdAsync();
        var newName = oldName + " 二期";
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);

        await using (var scope = await ActingAsAsync("city"))
        {
            await using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
            var project = await db.Projects.SingleAsync(p => p.Id == projectId);
            project.Name = newName;
            await db.SaveChangesAsync();
        }

        var entries = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.Id > lastAudit).ToListAsync());
        var entry = Assert.Single(entries);
        var cityUnit = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Code == "220300").Select(u => u.Id).SingleAsync());
        Assert.Equal("Update", entry.Action);
        Assert.Equal("Project", entry.ObjectType);
        Assert.Equal(projectId.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.ObjectId);
        Assert.Equal(oldName, JsonDocument.Parse(entry.OldValues!).RootElement.GetProperty("Name").GetString());
        Assert.Equal(newName, JsonDocument.Parse(entry.NewValues!).RootElement.GetProperty("Name").GetString());
        Assert.Equal("city", entry.UserName);
        Assert.NotNull(entry.UserId);
        Assert.Equal(Roles.CityAdmin, entry.Role);
        Assert.Equal(cityUnit, entry.UnitId);
        Assert.Equal("203.0.113.7", entry.Address);
        Assert.Equal("Success", entry.Result);
        Assert.Equal(TimeSpan.Zero, entry.OccurredAt.Offset);
        Assert.InRange(entry.OccurredAt, started, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    private Task<(int Id, string Name, int Version)> FirstProjectAsync() => App.AsSystemAsync(async sp =>
    {
        var p = await sp.GetRequiredService<AppDbContext>().Projects.AsNoTracking().OrderBy(p => p.Id).FirstAsync();
        return (p.Id, p.Name, p.Version);
    });

    private Task<long> LastAuditIdAsync() => App.AsSystemAsync(async sp =>
        await sp.GetRequiredService<AppDbContext>().AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0);

    /// <summary>A service scope whose acting user is the demo user, as a request of that user would set it.</summary>
    private async Task<AsyncServiceScope> ActingAsAsync(string userName)
    {
        var principal = await App.AsSystemAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
            return await sp.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        });
        var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(principal, "203.0.113.7", "0af7651916cd43dd8448eb211c80319c");
        return scope;
    }

    private static AppDbContext ContextOf(IServiceProvider sp, IInterceptor interceptor)
    {
        var options = new DbContextOptionsBuilder(sp.GetRequiredService<DbContextOptions>()).AddInterceptors(interceptor).Options;
        return sp.GetRequiredService<DatabaseSettings>().CreateContext(options, sp.GetRequiredService<CurrentUser>());
    }

    /// <summary>Makes every write to the audit table fail, as a full disk or a broken constraint would.</summary>
    private sealed class FailAuditInserts : DbCommandInterceptor
    {
        private static void Check(DbCommand command)
        {
            if (command.CommandText.Contains("INSERT INTO \"AuditEntries\"", StringComparison.Ordinal))
                throw new InvalidOperationException("audit write failed (test)");
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Check(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Check(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Check(command);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>docs/security.md 22: personal contacts are recorded as changed, never in clear, e-mail addresses included.</summary>
    [Fact]
    public async Task Personal_contacts_enter_the_trail_masked()
    {
        var id = await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var unit = await db.Units.Where(u => u.Code == "220302").Select(u => u.Id).SingleAsync();
            var talent = new Features.Network.TalentPerson { Name = "审计脱敏测试", UnitId = unit, Phone = "13912345678", Email = "wangfang@example.cn", CreatedAt = DateTimeOffset.UtcNow };
            db.Add(talent);
            await db.SaveChangesAsync();
            return talent.Id;
        });
        var values = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.ObjectType == "TalentPerson" && a.ObjectId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.Action == "Create")
            .Select(a => a.NewValues).SingleAsync());
        Assert.DoesNotContain("13912345678", values, StringComparison.Ordinal);
        Assert.DoesNotContain("wangfang", values, StringComparison.Ordinal);
        Assert.Contains("\"Email\":\"w***@example.cn\"", values, StringComparison.Ordinal);
    }
}

[Collection("postgres")]
public sealed class PostgresAuditTransactionTests(PostgresFixture fixture) : AuditTransactionTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteAuditTransactionTests(SqliteFixture fixture) : AuditTransactionTests(fixture), IClassFixture<SqliteFixture>;
