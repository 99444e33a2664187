namespace InvestTrack.Kernel;

/// <summary>
/// How far a long piece of work has come: its step (a short key such as "reading", "checking", "writing"), how many
/// of the step's items are done, and of how many when that is known. Pages show it as a bar with the step in words; the
/// command line as a bar on a terminal and as plain lines in a log.
/// </summary>
public sealed record WorkProgress(string Step, long Done, long? Total = null)
{
    /// <summary>0–100 when the total is known, else null.</summary>
    public double? Percent => Total is > 0 ? Math.Min(100, 100.0 * Done / Total.Value) : null;
}
