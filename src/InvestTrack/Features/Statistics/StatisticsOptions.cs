using InvestTrack.Features.ReferenceData;
using InvestTrack.Kernel;

namespace InvestTrack.Features.Statistics;

/// <summary>
/// The thresholds and the counted source of statistics.md, bound from configuration section "Statistics".
/// Amounts are in 万元 as people write them; the queries compare hundredths (Kernel/Money).
/// </summary>
public sealed class StatisticsOptions
{
    public const string Section = "Statistics";

    /// <summary>省调度: planned total investment at least this (万元).</summary>
    public decimal DispatchThresholdWan { get; set; } = 1000m;
    /// <summary>The source whose audited funds the dispatch counts (省外).</summary>
    public OriginClass CountedSource { get; set; } = OriginClass.OtherProvince;
    /// <summary>亿元以上签约: contracted investment at least this (万元).</summary>
    public decimal YiSigningThresholdWan { get; set; } = 10000m;
    /// <summary>开复工5000万元以上: planned total investment at least this (万元).</summary>
    public decimal StartsThresholdWan { get; set; } = 5000m;
    /// <summary>The administrator's wording of the dispatch paragraph; null or empty means the default.</summary>
    public string? DispatchTemplate { get; set; }

    public long DispatchThreshold => Hundredths(DispatchThresholdWan);
    public long YiSigningThreshold => Hundredths(YiSigningThresholdWan);
    public long StartsThreshold => Hundredths(StartsThresholdWan);

    public string Template => string.IsNullOrWhiteSpace(DispatchTemplate) ? DispatchText.DefaultTemplate : DispatchTemplate;

    private static long Hundredths(decimal wan) =>
        Money.TryFromWan(wan, out var h) ? h : throw new InvalidOperationException($"Statistics: {wan} is not an amount in 万元 with at most two decimals");

    /// <summary>Problems of the configured values, checked at start-up so a bad template never reaches a report.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, wan) in new[] { (nameof(DispatchThresholdWan), DispatchThresholdWan), (nameof(YiSigningThresholdWan), YiSigningThresholdWan), (nameof(StartsThresholdWan), StartsThresholdWan) })
            if (!Money.TryFromWan(wan, out _)) yield return $"Statistics:{name} = {wan}: not an amount in 万元 (≥ 0, at most two decimals)";
        if (!Enum.IsDefined(CountedSource)) yield return $"Statistics:{nameof(CountedSource)}: unknown source";
        foreach (var problem in ParagraphTemplate.Check(Template, DispatchText.Placeholders)) yield return $"Statistics:{nameof(DispatchTemplate)}: {problem}";
    }
}
