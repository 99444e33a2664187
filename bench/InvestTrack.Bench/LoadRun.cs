using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using InvestTrack.Data;
using Npgsql;

namespace InvestTrack.Bench;

/// <summary>
/// `load CONNECTION [options]` (issue 10 item 6): the real app over HTTP on loopback, signed-in virtual users in a closed
/// loop (each sends its next request when the previous answer is in, no pause), each scenario at each number of users,
/// with the data unchanged and while a city user audits one funds record a second. Prints a table and the app's memory.
/// </summary>
public static partial class LoadRun
{
    // Half the virtual users see the whole city (城市 staff and a leader), half one county or zone each.
    private static readonly string[] CityWide = ["city", "leader"];
    private static readonly string[] Units = ["tiexi", "tiedong", "lishu", "lishuzone"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (LoadOptions.Parse(args) is not { } options) return 64;
        using var cancel = new CancellationTokenSource();
        // Ctrl-C, kill (SIGTERM) or a closed terminal stop the run and then the app; a second signal ends at once.
        void Stop(PosixSignalContext signal)
        {
            if (cancel.IsCancellationRequested) return;
            signal.Cancel = true;
            Console.Error.WriteLine($"{signal.Signal}: stopping the run and the app …");
            cancel.Cancel();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
        var ct = cancel.Token;
        var maxUsers = options.Users.Max();
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, maxUsers + 8), Math.Max(io, maxUsers + 8));
        try
        {
            await DescribeAsync(options, ct);
            var passwords = await DemoUsersAsync(options, ct);
            return await WithAppAsync(options, passwords, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine("cancelled; the app is stopped");
            return 130;
        }
        catch (InvalidOperationException e)
        {
            // A refused sign-in, a wrong answer in the warm-up, an empty audit queue: the message says which; the app is stopped.
            Console.Error.WriteLine($"load run failed: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> WithAppAsync(LoadOptions options, Dictionary<string, string> passwords, CancellationToken ct)
    {
        Console.WriteLine($"starting {options.AppPath} …");
        await using var app = await LoadApp.StartAsync(options.AppPath, options.ConnectionString, ct);
        var started = app.Rss();
        Console.WriteLine($"app pid {app.ProcessId} at {app.Address}, RSS {LoadResult.Mb(started)} MB");
        try
        {
            return await MeasureAsync(options, app, passwords, started, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Console.Error.WriteLine($"the app's last lines:\n{app.Tail()}");
            throw;
        }
    }

    private static async Task<int> MeasureAsync(LoadOptions options, LoadApp app, Dictionary<string, string> oneTime, long started, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        })
        { BaseAddress = app.Address, Timeout = options.Timeout + TimeSpan.FromSeconds(10) };

        // One session per account first: it changes a one-time password and finds the account's projects and search terms.
        var random = new Random(options.Seed);
        var first = new Dictionary<string, LoadSession>();
        var ids = new Dictionary<string, List<int>>();
        List<JsonElement> cityRows = [];
        foreach (var account in CityWide.Concat(Units))
        {
            first[account] = await LoadSession.SignInAsync(http, account, oneTime.GetValueOrDefault(account, options.Password),
                oneTime.ContainsKey(account) ? options.Password : null, ct);
            var rows = await SampleProjectsAsync(http, first[account], random, ct);
            if (rows.Count == 0) throw new InvalidOperationException($"{account} sees no projects: run generate first");
            ids[account] = [.. rows.Select(r => r.GetProperty("id").GetInt32()).Distinct()];
            if (account == "city") cityRows = rows;
        }
        var terms = SearchTerms(cityRows, random);
        Console.WriteLine($"search terms: {string.Join("  ", terms)}");

        var users = new List<LoadUser>();
        for (var i = 0; i < options.Users.Max(); i++)
        {
            var account = i % 2 == 0 ? CityWide[i / 2 % CityWide.Length] : Units[i / 2 % Units.Length];
            var session = !users.Any(u => u.Session.Account == account)
                ? first[account] : await LoadSession.SignInAsync(http, account, options.Password, null, ct);
            users.Add(new LoadUser(session, ids[account], options.Seed * 1000 + i));
        }
        var auditor = new LoadAuditor(http, await LoadSession.SignInAsync(http, "city", options.Password, null, ct));
        Console.WriteLine($"{users.Count} sessions signed in ({string.Join(", ", users.GroupBy(u => u.Session.Account).Select(g => $"{g.Key} ×{g.Count()}"))}) and the auditor");

        // Idle: signed in, nothing asked for a few seconds.
        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        var idle = app.Rss();
        app.TakePeak();
        Console.WriteLine($"idle before the load: RSS {LoadResult.Mb(idle)} MB");

        var results = new List<LoadResult>();
        var warmed = new HashSet<string>();
        foreach (var condition in options.Conditions)
        {
            if (condition == "auditing") await auditor.PrepareAsync(ct);
            foreach (var name in options.Scenarios)
            {
                var scenario = LoadScenario.Of(name, options.Year, options.Month, terms);
                if (warmed.Add(name)) await WarmUpAsync(http, scenario, users.DistinctBy(u => u.Session.Account), options.Timeout, ct);
                foreach (var count in options.Users)
                {
                    var result = await RunOnceAsync(http, scenario, users.Take(count).ToList(), condition == "auditing" ? auditor : null, app, options, condition, ct);
                    results.Add(result);
                    Console.WriteLine($"  {result.Row()}");
                    await Task.Delay(TimeSpan.FromSeconds(2), ct);
                }
            }
        }

        // After: nothing asked for a while; the lowest reading shows what the app gives back, the last one where it stays.
        Console.WriteLine($"waiting {options.Settle.TotalSeconds:0} s without load …");
        var lowest = long.MaxValue;
        var settleClock = Stopwatch.StartNew();
        while (settleClock.Elapsed < options.Settle)
        {
            lowest = Math.Min(lowest, app.Rss());
            await Task.Delay(250, ct);
        }
        var after = app.Rss();

        Console.WriteLine();
        Console.WriteLine(LoadResult.Header);
        foreach (var r in results) Console.WriteLine(r.Row());
        Console.WriteLine();
        foreach (var r in results.Where(r => r.ErrorCount > 0))
            Console.WriteLine($"errors of {r.Scenario}/{r.Users}/{r.Condition}: {string.Join(", ", r.Errors.Select(e => $"{e.Key} ×{e.Value}"))}");
        foreach (var r in results.Where(r => r.Requests < 5 * r.Users))
            Console.WriteLine($"note {r.Scenario}/{r.Users}/{r.Condition}: {r.Requests / (double)r.Users:0.0} requests per user — few rounds; a longer --seconds gives steadier percentiles");
        foreach (var name in options.Scenarios) Console.WriteLine($"{name}: {LoadScenario.Of(name, options.Year, options.Month, terms).What}");
        var peak = results.Count == 0 ? 0 : results.Max(r => r.PeakRss);
        Console.WriteLine($"app RSS MB: started {LoadResult.Mb(started)}, idle before {LoadResult.Mb(idle)}, peak during {LoadResult.Mb(peak)}, " +
            $"{options.Settle.TotalSeconds:0} s after the last run {LoadResult.Mb(after)} (lowest {LoadResult.Mb(lowest)})");
        Goals(results, idle, after);
        Console.WriteLine($"load average now: {LoadAverage()}");
        return results.Any(r => r.ErrorCount > 0) ? 1 : 0;
    }

    /// <summary>One run: every user in its loop for the run's length; requests under way at the end are waited for and counted.</summary>
    private static async Task<LoadResult> RunOnceAsync(HttpClient http, LoadScenario scenario, List<LoadUser> users, LoadAuditor? auditor, LoadApp app,
        LoadOptions options, string condition, CancellationToken ct)
    {
        app.TakePeak();
        using var auditing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var audits = auditor?.RunAsync(auditing.Token) ?? Task.CompletedTask;
        var clock = Stopwatch.StartNew();
        var stopAt = Stopwatch.GetTimestamp() + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        var loops = await Task.WhenAll(users.Select(u => Task.Run(() => UserLoopAsync(http, u, scenario, stopAt, options, ct), ct)));
        var elapsed = clock.Elapsed;
        await auditing.CancelAsync();
        await audits;
        ct.ThrowIfCancellationRequested();
        var peak = app.TakePeak();
        var samples = loops.SelectMany(l => l).ToList();
        double[] Sorted(bool cityWide) => [.. users.Zip(loops).Where(x => CityWide.Contains(x.First.Session.Account) == cityWide).SelectMany(x => x.Second).Select(s => s.Ms).Order()];
        var errors = samples.Where(s => s.Error is not null).GroupBy(s => s.Error!).ToDictionary(g => g.Key, g => g.Count());
        var auditText = auditor is null ? "" : $"{auditor.Ok}/{auditor.Sent}, {LoadResult.Percentile(auditor.Times(), 95):0}"
            + (auditor.Errors.Count == 0 ? "" : $" ({string.Join(", ", auditor.Errors.Select(e => $"{e.Key} ×{e.Value}"))})");
        return new LoadResult(scenario.Name, users.Count, condition, [.. samples.Select(s => s.Ms).Order()], Sorted(true), Sorted(false),
            errors, elapsed, peak, Load1(), auditText);
    }

    private static async Task<List<(double Ms, string? Error)>> UserLoopAsync(HttpClient http, LoadUser user, LoadScenario scenario, long stopAt,
        LoadOptions options, CancellationToken ct)
    {
        var samples = new List<(double, string?)>();
        user.Answers = 0;
        while (Stopwatch.GetTimestamp() < stopAt && !ct.IsCancellationRequested)
        {
            var path = scenario.Path(user);
            var check = user.Answers++ % options.VerifyEvery == 0;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Timeout);
            var start = Stopwatch.GetTimestamp();
            string? error = null;
            try
            {
                using var request = user.Session.Request(HttpMethod.Get, path);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                user.Session.Remember(response);
                // The whole body is read either way: the time is until the last byte is in.
                if (check || !response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsStringAsync(timeout.Token);
                    var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    error = !response.IsSuccessStatusCode ? $"HTTP {(int)response.StatusCode}" : scenario.Looks(path, body) ? null : "wrong body";
                    samples.Add((ms, error));
                    continue;
                }
                await response.Content.CopyToAsync(Stream.Null, timeout.Token);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (OperationCanceledException)
            {
                error = "timeout";
            }
            catch (HttpRequestException e)
            {
                error = $"network: {e.HttpRequestError}";
            }
            samples.Add((Stopwatch.GetElapsedTime(start).TotalMilliseconds, error));
        }
        return samples;
    }

    /// <summary>One request per account, one after another, unmeasured: compiled code and a warm database for the first run.</summary>
    private static async Task WarmUpAsync(HttpClient http, LoadScenario scenario, IEnumerable<LoadUser> users, TimeSpan timeout, CancellationToken ct)
    {
        var times = new List<string>();
        foreach (var user in users)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(timeout);
            var clock = Stopwatch.StartNew();
            var path = scenario.Path(user);
            using var response = await user.Session.SendAsync(http, HttpMethod.Get, path, null, limit.Token);
            var body = await response.Content.ReadAsStringAsync(limit.Token);
            if (!response.IsSuccessStatusCode || !scenario.Looks(path, body))
                throw new InvalidOperationException($"{scenario.Name} as {user.Session.Account}: {path} answered {(int)response.StatusCode} and not what it should: {Excerpt(body)}");
            times.Add($"{user.Session.Account} {clock.Elapsed.TotalMilliseconds:0} ms");
        }
        Console.WriteLine($"warm-up {scenario.Name}: {string.Join(", ", times)}");
    }

    /// <summary>The start of what a page says (its main content's text) or of a JSON answer.</summary>
    private static string Excerpt(string body)
    {
        var main = body.IndexOf("mud-main-content", StringComparison.Ordinal);
        var text = body.StartsWith('<') ? Whitespace().Replace(Tags().Replace(body[Math.Max(0, main)..], " "), " ").Trim() : body;
        return text[..Math.Min(text.Length, 400)];
    }

    [GeneratedRegex("<script.*?</script>|<style.*?</style>|<[^>]*>", RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Rows of the account's project list: the first page and four pages at random (100 rows each).</summary>
    private static async Task<List<JsonElement>> SampleProjectsAsync(HttpClient http, LoadSession session, Random random, CancellationToken ct)
    {
        var rows = new List<JsonElement>();
        var pages = 1;
        foreach (var pick in new[] { 1, 0, 0, 0, 0 })
        {
            var page = pick == 1 ? 1 : random.Next(1, pages + 1);
            using var response = await session.SendAsync(http, HttpMethod.Get, $"/api/projects?pageSize=100&page={page}", null, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{session.Account}: /api/projects answered {(int)response.StatusCode} {body}");
            var root = JsonDocument.Parse(body).RootElement;
            pages = Math.Max(1, (root.GetProperty("total").GetInt32() + 99) / 100);
            rows.AddRange(root.GetProperty("rows").EnumerateArray());
        }
        return rows;
    }

    /// <summary>
    /// Twelve terms as people type them, drawn from real rows: 3–4 Chinese characters of a project's name (from its longest
    /// run of them: the product and kind, not a leading 年产), a project code without its last two digits (a hundred codes),
    /// and the start of an investor's name.
    /// </summary>
    private static List<string> SearchTerms(List<JsonElement> rows, Random random)
    {
        var names = new HashSet<string>();
        var codes = new HashSet<string>();
        var investors = new HashSet<string>();
        string Row(string property) => rows[random.Next(rows.Count)].GetProperty(property).GetString() ?? "";
        for (var tries = 0; tries < 200 && (names.Count < 4 || codes.Count < 4 || investors.Count < 4); tries++)
        {
            if (Chinese().Matches(Row("name")).Select(m => m.Value).MaxBy(r => r.Length) is { Length: >= 3 } run && names.Count < 4)
            {
                var length = Math.Min(run.Length, random.Next(3, 5));
                names.Add(run.Substring(random.Next(run.Length - length + 1), length));
            }
            if (Row("code") is { Length: > 4 } code && codes.Count < 4) codes.Add(code[..^2]);
            if (Chinese().Match(Row("investorName")) is { Success: true, Length: >= 2 } investor && investors.Count < 4)
                investors.Add(investor.Value[..Math.Min(4, investor.Length)]);
        }
        return [.. names, .. codes, .. investors];
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}+")]
    private static partial Regex Chinese();

    /// <summary>
    /// The demo users (city staff, a leader, four county and zone users) through the program's own verb: `demo-data`
    /// creates them with one-time passwords, printed once; the first sign-in changes them to the load run's password.
    /// </summary>
    private static async Task<Dictionary<string, string>> DemoUsersAsync(LoadOptions options, CancellationToken ct)
    {
        var (code, output) = await LoadApp.RunVerbAsync(options.AppPath, options.ConnectionString, ct, "demo-data");
        if (code != 0) throw new InvalidOperationException($"demo-data failed ({code}):\n{output}");
        var created = OneTimeLine().Matches(output).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Console.WriteLine(created.Count > 0
            ? $"demo users created: {string.Join(", ", created.Keys)}; their password becomes {options.Password}"
            : $"demo users present: signing in with {options.Password} (--password)");
        return created;
    }

    [GeneratedRegex(@"^\s+(\S+)\s+(\S+)\s+\(one-time password\)", RegexOptions.Multiline)]
    private static partial Regex OneTimeLine();

    /// <summary>The machine and the database, printed before the run so that the numbers can be read in context.</summary>
    private static async Task DescribeAsync(LoadOptions options, CancellationToken ct)
    {
        var memory = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) ?? "";
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {memory.Replace("MemTotal:", "memory", StringComparison.Ordinal).Trim()}, load average {LoadAverage()}");
        var session = DatabaseSettings.WithPostgresDefaults(options.ConnectionString);
        await using var connection = new NpgsqlConnection(session);
        await connection.OpenAsync(ct);
        await using (var version = new NpgsqlCommand("SELECT version()", connection))
            Console.WriteLine($"database: {await version.ExecuteScalarAsync(ct)}");
        var settings = new List<string>();
        await using (var show = new NpgsqlCommand("""
            SELECT name || '=' || setting || coalesce(unit, '') FROM pg_settings
            WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'max_connections', 'max_parallel_workers_per_gather',
                           'jit', 'random_page_cost', 'fsync', 'synchronous_commit')
            ORDER BY name
            """, connection))
        await using (var reader = await show.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) settings.Add(reader.GetString(0));
        Console.WriteLine($"settings (this session, with the app's session options '{new NpgsqlConnectionStringBuilder(session).Options}'): {string.Join(", ", settings)}");
        await using (var counts = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM "Projects"), (SELECT count(*) FROM "FundsRecords"), (SELECT count(*) FROM "FundsRecords" WHERE "Status" = 0)
            """, connection))
        await using (var reader = await counts.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            Console.WriteLine($"data: {reader.GetInt64(0):N0} projects, {reader.GetInt64(1):N0} funds records ({reader.GetInt64(2):N0} pending); period {options.Year}年1-{options.Month}月");
        }
        // Server GC keeps more memory than workstation GC: the RSS readings depend on it.
        var runtime = File.ReadAllText(Path.ChangeExtension(options.AppPath, ".runtimeconfig.json"));
        var gcVariables = System.Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("DOTNET_GC", StringComparison.OrdinalIgnoreCase)).Order();
        Console.WriteLine($"app GC: {(runtime.Contains("\"System.GC.Server\": true", StringComparison.Ordinal) ? "server" : "workstation")} (runtimeconfig.json); " +
            $"DOTNET_GC* variables: {string.Join(", ", gcVariables.Select(k => $"{k}={System.Environment.GetEnvironmentVariable(k)}").DefaultIfEmpty("none"))}");
        Console.WriteLine($"runs: {options.Duration.TotalSeconds:0} s each, users {string.Join(",", options.Users)}, scenarios {string.Join(",", options.Scenarios)}, conditions {string.Join(",", options.Conditions)}");
    }

    /// <summary>Issue 10's goals for this run, as far as its rows cover them.</summary>
    private static void Goals(List<LoadResult> results, long idle, long after)
    {
        void Goal(string what, IEnumerable<LoadResult> rows, Func<LoadResult, double> value, double limit, string unit)
        {
            foreach (var r in rows)
            {
                var v = value(r);
                Console.WriteLine($"goal {what} ({r.Scenario}, {r.Users} users, {r.Condition}): {v:0} {unit} — {(v < limit && r.ErrorCount == 0 ? "met" : "NOT MET")}");
            }
        }
        bool At20(LoadResult r) => r.Users == 20;
        Goal("p95 < 200 ms", results.Where(r => At20(r) && r.Condition == "unchanged" && r.Scenario is "dashboard" or "dispatch" or "dashboard-api" or "dispatch-api"), r => r.P(95), 200, "ms");
        Goal("p95 < 1500 ms while auditing", results.Where(r => At20(r) && r.Condition == "auditing" && r.Scenario is "dashboard" or "dispatch" or "dashboard-api" or "dispatch-api"), r => r.P(95), 1500, "ms");
        Goal("search p95 < 300 ms", results.Where(r => At20(r) && r.Scenario == "search"), r => r.P(95), 300, "ms");
        var peak = results.Count == 0 ? 0 : results.Max(r => r.PeakRss);
        Console.WriteLine($"goal RSS < 1 GB during the run: peak {LoadResult.Mb(peak)} MB — {(peak < 1L << 30 ? "met" : "NOT MET")}");
        // "Back near idle" read as: at most half as much again as before the load.
        Console.WriteLine($"goal back near idle after (≤ 1.5 × idle {LoadResult.Mb(idle)} MB): {LoadResult.Mb(after)} MB — {(after <= idle * 3 / 2 ? "met" : "NOT MET")}");
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static double Load1() => double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
