using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace InvestTrack.Features.Imports;

/// <summary>
/// The 项目 sheet to fill in: the contract's Chinese headers and one example row that would import
/// as it is for the user who downloads it (their own unit, an industry of the catalog in force).
/// </summary>
public static class ImportTemplate
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/import/template.xlsx", async (AppDbContext db, CurrentUser user, CancellationToken ct) =>
                Results.File(await BuildAsync(db, user, ct), ContentType, "项目台账模板.xlsx"))
            .RequireAuthorization(nameof(Operation.EditRecords));
    }

    public static async Task<byte[]> BuildAsync(AppDbContext db, CurrentUser user, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == user.UnitId).Select(u => u.Name).SingleOrDefaultAsync(ct)
            ?? await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).Select(u => u.Name).FirstAsync(ct);
        var catalogs = await db.IndustryCatalogs.AsNoTracking().Select(c => new { c.Id, c.StartYear }).ToListAsync(ct);
        var catalog = CatalogInForce.For(catalogs, 2025, c => c.StartYear);
        var industry = catalog is null ? null : await db.Industries.AsNoTracking().Where(i => i.CatalogId == catalog.Id)
            .OrderBy(i => i.SortOrder).Select(i => i.Name).FirstOrDefaultAsync(ct);
        const string body = "91220101MA0Y3K7Q2";
        var values = new object?[]
        {
            "XM-2025-001", "年产900吨精酿啤酒项目", "吉林省酿造科技有限公司", body + CreditCode.CheckCharacterFor(body), "吉林省长春市", unit, industry,
            12000.00m, 8000.00m, "项目合同", "2025-03-18", "2025-06-01", null, "正常", "以商招商",
        };
        var row = new Dictionary<string, object?>();
        var columns = LedgerColumns.Projects.All;
        for (var i = 0; i < columns.Count; i++) row[columns[i].Chinese] = values[i];
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, new[] { row }, sheetName: "项目", cancellationToken: ct);
        return stream.ToArray();
    }
}
