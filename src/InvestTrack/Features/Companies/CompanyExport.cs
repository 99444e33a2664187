using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Companies;

public enum ExportFormat { Csv, Xlsx }

/// <summary>
/// The filtered company list as a file: exactly the rows of the filter, in its order, text neutralised against
/// formula injection, the project count a number, the file name set here. Contacts are not exported (personal
/// information). Each export is audited with its filter and row count.
/// </summary>
public sealed class CompanyExport(IReadDbContextFactory dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<CompanyResource> t, TimeProvider clock)
{
    public const int MaxRows = 100_000;

    public async Task<ExportFile> ExportAsync(CompanyFilter filter, ExportFormat format, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ExportRecords, CompanyService.ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var rows = await CompanyQueries.Rows(db, filter).Take(MaxRows).ToListAsync(ct);
        var sheet = ExportSheet.Of("企业", rows,
            ExportColumn<CompanyRow>.Text(t["Field.Name"], r => r.Name),
            ExportColumn<CompanyRow>.Text(t["Field.CreditCode"], r => r.CreditCode),
            ExportColumn<CompanyRow>.Text(t["Field.Origin"], r => r.Origin),
            ExportColumn<CompanyRow>.Text(t["Field.OriginClass"], r => t[$"OriginClass.{r.OriginClass}"].Value),
            ExportColumn<CompanyRow>.Count(t["Field.ProjectCount"], r => r.ProjectCount));

        var stamp = ExportFile.Stamp(clock);
        var file = ExportFile.Of(sheet, format == ExportFormat.Csv, $"企业清单-{stamp}", $"companies-{stamp}");
        await audit.WriteAsync("Export", CompanyService.ObjectType, details: AdminGuard.Serialize(new
        {
            format = format.ToString(), rows = rows.Count, file = file.AsciiFileName,
            filter = new { filter.Text, originClass = filter.OriginClass?.ToString(), filter.ProvinceCode, sort = filter.Sort.ToString(), filter.Descending },
        }), ct: ct);
        return file;
    }
}
