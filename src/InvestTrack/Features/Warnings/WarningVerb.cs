using InvestTrack.Features.Supervision;

namespace InvestTrack.Features.Warnings;

/// <summary>`warnings run [--xun 2026-11-3]`: runs a 旬 (by default the last complete one) and prints its counts.</summary>
public static class WarningVerb
{
    private const string Usage = "用法 usage: warnings run [--xun 2026-11-3]   (旬: YYYY-MM-1 上旬, -2 中旬, -3 下旬; default: the last complete 旬)";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length == 0 || args[0] != "run")
        {
            Console.Error.WriteLine(Usage);
            return 64;
        }
        var runs = services.GetRequiredService<WarningRunService>();
        var xun = runs.LastCompleteXun();
        var at = Array.IndexOf(args, "--xun");
        if (at >= 0)
        {
            if (at + 1 >= args.Length || !Xun.TryParse(args[at + 1], out xun))
            {
                Console.Error.WriteLine($"“{(at + 1 < args.Length ? args[at + 1] : "")}”不是旬 / not a 旬. {Usage}");
                return 64;
            }
        }
        try
        {
            var summary = await runs.RunAsync(xun, $"cli:{Environment.UserName}");
            Console.WriteLine($"{summary.Label} ({summary.Xun}): 红色 red {summary.Red}, 黄色 yellow {summary.Yellow}, 绿色 green {summary.Green}; " +
                $"{summary.Projects} projects, {summary.Units} units, {summary.Leads} leads in {summary.DurationMs} ms");
            return 0;
        }
        catch (WarningRunRefused refused)
        {
            Console.Error.WriteLine(refused.Message);
            return 65;
        }
    }
}
