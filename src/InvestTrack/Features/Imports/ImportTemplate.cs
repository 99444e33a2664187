using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Imports;

/// <summary>
/// The 项目 sheet to fill in: the contract's Chinese headers, written as the project export writes them (amounts
/// as numbers, dates as date cells), and one example row that would import as it is for the user who downloads it
/// (their own unit, an industry of the catalog in force).
/// </summary>
public static class ImportTemplate
{
    public static void MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/import/template.xlsx", async (AppDbContext db, CurrentUser user, CancellationToken ct) =>
                ExportFile.Xlsx("项目台账模板", "ledger-template", await SheetAsync(db, user, ct)))
            .RequireAuthorization(nameof(Operation.EditRecords));
    }

    private static async Task<ExportSheet> SheetAsync(AppDbContext db, CurrentUser user, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == user.UnitId).Select(u => u.Name).SingleOrDefaultAsync(ct)
            ?? await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).Select(u => u.Name).FirstAsync(ct);
        var catalogs = await db.IndustryCatalogs.AsNoTracking().Select(c => new { c.Id, c.StartYear }).ToListAsync(ct);
        var catalog = CatalogInForce.For(catalogs, 2025, c => c.StartYear);
        var industry = catalog is null ? null : await db.Industries.AsNoTracking().Where(i => i.CatalogId == catalog.Id)
            .OrderBy(i => i.SortOrder).Select(i => i.Name).FirstOrDefaultAsync(ct);
        const string body = "91220101MA0Y3K7Q2";
        var example = new ProjectExportRow(
            "XM-2025-001", "年产900吨精酿啤酒项目", "吉林省酿造科技有限公司", body + CreditCode.CheckCharacterFor(body), "吉林省长春市", unit, industry,
            PlannedInvestment: 12_000_00, ContractedInvestment: 8_000_00, SigningKind.Contract, new DateOnly(2025, 3, 18), new DateOnly(2025, 6, 1),
            InProductionOn: null, ProjectStatus.Active, "以商招商", ProjectStage.Started, ResponsibleLeader: null);
        return ExportSheet.Of(ProjectExport.SheetName, [example], ProjectExport.LedgerColumns);
    }
}
