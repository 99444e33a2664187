using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Activities;
using InvestTrack.Infrastructure.Auth;
using Npgsql;

namespace InvestTrack.Bench;

/// <summary>
/// `activities CONNECTION [rounds] [year]`: the activities sentence for the whole city, months 1–12 of a year, as the app
/// computes it (<see cref="ActivityQueries.ComputeAsync"/>, the wording in force, the city's short name) against the best
/// hand-written SQL for the same figures (one statement over the same indexes), alternating. Prints both medians, the
/// ratio and whether the figures agree. PostgreSQL only.
/// </summary>
public static class ActivitiesBench
{
    private const string BestSql = """
        WITH a AS (SELECT "Id", "Kind", "Meetings", "Intentions" FROM "Activities" WHERE "StartOn" BETWEEN @first AND @last)
        SELECT
          (SELECT count(*) FROM a WHERE "Kind" = 1),
          (SELECT count(DISTINCT d."ProvinceCode") FROM "ActivityDestinations" d JOIN a ON a."Id" = d."ActivityId" AND a."Kind" = 1),
          (SELECT count(DISTINCT d."CityCode") FROM "ActivityDestinations" d JOIN a ON a."Id" = d."ActivityId" AND a."Kind" = 1),
          c.companies, c.associations, c.universities, c.parks,
          (SELECT coalesce(sum("Intentions"), 0) FROM a WHERE "Kind" = 1),
          (SELECT count(*) FROM a WHERE "Kind" = 2),
          (SELECT count(DISTINCT v."Name") FROM "ActivityCounterparts" v JOIN a ON a."Id" = v."ActivityId" AND a."Kind" = 2),
          (SELECT coalesce(sum("Meetings"), 0) FROM a WHERE "Kind" = 2)
        FROM (SELECT count(DISTINCT o."Name") FILTER (WHERE o."Type" = 1) AS companies, count(DISTINCT o."Name") FILTER (WHERE o."Type" = 2) AS associations,
                     count(DISTINCT o."Name") FILTER (WHERE o."Type" = 3) AS universities, count(DISTINCT o."Name") FILTER (WHERE o."Type" = 4) AS parks
              FROM "ActivityCounterparts" o JOIN a ON a."Id" = o."ActivityId" AND a."Kind" = 1) c
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 1 || !args[0].Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine("usage: InvestTrack.Bench activities POSTGRES_CONNECTION_STRING [rounds] [year]");
            return 64;
        }
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var year = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : DateTime.UtcNow.Year - 1;
        var settings = new DatabaseSettings { Provider = DatabaseProviderKind.Postgres, ConnectionString = DatabaseSettings.WithPostgresDefaults(args[0]) };
        var options = settings.BuildOptions();
        var user = new CurrentUser();
        user.SetSystem("bench");
        var period = ActivityPeriod.Of(year, 1, 12)!;

        var (app, best) = (new List<double>(), new List<double>());
        (ActivityFigures? Figures, string Sentence) appResult = (null, "");
        int[] bestResult = [];
        for (var i = 0; i < rounds + 1; i++)
        {
            // Alternating, so that both meet the same load of a shared machine; the first round only warms up.
            var a = await Timing.TimeAsync(async () =>
            {
                await using var db = settings.CreateContext(options, user);
                var figures = await ActivityQueries.ComputeAsync(db, period, null, "全市", null, await ActivityReport.CityShortNameAsync(db, default), default);
                appResult = (figures, ActivityWording.Sentence(figures, await ActivityTemplates.EffectiveAsync(db, default)));
            });
            var b = await Timing.TimeAsync(async () => bestResult = await BestAsync(settings.ConnectionString, period));
            if (i == 0) continue;
            app.Add(a);
            best.Add(b);
        }
        var f = appResult.Figures!;
        int[] mine = [f.Outbound, f.Regions, f.Cities, f.Companies, f.Associations, f.Universities, f.Parks, f.Intentions, f.Inbound, f.Visitors, f.Meetings];
        var same = mine.SequenceEqual(bestResult);
        Console.WriteLine(appResult.Sentence);
        Console.WriteLine($"{"app ms",8} {"best ms",8} {"app/best",8}  same figures");
        Console.WriteLine($"{Timing.Median(app),8:0.0} {Timing.Median(best),8:0.0} {Timing.Median(app) / Timing.Median(best),8:0.00}  {(same ? "yes" : "NO")}");
        return same ? 0 : 1;
    }

    private static async Task<int[]> BestAsync(string connection, ActivityPeriod period)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(BestSql, conn);
        cmd.Parameters.AddWithValue("first", period.First);
        cmd.Parameters.AddWithValue("last", period.Last);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return [.. Enumerable.Range(0, 11).Select(i => Convert.ToInt32(reader.GetValue(i), CultureInfo.InvariantCulture))];
    }
}
