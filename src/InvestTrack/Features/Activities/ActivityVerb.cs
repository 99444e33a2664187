using static InvestTrack.Infrastructure.CommandLine.VerbArgs;

namespace InvestTrack.Features.Activities;

/// <summary>
/// `report activities --year Y --from M1 --to M2 [--unit U] [--leader-level 市级|县级|部门]`: the sentence on standard
/// output (exit 0); bad arguments are named on standard error (64 usage, 65 a value that is wrong).
/// </summary>
public static class ActivityVerb
{
    private const string Usage = "用法 usage: report activities --year Y --from M1 --to M2 [--unit 单位代码或名称] [--leader-level 市级|县级|部门]";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (Text(args, "--year") is null || Text(args, "--to") is null)
        {
            Console.Error.WriteLine(Usage);
            return 64;
        }
        if (Int(args, "--year") is not { } year || Int(args, "--to") is not { } to || (Text(args, "--from") is not null && Int(args, "--from") is null))
        {
            Console.Error.WriteLine($"年份或月份不是整数 year or month is not a whole number. {Usage}");
            return 64;
        }
        var from = Int(args, "--from") ?? 1;
        if (ActivityPeriod.Of(year, from, to) is null)
        {
            Console.Error.WriteLine($"年份或月份无效 invalid year or months: {year} {from}–{to} (1 ≤ M1 ≤ M2 ≤ 12)");
            return 65;
        }
        LeaderLevel? level = null;
        if (Text(args, "--leader-level") is { } levelText)
        {
            if (!ActivityText.Levels.TryGetValue(levelText.Trim(), out var l))
            {
                Console.Error.WriteLine($"领导层级应为 市级、县级 或 部门 leader level must be 市级, 县级 or 部门: {levelText}");
                return 65;
            }
            level = l;
        }
        var reports = services.GetRequiredService<ActivityReport>();
        var (known, unitId) = await UnitAsync(args, unit => reports.FindUnitAsync(unit));
        if (!known) return 65;
        var (report, error) = await reports.ComputeAsync(year, from, to, unitId, level, records: false);
        if (report is null)
        {
            Console.Error.WriteLine($"{error}");
            return 65;
        }
        Console.WriteLine(report.Sentence);
        return 0;
    }
}
