using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;

namespace InvestTrack.Features.Funds;

/// <summary>
/// What a unit reports: project, month, amount, source. Status, unit and audit fields are never bound from
/// it. On an edit the project stays the record's own; <see cref="Version"/> is the version the client read.
/// </summary>
public sealed class FundsForm
{
    public int? ProjectId { get; set; }
    /// <summary>yyyy-mm.</summary>
    public string? Month { get; set; }
    /// <summary>万元, above zero, at most two decimals.</summary>
    public decimal? AmountWan { get; set; }
    /// <summary>省外/省内/境外; when empty, the class of the project's investor.</summary>
    public OriginClass? Source { get; set; }
    public CapitalKind? CapitalKind { get; set; }
    public int Version { get; set; }
}

/// <summary>Audit, return (with a reason) or delete a record of a known version.</summary>
public sealed class FundsDecision
{
    public string? Reason { get; set; }
    public int Version { get; set; }
}

/// <summary>Lock or unlock a month, always with a reason.</summary>
public sealed class MonthLockCommand
{
    public string? Reason { get; set; }
}

/// <summary>The outcome of a funds command: field errors in the user's language, or the saved id and version.</summary>
public sealed record FundsResult(CommandOutcome Outcome, IReadOnlyDictionary<string, string[]> Errors, long? Id = null, int? Version = null)
{
    public bool Ok => Outcome == CommandOutcome.Ok;

    public static FundsResult Success(long id, int version) => new(CommandOutcome.Ok, new Dictionary<string, string[]>(), id, version);

    public static FundsResult Fail(CommandOutcome outcome, string field, string message) =>
        new(outcome, new Dictionary<string, string[]> { [field] = [message] });

    public static FundsResult Invalid(Dictionary<string, List<string>> errors) =>
        new(CommandOutcome.Invalid, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    public string FirstError => Errors.Values.SelectMany(v => v).FirstOrDefault() ?? "";
}

/// <summary>One record of a batch approval, at the version the auditor saw.</summary>
public sealed record FundsAuditItem(long Id, int Version);

/// <summary>A batch approval: the records chosen in the review queue.</summary>
public sealed class FundsBatchAudit
{
    public List<FundsAuditItem> Items { get; set; } = [];
}

/// <summary>What became of one record of a batch: approved (its new version), or refused with the message naming it.</summary>
public sealed record BatchAuditItem(long Id, bool Ok, string? Message, int? Version);

/// <summary>
/// A batch approval's answer: each record's outcome, or the whole batch refused (<see cref="Error"/>) with nothing written.
/// </summary>
public sealed record BatchAuditResult(CommandOutcome Outcome, IReadOnlyList<BatchAuditItem> Items, string? Error)
{
    public int ApprovedCount => Items.Count(i => i.Ok);
    public int RefusedCount => Items.Count(i => !i.Ok);

    public static BatchAuditResult Refuse(CommandOutcome outcome, string error) => new(outcome, [], error);
}
