using static InvestTrack.Infrastructure.CommandLine.VerbArgs;

namespace InvestTrack.Features.Statistics;

/// <summary>`report dispatch --year Y --month M [--unit U]`: the paragraph on standard output, for scripts and checks.</summary>
public static class DispatchVerb
{
    private const string Usage = "用法 usage: report dispatch --year Y --month M [--unit 单位代码或名称]";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length == 0 || args[0] != "dispatch" || Int(args, "--year") is not { } year || Int(args, "--month") is not { } month)
        {
            Console.Error.WriteLine(Usage);
            return 64;
        }
        var reports = services.GetRequiredService<DispatchReport>();
        var (known, unitId) = await UnitAsync(args, unit => reports.FindUnitAsync(unit));
        if (!known) return 65;
        var (report, error) = await reports.ComputeAsync(year, month, unitId);
        if (report is null)
        {
            Console.Error.WriteLine(error == DispatchReportError.BadPeriod ? $"年份或月份无效 invalid year or month: {year}-{month}" : $"{error}");
            return 65;
        }
        Console.WriteLine(report.Paragraph);
        return 0;
    }
}
