using InvestTrack.Features.Assessment;

namespace InvestTrack.Features.WeeklyDispatch;

/// <summary>
/// 调度按时率 for assessment: per submitting unit, the weeks submitted on time ÷ the weeks due × 100 (per cent, exact),
/// over the weeks whose deadline falls in months 1 to M of the year and has passed (<see cref="WeeklyDispatchPunctuality"/>).
/// A late submission is not on time. A unit with no week due is left out (no rate), so it is not scored on it.
/// </summary>
public sealed class DispatchPunctualitySource(WeeklyDispatchPunctuality punctuality) : IAssessmentIndicatorSource
{
    public string Code => AssessmentIndicators.DispatchPunctuality;

    public async Task<IReadOnlyDictionary<int, decimal>> ActualsAsync(IndicatorQuery query, CancellationToken ct)
    {
        var from = new DateOnly(query.Year, 1, 1);
        var to = new DateOnly(query.Year, query.Month, DateTime.DaysInMonth(query.Year, query.Month));
        var rows = await punctuality.ForRangeAsync(from, to, ct);
        return rows.Where(r => r.WeeksDue > 0).ToDictionary(r => r.UnitId, r => r.OnTime * 100m / r.WeeksDue);
    }
}
