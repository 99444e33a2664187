namespace InvestTrack.Features.Targets;

/// <summary>A target as stored (null when none is set) and the version it was read at, for optimistic concurrency.</summary>
public sealed record TargetCell(long? Value, int? Version);

/// <summary>A row of the grid: a unit, or the whole city when <see cref="UnitId"/> is null.</summary>
public sealed record TargetRow(int? UnitId, string Name, IReadOnlyDictionary<TargetIndicator, TargetCell> Cells);

public sealed record TargetGrid(int Year, bool CanEdit, IReadOnlyList<TargetRow> Rows);

/// <summary>A unit's (or the city's) standing against its targets by month M.</summary>
public sealed record ProgressRow(int? UnitId, string Name, IReadOnlyList<TargetProgress> Items);

/// <summary>The indicators in the order the page, the template and the import use them.</summary>
public static class TargetIndicators
{
    public static readonly IReadOnlyList<TargetIndicator> All =
        [TargetIndicator.Funds, TargetIndicator.Signings, TargetIndicator.YiSignings, TargetIndicator.Starts5000, TargetIndicator.Production];

    /// <summary>The 指标 column's fixed Chinese names (docs/import-format.md: the sheet 年度目标).</summary>
    public static string SheetName(TargetIndicator indicator) => indicator switch
    {
        TargetIndicator.Funds => "到位资金(万元)",
        TargetIndicator.Signings => "签约项目",
        TargetIndicator.YiSignings => "亿元以上签约项目",
        TargetIndicator.Starts5000 => "开复工5000万元以上项目",
        TargetIndicator.Production => "竣工投产项目",
        _ => indicator.ToString(),
    };

    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    /// <summary>A cap far above any real count, so that a typo cannot overflow a sum (amounts: Kernel.AmountRule).</summary>
    public const long MaxCount = 1_000_000;
}
