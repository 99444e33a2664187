namespace InvestTrack.Features.Projects;

/// <summary>A project's standing beside its stage: it can stall or be dropped at any stage.</summary>
public enum ProjectStatus { Active = 0, Stalled = 1, Dropped = 2 }

/// <summary>The dates that a stage needs, as they stand after the change.</summary>
public sealed record StageDates(DateOnly? SignedOn, DateOnly? StartedOn, DateOnly? InProductionOn, bool HasSigningKind);

/// <summary>
/// The life of a project: 线索 → 洽谈 → 意向 → 签约 → 开工 → 投产, one step or more forward at a time;
/// back only with a reason; stalled or dropped from any stage, dropped only with a reason.
/// Returns message keys (Stage.Error.*), empty when the change is allowed.
/// </summary>
public static class StageRules
{
    private static readonly ProjectStage[] Pipeline =
        [ProjectStage.Lead, ProjectStage.Talks, ProjectStage.Intention, ProjectStage.Signed, ProjectStage.Started, ProjectStage.InProduction];

    public static IReadOnlyList<ProjectStage> Stages => Pipeline;

    public static List<string> Check(ProjectStage from, ProjectStatus fromStatus, ProjectStage to, ProjectStatus toStatus, string? reason, StageDates dates)
    {
        var errors = new List<string>();
        var hasReason = !string.IsNullOrWhiteSpace(reason);
        if (!Pipeline.Contains(to)) errors.Add("Stage.Error.Unknown");
        if (fromStatus == ProjectStatus.Dropped && toStatus != ProjectStatus.Dropped && !hasReason) errors.Add("Stage.Error.ReopenNeedsReason");
        if (toStatus == ProjectStatus.Dropped && fromStatus != ProjectStatus.Dropped && !hasReason) errors.Add("Stage.Error.DropNeedsReason");
        if (Array.IndexOf(Pipeline, to) < Array.IndexOf(Pipeline, from) && !hasReason) errors.Add("Stage.Error.BackNeedsReason");
        errors.AddRange(CheckDates(to, dates));
        return errors;
    }

    /// <summary>A stage needs the dates of every stage up to it, and the dates must be in order.</summary>
    public static List<string> CheckDates(ProjectStage stage, StageDates dates)
    {
        var errors = new List<string>();
        if (stage >= ProjectStage.Signed && stage <= ProjectStage.InProduction)
        {
            if (dates.SignedOn is null) errors.Add("Stage.Error.SignedOnRequired");
            if (!dates.HasSigningKind) errors.Add("Stage.Error.SigningKindRequired");
        }
        if (stage is ProjectStage.Started or ProjectStage.InProduction && dates.StartedOn is null) errors.Add("Stage.Error.StartedOnRequired");
        if (stage == ProjectStage.InProduction && dates.InProductionOn is null) errors.Add("Stage.Error.InProductionOnRequired");
        if (dates.SignedOn is { } s && dates.StartedOn is { } st && st < s) errors.Add("Stage.Error.StartBeforeSigning");
        if (dates.StartedOn is { } st2 && dates.InProductionOn is { } p && p < st2) errors.Add("Stage.Error.ProductionBeforeStart");
        if (dates.InProductionOn is not null && dates.StartedOn is null) errors.Add("Stage.Error.StartedOnRequired");
        if (dates.StartedOn is not null && dates.SignedOn is null) errors.Add("Stage.Error.SignedOnRequired");
        return [.. errors.Distinct()];
    }

    /// <summary>
    /// The field a message of <see cref="Check"/> belongs to, named as in <see cref="StageCommand"/> and <see cref="ProjectForm"/>,
    /// so that the server's answer and the dialog's own check put it next to the same field.
    /// </summary>
    public static string FieldOf(string key) => key switch
    {
        "Stage.Error.SignedOnRequired" => nameof(StageCommand.SignedOn),
        "Stage.Error.SigningKindRequired" => nameof(StageCommand.SigningKind),
        "Stage.Error.StartedOnRequired" or "Stage.Error.StartBeforeSigning" => nameof(StageCommand.StartedOn),
        "Stage.Error.InProductionOnRequired" or "Stage.Error.ProductionBeforeStart" => nameof(StageCommand.InProductionOn),
        "Stage.Error.Unknown" => nameof(StageCommand.ToStage),
        _ => nameof(StageCommand.Reason),
    };

    /// <summary>The stage that a ledger's dates imply (imports): the furthest stage whose date is given.</summary>
    public static ProjectStage ImpliedByDates(DateOnly? signedOn, DateOnly? startedOn, DateOnly? inProductionOn, ProjectStage otherwise) =>
        inProductionOn is not null ? ProjectStage.InProduction
        : startedOn is not null ? ProjectStage.Started
        : signedOn is not null ? ProjectStage.Signed
        : otherwise;
}

/// <summary>Size classes by planned total investment (万元): 1000万, 5000万, 亿元, 十亿, 百亿.</summary>
public enum InvestmentTier { Below = 0, TenMillion = 1, FiftyMillion = 2, Yi = 3, TenYi = 4, HundredYi = 5 }

public static class InvestmentTiers
{
    /// <summary>Lower bounds in hundredths of a 万元, so that a tier filter is a range over the stored column.</summary>
    public static readonly IReadOnlyDictionary<InvestmentTier, long> LowerBound = new Dictionary<InvestmentTier, long>
    {
        [InvestmentTier.Below] = 0,
        [InvestmentTier.TenMillion] = 1_000 * 100L,
        [InvestmentTier.FiftyMillion] = 5_000 * 100L,
        [InvestmentTier.Yi] = 10_000 * 100L,
        [InvestmentTier.TenYi] = 100_000 * 100L,
        [InvestmentTier.HundredYi] = 1_000_000 * 100L,
    };

    public static InvestmentTier Of(long plannedHundredths) =>
        LowerBound.Where(b => plannedHundredths >= b.Value).MaxBy(b => b.Value).Key;

    /// <summary>[lower, upper) of a tier; upper is null for the top tier.</summary>
    public static (long Lower, long? Upper) Range(InvestmentTier tier) =>
        (LowerBound[tier], tier == InvestmentTier.HundredYi ? null : LowerBound[tier + 1]);
}
