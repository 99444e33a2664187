namespace InvestTrack.Kernel;

/// <summary>
/// A list's export made ready by the very code of its GET export: the file (not yet written), how many rows it holds, and
/// its audit entry, written by <see cref="AuditAsync"/>. The GET export audits and sends at once; a large export in the page
/// (Components/ExportButton) writes the file with its progress first and audits only once the whole file is made, so that
/// an export stopped half way leaves no entry and no file.
/// </summary>
public sealed record PreparedExport(ExportFile File, long Rows, Func<CancellationToken, Task> AuditAsync);
