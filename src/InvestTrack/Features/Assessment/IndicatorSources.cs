using InvestTrack.Data;
using InvestTrack.Features.Activities;
using InvestTrack.Features.Statistics;
using InvestTrack.Features.Targets;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Assessment;

/// <summary>
/// Where an indicator's actual comes from: per unit id, for year Y, months 1 to M, through the user's unit filter.
/// Register one per indicator code (AddAssessment); a scheme that uses an indicator with no registered source cannot be
/// published. Units absent from the answer have an actual of 0. Counts are counts; funds are 万元; a rate is per cent.
/// </summary>
public interface IAssessmentIndicatorSource
{
    string Code { get; }

    Task<IReadOnlyDictionary<int, decimal>> ActualsAsync(IndicatorQuery query, CancellationToken ct);
}

/// <summary>
/// One computation's database, period and configured thresholds, and the statistics module's per-unit actuals computed
/// once for all the indicators that read them.
/// </summary>
public sealed class IndicatorQuery(AppDbContext db, int year, int month, StatisticsOptions options)
{
    private Task<Dictionary<int, Dictionary<TargetIndicator, long>>>? _targetActuals;

    public AppDbContext Db => db;
    public int Year => year;
    public int Month => month;
    public StatisticsOptions Options => options;

    /// <summary>TargetActuals (statistics.md through the statistics module), the figures /targets shows.</summary>
    public Task<Dictionary<int, Dictionary<TargetIndicator, long>>> TargetActualsAsync(CancellationToken ct) =>
        _targetActuals ??= TargetActuals.ByUnitAsync(db, year, month, ct, options);
}

/// <summary>An indicator with an annual target: its actual is TargetActuals' (funds in 万元 from stored hundredths).</summary>
public sealed class TargetIndicatorSource(string code, TargetIndicator indicator) : IAssessmentIndicatorSource
{
    public string Code => code;

    public async Task<IReadOnlyDictionary<int, decimal>> ActualsAsync(IndicatorQuery query, CancellationToken ct)
    {
        var byUnit = await query.TargetActualsAsync(ct);
        return byUnit.Where(u => u.Value.ContainsKey(indicator))
            .ToDictionary(u => u.Key, u => AssessmentFigures.FromStored(indicator, u.Value[indicator]));
    }
}

/// <summary>
/// 招商活动: the activities of statistics.md "Activities" — 走出去 and 请进来 together, every leader level — counted in the
/// period of their start date (ActivityQueries, the figures of /reports/activities).
/// </summary>
public sealed class ActivitiesSource : IAssessmentIndicatorSource
{
    public string Code => AssessmentIndicators.Activities;

    public async Task<IReadOnlyDictionary<int, decimal>> ActualsAsync(IndicatorQuery query, CancellationToken ct)
    {
        var period = ActivityPeriod.Of(query.Year, 1, query.Month) ?? throw new ArgumentOutOfRangeException(nameof(query));
        return await ActivityQueries.Of(query.Db, period, null, null).AsNoTracking()
            .GroupBy(a => a.UnitId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => (decimal)g.Count, ct);
    }
}

public static class AssessmentFigures
{
    /// <summary>A stored actual or target as the ranking shows it: 万元 for funds (stored in hundredths), else the count.</summary>
    public static decimal FromStored(TargetIndicator indicator, long value) => indicator == TargetIndicator.Funds ? value / 100m : value;
}

public static class AssessmentServices
{
    /// <summary>
    /// The sources of the indicators built so far. 调度按时率 (dispatch-punctuality) and 督办按期办结率 (orders-on-time) come
    /// from weekly dispatch and supervision orders, which register their own source (orders-on-time: OrderServices); until
    /// then a scheme using one is refused at publication ("暂无数据来源"). No stand-in is registered on purpose.
    /// </summary>
    public static IServiceCollection AddAssessment(this IServiceCollection services)
    {
        services.AddSingleton<IAssessmentIndicatorSource>(new TargetIndicatorSource(AssessmentIndicators.Funds, TargetIndicator.Funds));
        services.AddSingleton<IAssessmentIndicatorSource>(new TargetIndicatorSource(AssessmentIndicators.Signings, TargetIndicator.Signings));
        services.AddSingleton<IAssessmentIndicatorSource>(new TargetIndicatorSource(AssessmentIndicators.YiSignings, TargetIndicator.YiSignings));
        services.AddSingleton<IAssessmentIndicatorSource>(new TargetIndicatorSource(AssessmentIndicators.Starts5000, TargetIndicator.Starts5000));
        services.AddSingleton<IAssessmentIndicatorSource>(new TargetIndicatorSource(AssessmentIndicators.Production, TargetIndicator.Production));
        services.AddSingleton<IAssessmentIndicatorSource, ActivitiesSource>();
        return services.AddScoped<SchemeService>().AddScoped<RankingService>();
    }
}
