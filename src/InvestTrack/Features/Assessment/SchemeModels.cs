using InvestTrack.Features.Supervision;

namespace InvestTrack.Features.Assessment;

/// <summary>
/// One indicator of a scheme as city staff configure it. <paramref name="Ceiling"/> and <paramref name="Floor"/> fix h and
/// s of 功效系数法 (completions, 1.2 = 120 %); <paramref name="Cap"/> is the ratio method's (null: 1.2);
/// <paramref name="Target"/> is the one target of every unit for an indicator without annual targets.
/// </summary>
public sealed record SchemeIndicatorConfig(
    string Code, int Weight, ScoringMethod Method = ScoringMethod.EfficacyCoefficient,
    decimal? Ceiling = null, decimal? Floor = null, decimal? Cap = null, decimal? Target = null);

/// <summary>A bonus or deduction item: <paramref name="Points"/> each time it applies to a unit.</summary>
public sealed record SchemeItemConfig(string Code, string Name, decimal Points, bool IsBonus);

/// <summary>The whole scheme: stored as JSON in <see cref="SchemeVersion.Configuration"/> and in every published ranking.</summary>
public sealed record SchemeConfig(IReadOnlyList<SchemeIndicatorConfig> Indicators, IReadOnlyList<SchemeItemConfig> Items)
{
    /// <summary>The kernel's scheme (docs/supervision.md, Assessment).</summary>
    public AssessmentScheme ToKernel() => new(
        [.. Indicators.Select(i => new AssessmentIndicator(i.Code, i.Weight, i.Method, i.Ceiling, i.Floor, i.Cap ?? AssessmentIndicator.DefaultCap))],
        [.. Items.Select(i => new AdjustmentItem(i.Code, i.Points, i.IsBonus))]);

    /// <summary>What a new year's draft starts from: the five annual-target indicators and the usual deductions.</summary>
    public static SchemeConfig Default => new(
        [
            new(AssessmentIndicators.Funds, 30), new(AssessmentIndicators.Signings, 20), new(AssessmentIndicators.YiSignings, 20),
            new(AssessmentIndicators.Starts5000, 15), new(AssessmentIndicators.Production, 15),
        ],
        [
            new("dispatch-late", "周调度迟报", 0.5m, false),
            new("dispatch-missing", "周调度未报", 1m, false),
            new("figures-false", "数据不实", 5m, false),
        ]);
}

public sealed record SchemeView(
    int Id, int Year, int Number, SchemeState State, SchemeConfig Configuration, DateTimeOffset UpdatedAt, string? UpdatedBy,
    DateTimeOffset? PublishedAt, string? PublishedBy, int Version);

/// <summary>A new draft for <see cref="Year"/>.</summary>
public sealed record SchemeCreateForm(int Year, SchemeConfig? Configuration);

/// <summary>
/// An edit: of a draft, it replaces its configuration; of a published version, it makes the next version as a new draft.
/// <see cref="Version"/> is the version read.
/// </summary>
public sealed record SchemeEditForm(SchemeConfig? Configuration, int Version);

public sealed record PublishForm(int Version);
