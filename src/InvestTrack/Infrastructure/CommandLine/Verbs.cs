using InvestTrack.Data;
using InvestTrack.Features.Imports;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Infrastructure.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Serilog;

namespace InvestTrack.Infrastructure.CommandLine;

/// <summary>Operations verbs: `dotnet run --project src/InvestTrack -- VERB`, with the web app's configuration.</summary>
public static class Verbs
{
    private static readonly Dictionary<string, (string Help, Func<IServiceProvider, string[], Task<int>> Run)> All = new()
    {
        ["migrate"] = ("create or upgrade the schema; on an empty database load the city's reference data and an admin with a one-time password", MigrateAsync),
        ["demo-data"] = ("add the demo users (one-time passwords, printed once) and demo projects", DemoDataAsync),
        ["generate"] = ("generate --projects N [--funds F] [--leads L] [--activities A] [--seed S]: a large synthetic city for benchmarks (bulk insert; leads 1.5 per project unless --leads, activities N/4 unless --activities)", GenerateAsync),
        ["import"] = ("import FILE: a ledger (.xlsx/.csv, sheets 项目, 到位资金 and 活动) as the operator; every problem listed, all or nothing", ImportAsync),
        ["check-totals"] = ("check-totals [--repair]: compare the running funds totals with the ledger, print every difference (exit 1); --repair rebuilds them", CheckTotalsAsync),
        ["report"] = ("report dispatch --year Y --month M [--unit U]: the provincial dispatch paragraph (U = unit code or name);\n" +
            "               report activities --year Y --from M1 --to M2 [--unit U] [--leader-level 市级|县级|部门]: the activities sentence;\n" +
            "               report bulletin --year Y --month M --out FILE.docx: the month's bulletin (published, else a draft from the current data)",
            (services, args) => args.Length > 0 && args[0] == "activities" ? Features.Activities.ActivityVerb.RunAsync(services, args[1..])
                : args.Length > 0 && args[0] == "bulletin" ? Features.Bulletins.BulletinVerb.RunAsync(services, args[1..])
                : Features.Statistics.DispatchVerb.RunAsync(services, args)),
        ["warnings"] = ("warnings run [--xun 2026-11-3]: run the ten-day warnings (旬预警) of a 旬, by default the last complete one; prints the counts", Features.Warnings.WarningVerb.RunAsync),
        ["audit"] = (Features.Audit.AuditVerb.Help, Features.Audit.AuditVerb.RunAsync),
        ["keys"] = ("keys init: create the missing keys (audit MAC, checkpoint SM2 pair, data and search keys) in Security:KeyDirectory, mode 0600", Features.Audit.AuditVerb.KeysAsync),
        ["backup"] = (Features.Backup.BackupVerbs.BackupHelp, Features.Backup.BackupVerbs.BackupAsync),
        ["restore-drill"] = (Features.Backup.BackupVerbs.DrillHelp, Features.Backup.BackupVerbs.DrillAsync),
        ["rotate-keys"] = (Features.Privacy.RotateKeysVerb.Help, Features.Privacy.RotateKeysVerb.RunAsync),
        ["db"] = ("db grant ROLE: give the app's PostgreSQL role what it needs and no UPDATE, DELETE or TRUNCATE on AuditEntries (run as the owner)", Features.Audit.DatabaseRoles.RunAsync),
        ["help"] = ("list the verbs", (_, _) => Task.FromResult(Help())),
    };

    public static bool IsVerb(string[] args) => args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=');

    public static async Task<int> RunAsync(string[] args)
    {
        if (!All.TryGetValue(args[0], out var verb))
        {
            Console.Error.WriteLine($"未知命令 unknown verb: {args[0]}");
            Help();
            return 64;
        }
        if (args[0] == "help") return Help();

        var builder = WebApplication.CreateBuilder(args[1..]);
        builder.Host.UseSerilog((context, logger) => logger.ReadFrom.Configuration(context.Configuration).MinimumLevel.Warning());
        builder.AddCore();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem($"cli:{Environment.UserName}");
        return await verb.Run(scope.ServiceProvider, args[1..]);
    }

    /// <summary>The steps of the long verbs, as the progress line names them.</summary>
    private static readonly Dictionary<string, string> StepNames = new()
    {
        ["reading"] = "读取 reading", ["checking"] = "校验 checking", ["planning"] = "比对 planning", ["writing"] = "写入 writing",
        ["companies"] = "企业 companies", ["projects"] = "项目 projects", ["funds"] = "资金 funds", ["activities"] = "活动 activities",
    };

    private static int Help()
    {
        Console.WriteLine("用法 usage: InvestTrack VERB [options]");
        foreach (var (name, (help, _)) in All) Console.WriteLine($"  {name,-12} {help}");
        return 0;
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, string[] args)
    {
        var loaded = await DatabaseSetup.MigrateAsync(services);
        Console.WriteLine(loaded ? "schema migrated; reference data loaded" : "schema migrated");
        if (services.GetRequiredService<IConfiguration>()["Database:AppRole"] is { Length: > 0 } appRole
            && services.GetRequiredService<DatabaseSettings>().Provider == DatabaseProviderKind.Postgres)
        {
            await Features.Audit.DatabaseRoles.GrantAsync(services.GetRequiredService<AppDbContext>(), appRole);
            Console.WriteLine($"role {appRole}: granted the app's rights (no UPDATE or DELETE on AuditEntries)");
        }
        var users = services.GetRequiredService<UserManager<AppUser>>();
        if ((await users.GetUsersInRoleAsync(Roles.SystemAdmin)).Count == 0)
        {
            var db = services.GetRequiredService<AppDbContext>();
            var settings = db.CitySettings.Single();
            var cityUnit = db.Units.Single(u => u.Code == settings.CityUnitCode);
            var password = DemoData.OneTimePassword();
            var admin = new AppUser
            {
                UserName = "admin", DisplayName = "系统管理员", UnitId = cityUnit.Id, MustChangePassword = true,
                PasswordChangedAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow,
            };
            var result = await users.CreateAsync(admin, password);
            if (result.Succeeded) result = await users.AddToRoleAsync(admin, Roles.SystemAdmin);
            if (!result.Succeeded)
            {
                Console.Error.WriteLine(string.Join("; ", result.Errors.Select(e => e.Description)));
                return 1;
            }
            Console.WriteLine($"system admin created: admin / {password}  (one-time password: change it at first sign-in)");
        }
        return 0;
    }

