namespace InvestTrack.Features.Supervision;

/// <summary>Green on time, yellow at risk, red overdue; ordered so that the worse colour is the larger.</summary>
public enum WarningColour { Green = 0, Yellow = 1, Red = 2 }

/// <summary>The colour shown for a subject in a 旬, from its rules' raw colours (docs/supervision.md, Colours).</summary>
public static class WarningColours
{
    /// <summary>The worst raw colour; green when no rule applies.</summary>
    public static WarningColour Raw(IEnumerable<WarningColour> raw) =>
        raw.Aggregate(WarningColour.Green, (worst, c) => c > worst ? c : worst);

    /// <summary>
    /// Red or yellow when a rule says so; a subject shown red in the previous 旬 that is now clean is shown yellow
    /// (the gap is made up, but not yet for a whole 旬), so it turns green only after a full 旬 on time.
    /// <paramref name="previousShown"/> null means new (no colour in the previous 旬): it starts from its raw colour.
    /// </summary>
    public static WarningColour Shown(IEnumerable<WarningColour> raw, WarningColour? previousShown)
    {
        var worst = Raw(raw);
        if (worst != WarningColour.Green) return worst;
        return previousShown == WarningColour.Red ? WarningColour.Yellow : WarningColour.Green;
    }
}
