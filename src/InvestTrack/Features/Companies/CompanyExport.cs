using System.Globalization;
using System.Text;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;

namespace InvestTrack.Features.Companies;

public enum ExportFormat { Csv, Xlsx }

public sealed record ExportFile(byte[] Content, string FileName, string ContentType, int Rows);

/// <summary>
/// The filtered company list as a file: exactly the rows of the filter, in its order, every cell neutralised
/// against formula injection, the file name set here. Contacts are not exported (personal information).
/// Each export is audited with its filter and row count.
/// </summary>
public sealed class CompanyExport(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<CompanyResource> t)
{
    public const int MaxRows = 100_000;

    public async Task<ExportFile> ExportAsync(CompanyFilter filter, ExportFormat format, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ExportRecords, CompanyService.ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var rows = await CompanyQueries.Rows(db, filter).Take(MaxRows).ToListAsync(ct);
        string[] headers = [t["Field.Name"], t["Field.CreditCode"], t["Field.Origin"], t["Field.OriginClass"], t["Field.ProjectCount"]];
        var table = rows.Select(r => new[]
        {
            r.Name, r.CreditCode ?? "", r.Origin, t[$"OriginClass.{r.OriginClass}"].Value, r.ProjectCount.ToString(CultureInfo.InvariantCulture),
        }).ToList();

        var stamp = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var file = format == ExportFormat.Xlsx
            ? new ExportFile(SpreadsheetSafe.Xlsx(headers, table, "Companies"), $"companies-{stamp}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", rows.Count)
            : new ExportFile(SpreadsheetSafe.Csv(headers, table), $"companies-{stamp}.csv", "text/csv; charset=utf-8", rows.Count);
        await audit.WriteAsync("Export", CompanyService.ObjectType, details: AdminGuard.Serialize(new
        {
            format = format.ToString(), rows = rows.Count, file = file.FileName,
            filter = new { filter.Text, originClass = filter.OriginClass?.ToString(), filter.ProvinceCode, sort = filter.Sort.ToString(), filter.Descending },
        }), ct: ct);
        return file;
    }
}
