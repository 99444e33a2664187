using System.Diagnostics;
using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Leads;
using InvestTrack.Infrastructure.Auth;
using Npgsql;

namespace InvestTrack.Bench;

/// <summary>
/// `yield CONNECTION [rounds]` (PostgreSQL): the source-yield page's figures for each ranking (source kind, referrer,
/// talent workstation) as the app computes them (<see cref="SourceYield.ComputeAsync"/>: four grouped queries, the median
/// from the signed leads' dates) against the best hand-written SQL — one statement, counts, exact sums and the median
/// (percentile_cont) in the database, over the indexes the model has (Leads (SourceKind, ProjectId), Projects' key,
/// FundsYearTotals (ProjectId, Year)). Alternating runs; prints the medians, the ratio and whether the figures agree.
/// </summary>
public static class YieldBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1 || !args[0].Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine("usage: InvestTrack.Bench yield POSTGRES_CONNECTION_STRING [rounds]");
            return 64;
        }
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var settings = new DatabaseSettings { Provider = DatabaseProviderKind.Postgres, ConnectionString = DatabaseSettings.WithPostgresDefaults(args[0]) };
        var options = settings.BuildOptions();
        var user = new CurrentUser();
        user.SetSystem("bench");
        Console.WriteLine($"{"ranking",-12} {"rows",6} {"leads",8} {"app ms",8} {"best ms",8} {"app/best",8}  same figures");
        var failed = false;
        foreach (var by in Enum.GetValues<YieldBy>())
        {
            var (app, best) = (new List<double>(), new List<double>());
            IReadOnlyList<YieldRow> appRows = [];
            List<YieldRow> bestRows = [];
            for (var i = 0; i < rounds + 1; i++)
            {
                var clock = Stopwatch.StartNew();
                await using (var db = settings.CreateContext(options, user)) appRows = await SourceYield.ComputeAsync(db, by, null, default);
                var a = clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                bestRows = await BestAsync(settings.ConnectionString, by);
                var b = clock.Elapsed.TotalMilliseconds;
                if (i == 0) continue; // warm-up
                app.Add(a);
                best.Add(b);
            }
            var key = (YieldRow r) => (r.Source, r.Referrer, r.WorkstationId);
            var same = appRows.Count == bestRows.Count && appRows.OrderBy(key).Zip(bestRows.OrderBy(key)).All(p => p.First == p.Second);
            failed |= !same;
            var (ma, mb) = (Timing.Median(app), Timing.Median(best));
            Console.WriteLine($"{by,-12} {appRows.Count,6} {appRows.Sum(r => r.Leads),8} {ma,8:0.0} {mb,8:0.0} {ma / mb,8:0.00}  {(same ? "yes" : "NO")}");
        }
        return failed ? 1 : 0;
    }

    /// <summary>One statement per ranking: the figures grouped in SQL, the median by percentile_cont over day counts.</summary>
    private static async Task<List<YieldRow>> BestAsync(string connectionString, YieldBy by)
    {
        var (key, where) = by switch
        {
            YieldBy.Referrer => ("\"SourceKind\" AS k1, \"Referrer\" AS k2, NULL::int AS k3", "WHERE \"Referrer\" IS NOT NULL"),
            YieldBy.Workstation => ("0 AS k1, NULL::text AS k2, \"WorkstationId\" AS k3", "WHERE \"WorkstationId\" IS NOT NULL"),
            _ => ("\"SourceKind\" AS k1, NULL::text AS k2, NULL::int AS k3", ""),
        };
        var sql = $"""
            WITH l AS (SELECT {key}, "ProjectId", "RegisteredOn" FROM "Leads" {where}),
            c AS (SELECT k1, k2, k3, count(*) AS leads, count("ProjectId") AS projects FROM l GROUP BY k1, k2, k3),
            p AS (SELECT l.k1, l.k2, l.k3, count(p."SignedOn") AS signed, sum(coalesce(p."ContractedInvestment", 0)) AS contracted,
                         percentile_cont(0.5) WITHIN GROUP (ORDER BY p."SignedOn" - l."RegisteredOn") FILTER (WHERE p."SignedOn" IS NOT NULL) AS median
                  FROM l JOIN "Projects" p ON p."Id" = l."ProjectId" GROUP BY l.k1, l.k2, l.k3),
            f AS (SELECT l.k1, l.k2, l.k3, sum(t."Through12") AS funds FROM l JOIN "FundsYearTotals" t ON t."ProjectId" = l."ProjectId" GROUP BY l.k1, l.k2, l.k3)
            SELECT c.k1, c.k2, c.k3, c.leads, c.projects, coalesce(p.signed, 0), coalesce(p.contracted, 0), coalesce(f.funds, 0), p.median
            FROM c LEFT JOIN p ON p.k1 = c.k1 AND p.k2 IS NOT DISTINCT FROM c.k2 AND p.k3 IS NOT DISTINCT FROM c.k3
                   LEFT JOIN f ON f.k1 = c.k1 AND f.k2 IS NOT DISTINCT FROM c.k2 AND f.k3 IS NOT DISTINCT FROM c.k3
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<YieldRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new YieldRow(by == YieldBy.Workstation ? null : (LeadSourceKind)reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4), (int)reader.GetInt64(5),
                Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(7), CultureInfo.InvariantCulture),
                reader.IsDBNull(8) ? null : reader.GetDouble(8)));
        }
        return rows;
    }
}
