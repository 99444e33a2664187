using System.Diagnostics;
using InvestTrack.Data;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;

// `figures …` times the dispatch report and the dashboard against plain SQL (FiguresBench).
if (args.Length > 0 && args[0] == "figures") return await InvestTrack.Bench.FiguresBench.RunAsync(args[1..]);
// `settings …` times them under several session settings, interleaved (FiguresBench.SettingsAsync).
if (args.Length > 0 && args[0] == "settings") return await InvestTrack.Bench.FiguresBench.SettingsAsync(args[1..]);
// `cache …` times answers from the figures cache against cold computations (FiguresCacheBench).
if (args.Length > 0 && args[0] == "cache") return await InvestTrack.Bench.FiguresCacheBench.RunAsync(args[1..]);
// `search …` times the project list's text search: the app's indexed form against the plain LIKE (SearchBench).
if (args.Length > 0 && args[0] == "search") return await InvestTrack.Bench.SearchBench.RunAsync(args[1..]);
// `copy-baseline …` writes a new ledger's rows by bare binary COPY: the yardstick of `import` (CopyBaseline).
if (args.Length > 0 && args[0] == "copy-baseline") return await InvestTrack.Bench.CopyBaseline.RunAsync(args[1..]);
// `yield …` times the lead source-yield figures against the best hand-written SQL (YieldBench).
if (args.Length > 0 && args[0] == "yield") return await InvestTrack.Bench.YieldBench.RunAsync(args[1..]);
// `activities …` times the activities sentence against the best hand-written SQL for its figures (ActivitiesBench).
if (args.Length > 0 && args[0] == "activities") return await InvestTrack.Bench.ActivitiesBench.RunAsync(args[1..]);
// `duplicates …` times the company directory's duplicate scan in memory (DuplicatesBench).
if (args.Length > 0 && args[0] == "duplicates") return await InvestTrack.Bench.DuplicatesBench.RunAsync(args[1..]);
// `warnings-setup …` gives every warning rule subjects on a generated city: lead clocks, targets, progress, plans (WarningsSetup).
if (args.Length > 0 && args[0] == "warnings-setup") return await InvestTrack.Bench.WarningsSetup.RunAsync(args[1..]);
// `warnings …` times one full warning run against the same run written by hand in SQL, same rows checked (WarningsBench).
if (args.Length > 0 && args[0] == "warnings") return await InvestTrack.Bench.WarningsBench.RunAsync(args[1..]);
// `bulletin …` times one monthly bulletin, content to .docx and .xlsx (BulletinBench).
if (args.Length > 0 && args[0] == "bulletin") return await InvestTrack.Bench.BulletinBench.RunAsync(args[1..]);
// `load …` signs in virtual users and loads the real app over HTTP on loopback (LoadRun).
if (args.Length > 0 && args[0] == "load") return await InvestTrack.Bench.LoadRun.RunAsync(args[1..]);

// Times the project list's queries on a database made by `generate` (see bench/README.md).
// usage: dotnet run --project bench/InvestTrack.Bench -c Release -- "Host=…;Database=…" [rounds]
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: InvestTrack.Bench CONNECTION_STRING [rounds]");
    return 64;
}
var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
var settings = new DatabaseSettings { Provider = args[0].Contains("Host=", StringComparison.OrdinalIgnoreCase) ? DatabaseProviderKind.Postgres : DatabaseProviderKind.Sqlite, ConnectionString = args[0] };
var options = settings.BuildOptions();
var user = new CurrentUser();
user.SetSystem("bench");

var cases = new (string Name, ProjectFilter Filter)[]
{
    ("first page", new ProjectFilter()),
    ("page 1000", new ProjectFilter(Page: 1000)),
    ("text search", new ProjectFilter(Text: "精酿")),
    ("stage + tier + origin", new ProjectFilter(Stage: ProjectStage.Signed, Tier: InvestmentTier.Yi, Origin: OriginClass.OtherProvince)),
    ("signed year, by investment desc", new ProjectFilter(SignedYear: DateTime.UtcNow.Year - 1, Sort: ProjectSort.PlannedInvestment, Descending: true)),
};

await using (var warm = settings.CreateContext(options, user)) await ProjectQueries.PageAsync(warm, new ProjectFilter());
Console.WriteLine($"{"case",-34} {"median ms",10} {"max ms",8} {"total rows",11}");
foreach (var (name, filter) in cases)
{
    var times = new List<double>();
    var total = 0;
    for (var i = 0; i < rounds; i++)
    {
        await using var db = settings.CreateContext(options, user);
        var clock = Stopwatch.StartNew();
        total = (await ProjectQueries.PageAsync(db, filter)).Total;
        times.Add(clock.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"{name,-34} {times[times.Count / 2],10:0.0} {times[^1],8:0.0} {total,11}");
}
return 0;
