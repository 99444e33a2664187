using InvestTrack.Features.Projects;

namespace InvestTrack.Features.Leads;

/// <summary>
/// A registration (线索报备). The investor is an existing company (<see cref="CompanyId"/>) or a name with its credit
/// code when known: matched in the directory by credit code first, then by normalised name, and created there when new
/// (then <see cref="InvestorOrigin"/> is needed). The attributes drive the form; the service checks every rule again.
/// </summary>
public sealed class LeadForm
{
    [Needed] public int? UnitId { get; set; }
    [Needed][MaxChars(200)] public string Name { get; set; } = "";
    [Needed] public LeadSourceKind? SourceKind { get; set; }
    [MaxChars(100)] public string? Referrer { get; set; }
    public int? CompanyId { get; set; }
    [MaxChars(200)] public string? InvestorName { get; set; }
    [MaxChars(18)] public string? InvestorCreditCode { get; set; }
    [MaxChars(100)] public string? InvestorOrigin { get; set; }
    public int? IndustryId { get; set; }
    [Needed][MaxChars(1)] public string? IndustrySectionCode { get; set; }
    /// <summary>预计投资, 万元 with at most two decimals.</summary>
    [Needed][NotNegative] public decimal? EstimatedInvestmentWan { get; set; }
    [MaxChars(2000)] public string? Description { get; set; }
    /// <summary>The owner, a user of the lead's unit; the registering user when empty.</summary>
    public string? OwnerUserId { get; set; }
    public int? OriginActivityId { get; set; }
    public int? OriginEventId { get; set; }
    public int? AgencyId { get; set; }
    public int? WorkstationId { get; set; }
}

public sealed class LeadStatusCommand
{
    public LeadStatus ToStatus { get; set; }
    [MaxChars(500)] public string? Reason { get; set; }
    public int Version { get; set; }
}

public sealed class LeadProgressForm
{
    [Needed] public DateOnly? OccurredOn { get; set; }
    [Needed][MaxChars(2000)] public string Note { get; set; } = "";
    public bool ReferrerAnswered { get; set; }
}

/// <summary>转为项目: the project's code (generated from the lead's id when empty).</summary>
public sealed class LeadConvertCommand
{
    [MaxChars(64)] public string? Code { get; set; }
    public int Version { get; set; }
}

/// <summary>The city's decision on a conflict: assign (to the holder's or the requesting unit), share, or release.</summary>
public sealed class ArbitrationCommand
{
    public ConflictResolution Resolution { get; set; }
    public int? AssignToUnitId { get; set; }
    public int Version { get; set; }
}

public sealed class HolidayForm
{
    [Needed] public DateOnly? Date { get; set; }
    [Needed] public HolidayKind? Kind { get; set; }
    [MaxChars(50)] public string? Name { get; set; }
}

public enum LeadOutcome { Ok, Invalid, NotFound, Stale, Refused }

/// <summary>
/// The outcome of a lead command: field errors (key = form field, "" for the whole form) in the user's language,
/// or the saved id and version. <see cref="HolderUnit"/> names the unit holding the investor when refused.
/// </summary>
public sealed record LeadResult(LeadOutcome Outcome, IReadOnlyDictionary<string, string[]> Errors, int? Id = null, int? Version = null, string? HolderUnit = null)
{
    public bool Ok => Outcome == LeadOutcome.Ok;

    public static LeadResult Success(int id, int version) => new(LeadOutcome.Ok, new Dictionary<string, string[]>(), id, version);

    public static LeadResult Fail(LeadOutcome outcome, string field, string message, string? holder = null) =>
        new(outcome, new Dictionary<string, string[]> { [field] = [message] }, HolderUnit: holder);

    public string FirstError => Errors.Values.SelectMany(v => v).FirstOrDefault() ?? "";
}
