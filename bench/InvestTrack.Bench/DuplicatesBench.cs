using System.Diagnostics;
using InvestTrack.Features.Companies;

namespace InvestTrack.Bench;

/// <summary>
/// `duplicates [count] [rounds]`: times the company directory's duplicate scan (DuplicateFinder.Find) over random
/// eight-character names plus one near pair, and checks that the pair is found. No database: the scan is in memory.
/// </summary>
public static class DuplicatesBench
{
    private const string Chars = "安北长城德东发丰光广国海恒华吉嘉金京康科蓝利联龙美明南鹏平荣瑞盛顺泰天通万伟祥新鑫信兴阳业益永宇元源远泽正智中";

    public static Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        var rounds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var random = new Random(42);
        var companies = Enumerable.Range(1, count).Select(i =>
            new NameEntry(i, new string(Enumerable.Range(0, 8).Select(_ => Chars[random.Next(Chars.Length)]).ToArray()) + "有限公司", null)).ToList();
        companies.Add(new NameEntry(count + 1, "四平市新能源汽车零部件有限公司", null));
        companies.Add(new NameEntry(count + 2, "四平新能源汽车零部件有限公司", null));
        for (var round = 1; round <= rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var pairs = DuplicateFinder.Find(companies);
            var found = pairs.Any(p => p.FirstId == count + 1 && p.SecondId == count + 2);
            Console.WriteLine($"round {round}: {count:N0} companies scanned in {clock.Elapsed.TotalSeconds:0.00} s, {pairs.Count} pairs, near pair found: {found}");
            if (!found) return Task.FromResult(1);
        }
        return Task.FromResult(0);
    }
}
