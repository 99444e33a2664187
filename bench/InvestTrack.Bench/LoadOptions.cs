using System.Globalization;

namespace InvestTrack.Bench;

/// <summary>The load run's command line (`load CONNECTION [options]`); every option has a default that matches issue 10.</summary>
public sealed record LoadOptions(
    string ConnectionString, string AppPath, TimeSpan Duration, IReadOnlyList<int> Users, IReadOnlyList<string> Scenarios,
    IReadOnlyList<string> Conditions, int Year, int Month, string Password, TimeSpan Settle, TimeSpan Timeout, int VerifyEvery, int Seed)
{
    public const string Usage = """
        usage: InvestTrack.Bench load POSTGRES_CONNECTION_STRING [options]
          --seconds S        each run's length: every virtual user repeats requests for S seconds (default 30)
          --users 20,100     concurrent signed-in users of each run (default 20,100)
          --scenarios LIST   dashboard, dispatch, search, project (default), and dashboard-api, dispatch-api, project-api
          --conditions LIST  unchanged, auditing (default both): auditing = a city user audits one pending funds record a second
          --year Y --month M the period of the dashboard and the dispatch report (default: this month, China time)
          --settle S         seconds to wait after the last run before the "after" memory reading (default 45)
          --timeout S        a request that takes longer is an error (default 120)
          --verify-every K   check the body of each user's first and every K-th answer (default 10; 1 = all)
          --password P       the password the demo users get (default Load#Run2026x); on a database where the demo users
                             exist already, the password they have
          --app PATH         the built InvestTrack.dll (default src/InvestTrack/bin/Release/net10.0/InvestTrack.dll)
          --seed N           seed of the random choices (ids, search terms; default 1)
        """;

    public static readonly string[] AllScenarios = ["dashboard", "dispatch", "search", "project", "dashboard-api", "dispatch-api", "project-api"];
    public static readonly string[] AllConditions = ["unchanged", "auditing"];

    /// <summary>The options, or null with the reason written to stderr.</summary>
    public static LoadOptions? Parse(string[] args)
    {
        if (args.Length < 1 || !args[0].Contains("Host=", StringComparison.OrdinalIgnoreCase))
            return Fail("the first argument must be a PostgreSQL connection string");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) return Fail($"unexpected argument {args[i]}");
            values[args[i][2..]] = args[i + 1];
        }
        var known = new[] { "seconds", "users", "scenarios", "conditions", "year", "month", "settle", "timeout", "verify-every", "password", "app", "seed" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown) return Fail($"unknown option --{unknown}");

        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var scenarios = List(values, "scenarios", "dashboard,dispatch,search,project");
        var conditions = List(values, "conditions", "unchanged,auditing");
        if (scenarios.FirstOrDefault(s => !AllScenarios.Contains(s)) is { } s) return Fail($"unknown scenario {s}");
        if (conditions.FirstOrDefault(c => !AllConditions.Contains(c)) is { } c) return Fail($"unknown condition {c}");
        var users = List(values, "users", "20,100").Select(u => int.Parse(u, CultureInfo.InvariantCulture)).ToList();
        if (users.Any(u => u < 1)) return Fail("--users must be positive");
        var app = values.GetValueOrDefault("app") ?? FindApp();
        if (app is null || !File.Exists(app))
            return Fail($"the app is not built: {app ?? "src/InvestTrack/bin/Release/net10.0/InvestTrack.dll"} (dotnet build InvestTrack.slnx -c Release, or --app PATH)");
        return new LoadOptions(
            args[0], Path.GetFullPath(app), TimeSpan.FromSeconds(Number(values, "seconds", 30)), users, scenarios, conditions,
            Number(values, "year", now.Year), Number(values, "month", now.Month), values.GetValueOrDefault("password") ?? "Load#Run2026x",
            TimeSpan.FromSeconds(Number(values, "settle", 45)), TimeSpan.FromSeconds(Number(values, "timeout", 120)),
            Math.Max(1, Number(values, "verify-every", 10)), Number(values, "seed", 1));
    }

    /// <summary>The Release build of the app, looked for from the current directory upwards (the repository's root or below it).</summary>
    private static string? FindApp()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "InvestTrack", "bin", "Release", "net10.0", "InvestTrack.dll");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static List<string> List(Dictionary<string, string> values, string key, string fallback) =>
        [.. (values.GetValueOrDefault(key) ?? fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static int Number(Dictionary<string, string> values, string key, int fallback) =>
        values.TryGetValue(key, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static LoadOptions? Fail(string reason)
    {
        Console.Error.WriteLine(reason);
        Console.Error.WriteLine(Usage);
        return null;
    }
}
