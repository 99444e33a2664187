using System.Diagnostics;
using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Leads;
using InvestTrack.Infrastructure.Auth;
using Npgsql;

namespace InvestTrack.Bench;

/// <summary>
/// `yield CONNECTION [rounds]` (PostgreSQL): the source-yield page for each ranking (source kind, referrer, talent
/// workstation) — the first page of 50 groups by the page's order and the number of groups — as the app computes it
/// (<see cref="SourceYield.CountAsync"/> and <see cref="SourceYield.ComputeAsync"/>: the distinct keys, one grouped
/// statement paged in SQL, the medians of the page's groups from their signed leads' dates) against the best hand-written
/// SQL: one statement, count(*) OVER () for the total, LIMIT 50, then the funds (through the leads' projects) and the median
/// (percentile_cont) for the 50 groups only. Alternating runs; prints the medians, the ratio and whether the figures and
/// the order agree.
/// </summary>
public static class YieldBench
{
    private const int PageSize = 50;

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
        Console.WriteLine($"{"ranking",-12} {"groups",7} {"app ms",8} {"best ms",8} {"app/best",8}  same figures");
        var failed = false;
        foreach (var by in Enum.GetValues<YieldBy>())
        {
            var (app, best) = (new List<double>(), new List<double>());
            (int Total, IReadOnlyList<YieldRow> Rows) appPage = (0, []);
            (int Total, List<YieldRow> Rows) bestPage = (0, []);
            for (var i = 0; i < rounds + 1; i++)
            {
                var clock = Stopwatch.StartNew();
                await using (var db = settings.CreateContext(options, user))
                    appPage = (await SourceYield.CountAsync(db, by, null, default), await SourceYield.ComputeAsync(db, by, null, default, 0, PageSize));
                var a = clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                bestPage = await BestAsync(settings.ConnectionString, by);
                var b = clock.Elapsed.TotalMilliseconds;
                if (i == 0) continue; // warm-up
                app.Add(a);
                best.Add(b);
            }
            // The names are the app's addition; the figures and the order must agree.
            var same = appPage.Total == bestPage.Total && appPage.Rows.Select(r => r with { WorkstationName = null }).SequenceEqual(bestPage.Rows);
            failed |= !same;
            var (ma, mb) = (Timing.Median(app), Timing.Median(best));
            Console.WriteLine($"{by,-12} {appPage.Total,7} {ma,8:0.0} {mb,8:0.0} {ma / mb,8:0.00}  {(same ? "yes" : "NO")}");
        }
        return failed ? 1 : 0;
    }

    /// <summary>One statement per ranking: grouped, ordered and limited in SQL, the medians of the page's groups only.</summary>
    private static async Task<(int Total, List<YieldRow> Rows)> BestAsync(string connectionString, YieldBy by)
    {
        var (key, where, match) = by switch
        {
            YieldBy.Referrer => ("\"SourceKind\" AS k1, \"Referrer\" AS k2, NULL::int AS k3", "WHERE \"Referrer\" IS NOT NULL",
                "s.\"Referrer\" = g.k2 AND s.\"SourceKind\" = g.k1"),
            YieldBy.Workstation => ("0 AS k1, NULL::text AS k2, \"WorkstationId\" AS k3", "WHERE \"WorkstationId\" IS NOT NULL", "s.\"WorkstationId\" = g.k3"),
            _ => ("\"SourceKind\" AS k1, NULL::text AS k2, NULL::int AS k3", "", "s.\"SourceKind\" = g.k1"),
        };
        // The order needs no funds: the funds and the medians are computed for the page's 50 groups only, each in one pass
        // over the page's leads (hash joins; a key's text and number compared with coalesce so that they can hash).
        const string same = "coalesce(a.k2, '') = coalesce(b.k2, '') AND coalesce(a.k3, -1) = coalesce(b.k3, -1) AND a.k1 = b.k1";
        var sql = $"""
            WITH l AS NOT MATERIALIZED (SELECT {key}, "ProjectId", "RegisteredOn" FROM "Leads" {where}),
            g AS (SELECT k1, k2, k3, count(*) AS leads, count(l."ProjectId") AS projects, count(p."SignedOn") AS signed,
                         sum(coalesce(p."ContractedInvestment", 0)) AS contracted
                  FROM l LEFT JOIN "Projects" p ON p."Id" = l."ProjectId"
                  GROUP BY k1, k2, k3),
            page AS (SELECT g.*, count(*) OVER () AS total FROM g
                     ORDER BY signed DESC, contracted DESC, projects DESC, leads DESC, k1, k2 COLLATE "C", k3 LIMIT {PageSize}),
            pl AS (SELECT a.* FROM l a JOIN page b ON {same} WHERE a."ProjectId" IS NOT NULL),
            f AS (SELECT pl.k1, pl.k2, pl.k3, sum(t."Through12") AS funds FROM pl JOIN "FundsYearTotals" t ON t."ProjectId" = pl."ProjectId" GROUP BY 1, 2, 3),
            m AS (SELECT pl.k1, pl.k2, pl.k3, percentile_cont(0.5) WITHIN GROUP (ORDER BY p."SignedOn" - pl."RegisteredOn") AS median
                  FROM pl JOIN "Projects" p ON p."Id" = pl."ProjectId" WHERE p."SignedOn" IS NOT NULL GROUP BY 1, 2, 3)
            SELECT b.k1, b.k2, b.k3, b.leads, b.projects, b.signed, b.contracted, coalesce(a.funds, 0), m.median, b.total
            FROM page b LEFT JOIN f a ON {same} LEFT JOIN m ON coalesce(m.k2, '') = coalesce(b.k2, '') AND coalesce(m.k3, -1) = coalesce(b.k3, -1) AND m.k1 = b.k1
            ORDER BY b.signed DESC, b.contracted DESC, b.projects DESC, b.leads DESC, b.k1, b.k2 COLLATE "C", b.k3
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await using var reader = await command.ExecuteReaderAsync();
        var (rows, total) = (new List<YieldRow>(), 0);
        while (await reader.ReadAsync())
        {
            rows.Add(new YieldRow(by == YieldBy.Workstation ? null : (LeadSourceKind)reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2), (int)reader.GetInt64(3), (int)reader.GetInt64(4), (int)reader.GetInt64(5),
                Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(7), CultureInfo.InvariantCulture),
                reader.IsDBNull(8) ? null : reader.GetDouble(8)));
            total = (int)reader.GetInt64(9);
        }
        return (total, rows);
    }
}
