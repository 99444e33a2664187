using InvestTrack.Features.Supervision;
using InvestTrack.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InvestTrack.UnitTests.Supervision;

/// <summary>A scheme or snapshot that cannot be scored is refused with every problem, in Chinese (and English).</summary>
public class AssessmentValidationTests
{
    private static readonly IStringLocalizer<SupervisionResource> T = new StringLocalizer<SupervisionResource>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static List<string> Messages(AssessmentScheme scheme, params UnitAssessmentInput[] units)
    {
        var outcome = AssessmentScoring.Score(scheme, units);
        Assert.False(outcome.Succeeded);
        Assert.Empty(outcome.Units);
        return [.. outcome.Problems.Select(p => p.Message(T))];
    }

    private static UnitAssessmentInput Unit(string code, string indicator, decimal actual, decimal? target) =>
        new(code, [new IndicatorFigure(indicator, actual, target)], []);

    [Fact]
    public void Weights_must_sum_to_100()
    {
        var scheme = new AssessmentScheme([new AssessmentIndicator("funds", 60), new AssessmentIndicator("signings", 35)], []);
        Assert.Equal(["权重合计须为100，当前为95"], Messages(scheme, Unit("A", "funds", 1, 1)));
        Assert.Equal(["权重合计须为100，当前为0"], Messages(new AssessmentScheme([], [])));
    }

    [Fact]
    public void A_target_of_zero_is_refused()
    {
        var scheme = new AssessmentScheme([new AssessmentIndicator("funds", 100)], []);
        Assert.Equal(["单位“A”的指标“funds”目标为0，目标须大于0。"], Messages(scheme, Unit("A", "funds", 5, 0), Unit("B", "funds", 5, 10)));
    }

    [Fact]
    public void Every_problem_is_listed()
    {
        var scheme = new AssessmentScheme(
            [
                new AssessmentIndicator("funds", 0),
                new AssessmentIndicator("funds", 50, Ceiling: 1.2m),
                new AssessmentIndicator("starts", 50, ScoringMethod.Ratio, Cap: 0m),
                new AssessmentIndicator("yi", 10, Ceiling: 0.5m, Floor: 0.8m),
            ],
            [new AdjustmentItem("late", -1m, IsBonus: false)]);
        var units = new[]
        {
            new UnitAssessmentInput("A", [new IndicatorFigure("other", 1, 1)], [new UnitAdjustment("gift"), new UnitAdjustment("late", -1)]),
            Unit("A", "funds", 1, -5),
        };
        Assert.Equal(
            [
                "指标“funds”的权重须为正整数，当前为0。",
                "指标“funds”须同时设定上限和下限，或都不设定。",
                "指标“starts”的封顶值须大于0。",
                "指标“yi”的上限不能低于下限。",
                "指标“funds”重复。",
                "权重合计须为100，当前为110",
                "加减分项“late”的分值不能为负数。",
                "单位“A”重复。",
                "单位“A”的指标“other”不在考核方案中。",
                "单位“A”的加减分项“gift”不在考核方案中。",
                "单位“A”的加减分项“late”次数不能为负数。",
                "单位“A”的指标“funds”目标为-5，目标须大于0。",
            ],
            Messages(scheme, units));
    }

    [Fact]
    public void A_valid_scheme_has_no_problems()
    {
        var scheme = new AssessmentScheme([new AssessmentIndicator("funds", 70), new AssessmentIndicator("signings", 30, ScoringMethod.Ratio)], []);
        Assert.Empty(AssessmentValidation.CheckScheme(scheme));
        Assert.True(AssessmentScoring.Score(scheme, [Unit("A", "funds", 1, 1)]).Succeeded);
    }
}
