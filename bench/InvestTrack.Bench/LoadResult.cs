using System.Globalization;

namespace InvestTrack.Bench;

/// <summary>
/// One run: a scenario at a number of users under a data condition. Percentiles are over every request that finished,
/// errors included (a timed-out one counts with its full time), so that neither a fast error nor a dropped slow request
/// flatters them; the errors column says how many of them were errors. The p95 of the city-wide sessions (city staff, the
/// leader) and of the county and zone sessions are shown apart: a county's figures are a fraction of the city's work.
/// </summary>
public sealed record LoadResult(
    string Scenario, int Users, string Condition, double[] SortedMs, double[] CityWideMs, double[] UnitMs, IReadOnlyDictionary<string, int> Errors, TimeSpan Elapsed,
    long PeakRss, double Load1, string Audits)
{
    public int Requests => SortedMs.Length;
    public int ErrorCount => Errors.Values.Sum();
    public double Throughput => Requests / Elapsed.TotalSeconds;
    public double P(double percent) => Percentile(SortedMs, percent);

    /// <summary>Nearest rank: the smallest value that at least <paramref name="percent"/> % of the values do not exceed.</summary>
    public static double Percentile(double[] sorted, double percent)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public const string Header =
        "| scenario | users | condition | requests | errors | req/s | p50 ms | p95 ms | p99 ms | p95 city-wide | p95 county | peak RSS MB | load (1 min) | audits ok/sent, p95 ms |\n" +
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|";

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Scenario} | {Users} | {Condition} | {Requests} | {ErrorCount} | {Throughput:0.0} | {Ms(P(50))} | {Ms(P(95))} | {Ms(P(99))} | {Ms(Percentile(CityWideMs, 95))} | {Ms(Percentile(UnitMs, 95))} | {Mb(PeakRss)} | {Load1:0.00} | {Audits} |");

    private static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms.ToString("0", CultureInfo.InvariantCulture);

    public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture);
}
