using InvestTrack.Features.Supervision;

namespace InvestTrack.Features.Warnings;

public enum WarningSort { Colour = 0, Unit = 1, Kind = 2, Subject = 3 }

/// <summary>The list's filter; <see cref="Xun"/> null is the latest run's 旬. Only red and yellow items are listed.</summary>
public sealed record WarningFilter(string? Xun = null, WarningColour? Colour = null, string? Rule = null, int? UnitId = null, WarningKind? Kind = null,
    HandlingState? State = null, WarningSort Sort = WarningSort.Colour, int Page = 1, int PageSize = 50);

/// <summary>One rule's result with its facts as a sentence.</summary>
public sealed record WarningRuleView(string RuleId, string RuleName, WarningColour Colour, string Sentence,
    string? Item, DateOnly? Date, int? Days, int? WorkingDaysLeft, int? Months, decimal? Actual, decimal? Target, decimal? Completion, decimal? Pace);

public sealed record WarningRow(string Xun, string XunLabel, WarningKind Kind, int SubjectId, string SubjectName, string? SubjectCode, int UnitId, string UnitName,
    WarningColour Raw, WarningColour Shown, WarningColour? PreviousShown, IReadOnlyList<WarningRuleView> Rules, HandlingState State,
    string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? AcknowledgeNote, string? ResolvedBy, DateTimeOffset? ResolvedAt, string? ResolveNote, int Version)
{
    /// <summary>Where the subject's own page is (a unit has none).</summary>
    public string? Link => Kind switch { WarningKind.Project => $"/projects/{SubjectId}", WarningKind.Lead => $"/leads/{SubjectId}", _ => null };

    public WarningKey Key => new(Xun, Kind, SubjectId);
}

/// <summary>
/// A warning's lasting name, "2026-11-3/Project/123": its 旬, kind and subject, as the API's routes name it. A rerun of
/// the 旬 replaces the rows (their ids change) but keeps this, so a supervision order refers to its warning by it.
/// </summary>
public readonly record struct WarningKey(string Xun, WarningKind Kind, int SubjectId)
{
    public const int MaxLength = 40;

    public override string ToString() => $"{Xun}/{Kind}/{SubjectId}";

    public static bool TryParse(string? text, out WarningKey key)
    {
        key = default;
        var parts = text?.Split('/') ?? [];
        if (parts.Length != 3 || !Supervision.Xun.TryParse(parts[0], out var xun) || !Enum.TryParse<WarningKind>(parts[1], out var kind) || !Enum.IsDefined(kind)
            || int.TryParse(parts[1], out _) || !int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id <= 0)
            return false;
        key = new WarningKey(xun.ToString(), kind, id);
        return true;
    }
}

public sealed record WarningPage(string? Xun, string? XunLabel, IReadOnlyList<WarningRow> Rows, int Total, int Page, int PageSize);

/// <summary>A note for 签收 (optional) or 办结 (required), with the version read (0 when nobody handled it yet).</summary>
public sealed record HandlingForm(string? Note, int Version);

/// <summary>One 旬 of a subject's colour history; <see cref="Shown"/> null when the run had no colour for it.</summary>
public sealed record XunColour(string Xun, string Label, WarningColour? Shown);

public sealed record RunRequest(string? Xun);
