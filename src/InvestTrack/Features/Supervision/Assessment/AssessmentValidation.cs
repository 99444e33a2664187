namespace InvestTrack.Features.Supervision;

/// <summary>
/// What a scheme and its snapshot must satisfy before anything is scored (docs/supervision.md, Assessment): weights
/// are positive whole numbers summing to 100, a target is above zero (a completion of x ÷ 0 means nothing), and every
/// code a unit names is in the scheme. All problems are listed at once.
/// </summary>
public static class AssessmentValidation
{
    public const string WeightsSum = "Assessment.WeightsSum";
    public const string WeightNotPositive = "Assessment.WeightNotPositive";
    public const string DuplicateIndicator = "Assessment.DuplicateIndicator";
    public const string CapNotPositive = "Assessment.CapNotPositive";
    public const string BoundsIncomplete = "Assessment.BoundsIncomplete";
    public const string BoundsReversed = "Assessment.BoundsReversed";
    public const string DuplicateItem = "Assessment.DuplicateItem";
    public const string ItemPointsNegative = "Assessment.ItemPointsNegative";
    public const string DuplicateUnit = "Assessment.DuplicateUnit";
    public const string UnknownIndicator = "Assessment.UnknownIndicator";
    public const string DuplicateFigure = "Assessment.DuplicateFigure";
    public const string TargetNotPositive = "Assessment.TargetNotPositive";
    public const string UnknownItem = "Assessment.UnknownItem";
    public const string TimesNegative = "Assessment.TimesNegative";

    public static List<AssessmentProblem> CheckScheme(AssessmentScheme scheme)
    {
        var problems = new List<AssessmentProblem>();
        foreach (var i in scheme.Indicators)
        {
            if (i.Weight <= 0) problems.Add(new(WeightNotPositive, i.Code, i.Weight));
            if (i.Method == ScoringMethod.Ratio && i.Cap <= 0) problems.Add(new(CapNotPositive, i.Code));
            if (i.Method == ScoringMethod.EfficacyCoefficient)
            {
                if (i.Ceiling.HasValue != i.Floor.HasValue) problems.Add(new(BoundsIncomplete, i.Code));
                else if (i.Ceiling < i.Floor) problems.Add(new(BoundsReversed, i.Code));
            }
        }
        problems.AddRange(Duplicates(scheme.Indicators.Select(i => i.Code)).Select(c => new AssessmentProblem(DuplicateIndicator, c)));
        var sum = scheme.Indicators.Sum(i => i.Weight);
        if (sum != 100) problems.Add(new(WeightsSum, sum));
        problems.AddRange(Duplicates(scheme.Items.Select(i => i.Code)).Select(c => new AssessmentProblem(DuplicateItem, c)));
        problems.AddRange(scheme.Items.Where(i => i.Points < 0).Select(i => new AssessmentProblem(ItemPointsNegative, i.Code)));
        return problems;
    }

    public static List<AssessmentProblem> CheckUnits(AssessmentScheme scheme, IReadOnlyList<UnitAssessmentInput> units)
    {
        var problems = new List<AssessmentProblem>();
        var indicators = scheme.Indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        var items = scheme.Items.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(Duplicates(units.Select(u => u.UnitCode)).Select(c => new AssessmentProblem(DuplicateUnit, c)));
        foreach (var u in units)
        {
            foreach (var f in u.Figures)
            {
                if (!indicators.Contains(f.Indicator)) problems.Add(new(UnknownIndicator, u.UnitCode, f.Indicator));
                else if (f.Target is { } target && target <= 0) problems.Add(new(TargetNotPositive, u.UnitCode, f.Indicator, target));
            }
            problems.AddRange(Duplicates(u.Figures.Select(f => f.Indicator)).Select(c => new AssessmentProblem(DuplicateFigure, u.UnitCode, c)));
            foreach (var a in u.Adjustments)
            {
                if (!items.Contains(a.Item)) problems.Add(new(UnknownItem, u.UnitCode, a.Item));
                if (a.Times < 0) problems.Add(new(TimesNegative, u.UnitCode, a.Item));
            }
        }
        return problems;
    }

    private static IEnumerable<string> Duplicates(IEnumerable<string> codes) =>
        codes.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
}
