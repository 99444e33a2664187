using InvestTrack.Features.Audit;
using InvestTrack.Features.Companies;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Leads;

/// <summary>The filtered lead list as a file, audited with its filter and row count.</summary>
public sealed class LeadExport(LeadReads reads, AuditLog audit, IStringLocalizer<LeadResource> t, TimeProvider clock)
{
    public const int MaxRows = 100_000;

    public async Task<ExportFile> ExportAsync(LeadFilter filter, ExportFormat format, CancellationToken ct = default)
    {
        var rows = await reads.AllAsync(filter, MaxRows, ct);
        var sheet = ExportSheet.Of("线索", rows,
            ExportColumn<LeadRow>.Count(t["Field.Id"], r => r.Id),
            ExportColumn<LeadRow>.Text(t["Field.Name"], r => r.Name),
            ExportColumn<LeadRow>.Text(t["Field.UnitId"], r => r.UnitName),
            ExportColumn<LeadRow>.Text(t["Field.SourceKind"], r => t[$"Source.{r.SourceKind}"].Value),
            ExportColumn<LeadRow>.Text(t["Field.Referrer"], r => r.Referrer),
            ExportColumn<LeadRow>.Text(t["Field.InvestorName"], r => r.CompanyName),
            ExportColumn<LeadRow>.Text(t["Field.IndustrySectionCode"], r => r.IndustrySectionCode),
            ExportColumn<LeadRow>.Number(t["Field.EstimatedInvestmentWan"], r => r.EstimatedInvestmentWan),
            ExportColumn<LeadRow>.Text(t["Field.OwnerUserId"], r => r.OwnerName),
            ExportColumn<LeadRow>.Text(t["Field.Status"], r => t[$"Status.{r.Status}"].Value),
            ExportColumn<LeadRow>.Date(t["Field.RegisteredOn"], r => r.RegisteredOn),
            ExportColumn<LeadRow>.Date(t["Field.LastProgressOn"], r => r.LastProgressOn),
            ExportColumn<LeadRow>.Count(t["Field.OverdueClocks"], r => r.OverdueClocks));
        var stamp = ExportFile.Stamp(clock);
        var file = ExportFile.Of(sheet, format == ExportFormat.Csv, $"线索清单-{stamp}", $"leads-{stamp}");
        await audit.WriteAsync("Export", nameof(Lead), details: AdminGuard.Serialize(new
        {
            format = format.ToString(), rows = rows.Count, file = file.AsciiFileName,
            filter = new { filter.Q, status = filter.Status?.ToString(), source = filter.Source?.ToString(), filter.UnitId, filter.Mine, filter.OverdueOnly, filter.BigOnly },
        }), ct: ct);
        return file;
    }
}
