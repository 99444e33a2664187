using InvestTrack.Kernel;

namespace InvestTrack.Features.Leads;

/// <summary>
/// Configuration section "Leads": how long a protection lasts without progress, when a lead is big enough for the
/// city to see at once, and the response clocks in working days — defaults, and rules per source and size that
/// override them (the first rule that matches wins).
/// </summary>
public sealed class LeadOptions
{
    public const string Section = "Leads";

    /// <summary>Calendar days without a progress entry after which a registration no longer protects.</summary>
    public int ProtectionDays { get; set; } = 90;

    /// <summary>预计投资 at or above which a lead is flagged to the city: 5亿元.</summary>
    public decimal BigLeadWan { get; set; } = 50_000m;

    public int AssessDays { get; set; } = 3;
    public int AnswerReferrerDays { get; set; } = 5;
    public int ProgressDays { get; set; } = 10;

    public List<LeadClockRule> ClockRules { get; set; } = [];

    public long BigLeadHundredths => (long)(BigLeadWan * Money.HundredthsPerWan);

    /// <summary>The clock days for a lead of this source and size.</summary>
    public ClockDays DaysFor(LeadSourceKind source, long estimated)
    {
        var rule = ClockRules.FirstOrDefault(r => (r.Source is null || r.Source == source)
            && (r.MinWan is null || estimated >= (long)(r.MinWan.Value * Money.HundredthsPerWan)));
        return new ClockDays(rule?.AssessDays ?? AssessDays, rule?.AnswerReferrerDays ?? AnswerReferrerDays, rule?.ProgressDays ?? ProgressDays);
    }
}

/// <summary>An override of the clocks for one source (or all) and leads from a size on (or all).</summary>
public sealed class LeadClockRule
{
    public LeadSourceKind? Source { get; set; }
    public decimal? MinWan { get; set; }
    public int? AssessDays { get; set; }
    public int? AnswerReferrerDays { get; set; }
    public int? ProgressDays { get; set; }
}

public sealed record ClockDays(int Assess, int AnswerReferrer, int Progress)
{
    public int For(LeadClockKind kind) => kind switch
    {
        LeadClockKind.Assess => Assess,
        LeadClockKind.AnswerReferrer => AnswerReferrer,
        _ => Progress,
    };
}
