using System.Globalization;
using System.Text;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace InvestTrack.Features.Projects;

/// <summary>
/// Exactly the filtered rows of the list, in the columns of the import contract's 项目 sheet, so that an
/// export can be edited and imported back. Cells are neutralised against formula injection.
/// </summary>
public static class ProjectExport
{
    public const int MaxRows = 200_000;

    private static readonly string[] Headers =
    [
        "项目编号", "项目名称", "投资方", "统一社会信用代码", "投资方所在地", "所属单位", "产业", "计划总投资(万元)", "合同引资额(万元)",
        "签约类型", "签约日期", "开工日期", "投产日期", "状态", "线索来源", "阶段", "包保领导",
    ];

    internal static readonly Dictionary<ProjectStatus, string> StatusNames = new() { [ProjectStatus.Active] = "正常", [ProjectStatus.Stalled] = "停滞", [ProjectStatus.Dropped] = "终止" };
    internal static readonly Dictionary<ProjectStage, string> StageNames = new()
    {
        [ProjectStage.Lead] = "线索", [ProjectStage.Talks] = "洽谈", [ProjectStage.Intention] = "意向",
        [ProjectStage.Signed] = "签约", [ProjectStage.Started] = "开工", [ProjectStage.InProduction] = "投产",
    };

    public static void MapProjectExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/projects/export.{format}", async (string format, HttpContext http, AppDbContext db, AuditLog audit, CancellationToken ct) =>
        {
            if (format is not ("csv" or "xlsx")) return Results.NotFound();
            var q = http.Request.Query;
            var filter = ProjectListUrl.Parse(q["q"], q["stage"], q["status"], ParseInt(q["unit"]), ParseInt(q["industry"]), q["tier"], q["origin"],
                ParseInt(q["year"]), q["leader"], q["sort"], bool.TryParse(q["desc"], out var d) && d, 1);
            var rows = await RowsAsync(db, filter, ct);
            await audit.WriteAsync("Export", "Project", details: JsonSerializer.Serialize(new { format, filter = ProjectListUrl.ToQuery(filter).Where(kv => kv.Value is not null).ToDictionary(), rows = rows.Count }), ct: ct);
            // The server names the file; nothing of the request goes into it.
            var name = $"projects-{DateTime.UtcNow.AddHours(8):yyyyMMdd-HHmm}.{format}";
            return format == "csv"
                ? Results.File(Csv(rows), "text/csv; charset=utf-8", name)
                : Results.File(Xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
        }).RequireAuthorization(nameof(Operation.ExportRecords));
    }

    private static int? ParseInt(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static async Task<List<string?[]>> RowsAsync(AppDbContext db, ProjectFilter filter, CancellationToken ct)
    {
        var query = from p in ProjectQueries.Filtered(db, filter).OrderBy(p => p.Code).Take(MaxRows)
                    join c in db.Companies on p.CompanyId equals c.Id
                    join u in db.Units on p.UnitId equals u.Id
                    join i in db.Industries on p.IndustryId equals i.Id into industries
                    from i in industries.DefaultIfEmpty()
                    select new
                    {
                        p.Code, p.Name, Company = c.Name, c.CreditCode, c.Origin, Unit = u.Name, Industry = i == null ? null : i.Name,
                        p.PlannedInvestment, p.ContractedInvestment, p.SigningKind, p.SignedOn, p.StartedOn, p.InProductionOn,
                        p.Status, p.LeadSource, p.Stage, p.ResponsibleLeader,
                    };
        return [.. (await query.ToListAsync(ct)).Select(r => new string?[]
        {
            r.Code, r.Name, r.Company, r.CreditCode, r.Origin, r.Unit, r.Industry,
            Money.ToWan(r.PlannedInvestment).ToString("0.00", CultureInfo.InvariantCulture),
            r.ContractedInvestment is { } ci ? Money.ToWan(ci).ToString("0.00", CultureInfo.InvariantCulture) : null,
            r.SigningKind switch { SigningKind.Contract => "项目合同", SigningKind.Framework => "战略合作框架协议", _ => null },
            Iso(r.SignedOn), Iso(r.StartedOn), Iso(r.InProductionOn), StatusNames[r.Status], r.LeadSource, StageNames[r.Stage], r.ResponsibleLeader,
        })];
    }

    private static string? Iso(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static byte[] Csv(IEnumerable<string?[]> rows) => SpreadsheetSafe.Csv(Headers, rows);

    public static byte[] Xlsx(IEnumerable<string?[]> rows) => SpreadsheetSafe.Xlsx(Headers, rows, "项目");
}
