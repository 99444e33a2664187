using System.Globalization;
using System.Resources;
using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Leads;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Imports;

/// <summary>
/// The ledger template (<see cref="TemplateWorkbook"/>) for the user who downloads it: their units and this year's
/// industry catalog in the drop-downs, and examples that would import as they are for them (their own unit, an
/// industry of the catalog in force in the example's signing year).
/// </summary>
public static class ImportTemplate
{
    public const string FileName = "台账导入模板", AsciiFileName = "ledger-template";

    /// <summary>The examples' signing date: the industry of the example comes from the catalog in force that year.</summary>
    private static readonly DateOnly ExampleSigning = new(2025, 3, 18);

    private static readonly ResourceManager LeadTexts = new("InvestTrack.Resources.LeadResource", typeof(Resources.LeadResource).Assembly);

    public static void MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/import/template.xlsx", async (AppDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            {
                var bytes = TemplateWorkbook.Write(await ContentAsync(db, user, ChinaTime.Today(clock), ct));
                return new ExportFile((output, token) => output.WriteAsync(bytes, token).AsTask(), SpreadsheetExport.XlsxContentType,
                    FileName + ".xlsx", AsciiFileName + ".xlsx");
            })
            .RequireAuthorization(nameof(Operation.EditRecords));
    }

    public static async Task<TemplateContent> ContentAsync(AppDbContext db, CurrentUser user, DateOnly today, CancellationToken ct)
    {
        // The units a row may name for this user, as the project form offers them.
        var scope = user.UnitScope;
        var ids = scope.UnitIdArray;
        var units = await db.Units.AsNoTracking().Where(u => u.IsActive && (scope.All || ids.Contains(u.Id)))
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Code).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var catalogs = await db.IndustryCatalogs.AsNoTracking().Select(c => new { c.Id, c.Name, c.StartYear }).ToListAsync(ct);
        var current = CatalogInForce.For(catalogs, today.Year, c => c.StartYear);
        var industries = current is null ? [] : await IndustriesAsync(db, current.Id, ct);
        var exampleCatalog = CatalogInForce.For(catalogs, ExampleSigning.Year, c => c.StartYear);
        var exampleIndustry = exampleCatalog is null ? null : (await IndustriesAsync(db, exampleCatalog.Id, ct)).FirstOrDefault();
        var unit = units.FirstOrDefault(u => u.Id == user.UnitId)?.Name ?? units.FirstOrDefault()?.Name ?? "";

        var chinese = CultureInfo.GetCultureInfo("zh-CN");
        var sources = Enum.GetValues<LeadSourceKind>().Where(k => k != LeadSourceKind.Other)
            .Select(k => LeadTexts.GetString($"Source.{k}", chinese) ?? k.ToString()).ToList();
        return new TemplateContent([.. units.Select(u => u.Name)], current?.Name, current?.StartYear, industries, sources, Examples(unit, exampleIndustry));
    }

    private static async Task<List<string>> IndustriesAsync(AppDbContext db, int catalogId, CancellationToken ct) =>
        await db.Industries.AsNoTracking().Where(i => i.CatalogId == catalogId).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).Select(i => i.Name).ToListAsync(ct);

    /// <summary>One record of each sheet, in the columns' order (<see cref="TemplateColumns"/>), that fit together.</summary>
    private static Dictionary<SheetKind, IReadOnlyList<object?>> Examples(string unit, string? industry)
    {
        const string body = "91220101MA0Y3K7Q2";
        return new()
        {
            [SheetKind.Projects] =
            [
                "XM-2025-001", "年产900吨精酿啤酒项目", "吉林省酿造科技有限公司", body + CreditCode.CheckCharacterFor(body), "吉林省长春市", unit, industry,
                12_000m, 8_000m, LedgerWords.SigningKinds[0], ExampleSigning, new DateOnly(2025, 6, 1), null, LedgerWords.Statuses[0], "以商招商",
            ],
            [SheetKind.Funds] = ["XM-2025-001", new DateOnly(2025, 6, 1), 1_500.5m, "省内", "待审核"],
            [SheetKind.Activities] =
            [
                "HD-2025-001", LedgerWords.ActivityKinds[0], new DateOnly(2025, 4, 8), new DateOnly(2025, 4, 10), unit, "李明 副市长", LedgerWords.LeaderLevels[0],
                "湖南省长沙市；北京市", "企业:中国兵器工业集团；商协会:重庆市吉林商会", 2, 1,
            ],
        };
    }
}
