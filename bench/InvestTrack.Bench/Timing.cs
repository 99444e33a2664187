using System.Diagnostics;

namespace InvestTrack.Bench;

/// <summary>Wall-clock milliseconds of one run, and the median of several.</summary>
internal static class Timing
{
    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalMilliseconds;
    }

    public static double Median(List<double> times)
    {
        times.Sort();
        return times[times.Count / 2];
    }
}