    private static async Task<int> DemoDataAsync(IServiceProvider services, string[] args)
    {
        var created = await DemoData.SeedAsync(services, oneTimePasswords: true);
        foreach (var (userName, password) in created)
            Console.WriteLine($"  {userName,-10} {password}   (one-time password)");
        Console.WriteLine(created.Count == 0 ? "demo data already present" : "demo data added");
        return 0;
    }

    private static async Task<int> GenerateAsync(IServiceProvider services, string[] args)
    {
        var projects = VerbArgs.Int(args, "--projects");
        var seed = VerbArgs.Int(args, "--seed") ?? 1;
        var funds = args.Contains("--funds") ? VerbArgs.Int(args, "--funds") : 0;
        var leads = args.Contains("--leads") ? VerbArgs.Int(args, "--leads") : projects * 3 / 2;
        // Proportional by default: the province-sized city of 200 000 projects has 50 000 activities.
        var activities = args.Contains("--activities") ? VerbArgs.Int(args, "--activities") : projects / 4;
        if (projects is not > 0 || funds is not >= 0 || leads is not >= 0 || activities is not >= 0)
        {
            Console.Error.WriteLine("用法 usage: generate --projects N [--funds F] [--leads L] [--activities A] [--seed S]   (N > 0, F ≥ 0, L ≥ 0, A ≥ 0)");
            return 64;
        }
        var db = services.GetRequiredService<AppDbContext>();
        var prefix = $"S{seed}-";
        if (await db.Projects.AnyAsync(p => p.Code.StartsWith(prefix)))
        {
            Console.Error.WriteLine($"seed {seed} was already generated into this database; use another --seed");
            return 1;
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var progress = ConsoleProgress.ForConsole(StepNames);
        var result = await Features.Demo.SyntheticCity.GenerateAsync(db, services.GetRequiredService<Features.Audit.AuditLog>(), projects.Value, seed, funds.Value, activities.Value,
            progress: progress);
        progress.Finish();
        Console.WriteLine($"generated {result.Projects} projects, {result.Companies} companies, {result.Funds} funds records and {result.Activities} activities in {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();
        var (leadCount, converted) = await Features.Demo.SyntheticLeads.GenerateAsync(db, new Random(seed), seed, leads.Value, DateTimeOffset.UtcNow);
        Console.WriteLine($"generated {leadCount} leads ({converted} converted into projects) in {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private static async Task<int> CheckTotalsAsync(IServiceProvider services, string[] args)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var differences = await Features.Funds.FundsTotalsCheck.CompareAsync(db);
        foreach (var d in differences.Take(100)) Console.WriteLine(d);
        if (differences.Count > 100) Console.WriteLine($"… {differences.Count - 100} more");
        if (differences.Count == 0)
        {
            Console.WriteLine("到位资金汇总与台账一致 / the funds totals match the ledger");
            return 0;
        }
        Console.WriteLine($"{differences.Count} 处不一致 / differences between the funds totals and the ledger");
        if (!args.Contains("--repair")) return 1;
        await Features.Funds.FundsTotalsCheck.RebuildAsync(db);
        var left = await Features.Funds.FundsTotalsCheck.CompareAsync(db);
        Console.WriteLine(left.Count == 0 ? "已重建 / rebuilt: the totals match the ledger" : $"{left.Count} 处仍不一致 / differences remain");
        return left.Count == 0 ? 0 : 1;
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string[] args)
    {
        var path = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !a.Contains('='));
        if (path is null)
        {
            Console.Error.WriteLine("用法 usage: import FILE");
            return 64;
        }
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"文件不存在 file not found: {path}");
            return 66;
        }
        ImportResult result;
        var progress = ConsoleProgress.ForConsole(StepNames);
        await using (var file = File.OpenRead(path)) result = await services.GetRequiredService<ProjectImport>().CommitAsync(file, path, progress: progress);
        progress.Finish();
        foreach (var warning in result.Warnings) Console.WriteLine($"warning {ImportText.Line(warning)}");
        foreach (var problem in result.Problems) Console.WriteLine($"problem {ImportText.Line(problem)}");
        if (!result.Ok)
        {
            Console.WriteLine($"{result.Problems.Count} problems; nothing imported");
            return 1;
        }
        var c = result.Counts;
        if (c.Rows > 0 || (result.Funds is not { Rows: > 0 } && result.Activities is not { Rows: > 0 }))
            Console.WriteLine($"rows {c.Rows}: created {c.Created}, updated {c.Updated}, unchanged {c.Unchanged}, companies created {c.CompaniesCreated}");
        if (result.Funds is { Rows: > 0 } f)
            Console.WriteLine($"funds rows {f.Rows}: created {f.Created}, updated {f.Updated}, unchanged {f.Unchanged}, audited {f.Audited}");
        if (result.Activities is { Rows: > 0 } a)
            Console.WriteLine($"activity rows {a.Rows}: created {a.Created}, updated {a.Updated}, unchanged {a.Unchanged}");
        return 0;
    }
}
