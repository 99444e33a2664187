using InvestTrack.Features.Leads;

namespace InvestTrack.Features.Supervision;

/// <summary>What a run needs beside the subject's facts: its 旬 and the city's working days (for lead clocks).</summary>
public sealed record WarningContext(Xun Xun, WorkingCalendar Calendar)
{
    /// <summary>The day whose end the run looks at; every day count in the rules is counted to it.</summary>
    public DateOnly End => Xun.LastDay;
}

/// <summary>
/// One rule over one kind of subject (project, unit, lead). More rules are added as code: implement this and put the
/// rule in the list that <see cref="Warnings.Assess{TSubject}"/> gets (see <see cref="DefaultRules"/>).
/// </summary>
public interface IWarningRule<in TSubject>
{
    /// <summary>Stable: stored with every warning and in a bulletin's configuration.</summary>
    string Id { get; }

    /// <summary>The raw colour and its facts; null when the subject is not one the rule is about (no plan, no target).</summary>
    RuleResult? Evaluate(TSubject subject, WarningContext context);
}

/// <summary>A rule's raw colour for one subject and 旬, and the facts behind it.</summary>
public sealed record RuleResult(string RuleId, WarningColour Colour, WarningFacts Facts);

/// <summary>
/// The facts a warning names, flat so that they store as columns and read as a sentence. Each rule says which it fills.
/// <see cref="Days"/> is always the 旬's last day minus <see cref="Date"/>: positive is days past (late, since
/// signing, since the last progress), zero or negative is days left before a due date.
/// </summary>
public sealed record WarningFacts
{
    /// <summary>The plan step's name or the lead clock's kind.</summary>
    public string? Item { get; init; }
    public DateOnly? Date { get; init; }
    public int? Days { get; init; }
    /// <summary>Working days after the 旬's last day up to a lead clock's due date (not past due).</summary>
    public int? WorkingDaysLeft { get; init; }
    /// <summary>M, the complete months of the year.</summary>
    public int? Months { get; init; }
    public decimal? Actual { get; init; }
    public decimal? Target { get; init; }
    /// <summary>actual ÷ target, exact (a ratio, not a percentage).</summary>
    public decimal? Completion { get; init; }
    /// <summary>M ÷ 12 (a ratio, not a percentage).</summary>
    public decimal? Pace { get; init; }
}

/// <summary>One subject's colours in a 旬: every applicable rule's result, the worst raw colour, the colour shown.</summary>
public sealed record SubjectWarning(IReadOnlyList<RuleResult> Results, WarningColour Raw, WarningColour Shown);

public static class Warnings
{
    /// <summary>
    /// Runs the rules over one subject. A subject no rule applies to is green (the contract's formula over no raw
    /// colour); the caller decides which subjects it lists.
    /// </summary>
    public static SubjectWarning Assess<TSubject>(TSubject subject, IEnumerable<IWarningRule<TSubject>> rules, WarningContext context, WarningColour? previousShown)
    {
        var results = rules.Select(r => r.Evaluate(subject, context)).OfType<RuleResult>().ToList();
        var colours = results.Select(r => r.Colour).ToList();
        return new SubjectWarning(results, WarningColours.Raw(colours), WarningColours.Shown(colours, previousShown));
    }

    /// <summary>Whole days from <paramref name="from"/> to <paramref name="to"/> (negative when to is earlier).</summary>
    internal static int DaysBetween(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;
}
