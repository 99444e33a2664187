namespace InvestTrack.Kernel;

/// <summary>
/// A large export made in the page (Components/ExportButton) rather than by a GET link: the file of the list's own export
/// code written with its progress, then audited exactly as the GET export is, then handed to the browser over the circuit.
/// The bytes live only in the circuit that asked for them, for the moment of the hand-over: nothing is kept that another
/// instance would need (docs/security.md 26).
/// </summary>
public static class LargeExport
{
    /// <summary>From this many rows (Exports:LargeRows, 2 000 by default) a list's export shows its progress; smaller lists download at once.</summary>
    public static int Threshold(IConfiguration configuration) => Math.Max(1, configuration.GetValue("Exports:LargeRows", 2000));

    /// <summary>
    /// Writes the file, reporting the rows written, off the caller's thread (a page's thread stays free to draw the bar and to
    /// take the stop); audits it once it is whole. Stopped before that, it throws OperationCanceledException having audited
    /// nothing and kept nothing.
    /// </summary>
    public static async Task<byte[]> MakeAsync(PreparedExport export, IProgress<WorkProgress>? progress, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await Task.Run(() => export.File.WriteAsync(buffer, progress, ct), ct);
        ct.ThrowIfCancellationRequested();
        // The file is whole: from here it is delivered, so its entry is written whatever happens to the stop button.
        await export.AuditAsync(CancellationToken.None);
        return buffer.ToArray();
    }
}
