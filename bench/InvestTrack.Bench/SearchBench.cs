using System.Diagnostics;
using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Bench;

/// <summary>
/// `search CONNECTION [rounds] [term …]`: the project list's text search (count + first page of 50, as the list asks) as
/// the app runs it (<see cref="ProjectQueries.PageAsync"/>: the indexes on PostgreSQL) against two yardsticks, alternating:
/// the plain LIKE over the three columns (<see cref="ProjectTextSearch.Scan"/>, what the issue measures against) and, on
/// PostgreSQL, the best hand-written SQL with the same indexes (<see cref="BestSql"/>: the count through the index-answered
/// arms, and of the two page forms — every match sorted, or the code index walked — whichever was faster in that round,
/// selecting ids only; or the plain LIKE when that was faster still, as for a term that every row holds). Prints the medians, both ratios and whether all found the same rows.
/// </summary>
public static class SearchBench
{
    /// <summary>Terms of the synthetic city (`generate`): products (5 % of projects each), investors' names, codes.</summary>
    public static readonly string[] DefaultTerms = ["鑫", "精酿", "华泰", "S1", "风电装备", "华泰00012", "S1-000012", "000123", "有限公司"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: InvestTrack.Bench search CONNECTION_STRING [rounds] [term …]");
            return 64;
        }
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var terms = args.Length > 2 ? args[2..] : DefaultTerms;
        var postgres = args[0].Contains("Host=", StringComparison.OrdinalIgnoreCase);
        var settings = new DatabaseSettings
        {
            Provider = postgres ? DatabaseProviderKind.Postgres : DatabaseProviderKind.Sqlite,
            ConnectionString = postgres ? DatabaseSettings.WithPostgresDefaults(args[0]) : args[0],
        };
        var options = settings.BuildOptions();
        var user = new CurrentUser();
        user.SetSystem("bench");

        Console.WriteLine($"{"term",-12} {"matches",8} {"app ms",8} {"LIKE ms",8} {"best ms",8} {"app/LIKE",8} {"app/best",8}  same rows");
        var failed = false;
        foreach (var term in terms)
        {
            var (app, like, best) = (new List<double>(), new List<double>(), new List<double>());
            (int Total, List<int> Ids) appResult = (0, []), likeResult = (0, []), bestResult = (0, []);
            for (var i = 0; i < rounds + 1; i++)
            {
                // Alternating, so that all meet the same load of a shared machine; the first round only warms up.
                var a = await TimeAsync(() => PageAsync(settings, options, user, term, indexed: true));
                var l = await TimeAsync(() => PageAsync(settings, options, user, term, indexed: false));
                var b = postgres ? await BestSql.TimeAsync(settings.ConnectionString, term) : (Result: l.Result, Ms: double.NaN);
                (appResult, likeResult, bestResult) = (a.Result, l.Result, b.Result);
                if (i == 0) continue;
                app.Add(a.Ms);
                like.Add(l.Ms);
                best.Add(Math.Min(b.Ms, l.Ms)); // the plain scan is the best SQL for a term that every row holds
            }
            var same = appResult.Total == likeResult.Total && appResult.Ids.SequenceEqual(likeResult.Ids)
                && bestResult.Total == likeResult.Total && bestResult.Ids.SequenceEqual(likeResult.Ids);
            failed |= !same;
            Console.WriteLine($"{term,-12} {appResult.Total,8} {Median(app),8:0.0} {Median(like),8:0.0} {Median(best),8:0.0} " +
                $"{Median(app) / Median(like),8:0.00} {Median(app) / Median(best),8:0.00}  {(same ? "yes" : "NO")}");
        }
        return failed ? 1 : 0;
    }

    /// <summary>The list's two queries: the count and the first page by code (the app's through ProjectQueries.PageAsync).</summary>
    private static async Task<(int Total, List<int> Ids)> PageAsync(DatabaseSettings settings, Microsoft.EntityFrameworkCore.DbContextOptions options,
        CurrentUser user, string term, bool indexed)
    {
        await using var db = settings.CreateContext(options, user);
        if (indexed)
        {
            // As the list asks: its count, then the first page in code order (the dense form from ProjectQueries.DenseMatches matches).
            var page = await ProjectQueries.PageAsync(db, new ProjectFilter(Text: term));
            return (page.Total, page.Rows.Select(r => r.Id).ToList());
        }
        var query = ProjectTextSearch.Scan(db, db.Projects, term).AsNoTracking();
        var total = await query.CountAsync();
        var ids = await query.OrderBy(p => p.Code).Take(50).Select(p => p.Id).ToListAsync();
        return (total, ids);
    }

    private static async Task<(T Result, double Ms)> TimeAsync<T>(Func<Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        var result = await work();
        return (result, clock.Elapsed.TotalMilliseconds);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
