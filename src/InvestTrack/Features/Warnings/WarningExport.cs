using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Warnings;

/// <summary>The filtered warning list as .xlsx (MiniExcel, as the other exports), cells neutralised, audited with its filter.</summary>
public sealed class WarningExport(WarningReads reads, AuditLog audit, IStringLocalizer<WarningResource> t, TimeProvider clock)
{
    public const int MaxRows = 100_000;

    public async Task<ExportFile> ExportAsync(WarningFilter filter, CancellationToken ct = default)
    {
        var rows = await reads.AllAsync(filter, MaxRows, ct);
        var sheet = ExportSheet.Of("预警", rows,
            ExportColumn<WarningRow>.Text(t["Field.Xun"], r => r.XunLabel),
            ExportColumn<WarningRow>.Text(t["Field.Colour"], r => WarningText.Colour(t, r.Shown)),
            ExportColumn<WarningRow>.Text(t["Field.Kind"], r => t[$"Kind.{r.Kind}"].Value),
            ExportColumn<WarningRow>.Text(t["Field.Unit"], r => r.UnitName),
            ExportColumn<WarningRow>.Text(t["Field.Code"], r => r.SubjectCode),
            ExportColumn<WarningRow>.Text(t["Field.Subject"], r => r.SubjectName),
            ExportColumn<WarningRow>.Text(t["Field.Rules"], r => string.Join(DisplayFormat.Semicolon, r.Rules.Where(x => x.Colour != Supervision.WarningColour.Green)
                .Select(x => x.RuleName + DisplayFormat.Bracketed(WarningText.Colour(t, x.Colour)) + DisplayFormat.Colon + x.Sentence))),
            ExportColumn<WarningRow>.Text(t["Field.Previous"], r => WarningText.Colour(t, r.PreviousShown)),
            ExportColumn<WarningRow>.Text(t["Field.State"], r => t[$"State.{r.State}"].Value),
            ExportColumn<WarningRow>.Text(t["Field.Note"], r => r.ResolveNote ?? r.AcknowledgeNote));
        var stamp = ExportFile.Stamp(clock);
        var file = ExportFile.Of(sheet, csv: false, $"旬预警-{stamp}", $"warnings-{stamp}");
        await audit.WriteAsync("Export", nameof(WarningItem), details: AdminGuard.Serialize(new
        {
            format = "Xlsx", rows = rows.Count, file = file.AsciiFileName,
            filter = new { filter.Xun, colour = filter.Colour?.ToString(), filter.Rule, filter.UnitId, kind = filter.Kind?.ToString(), state = filter.State?.ToString() },
        }), ct: ct);
        return file;
    }
}
