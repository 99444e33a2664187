using System.Globalization;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Ledger = InvestTrack.Features.Imports.LedgerColumns.Projects;

namespace InvestTrack.Features.Projects;

/// <summary>One project as the export and the import template write it. Amounts are hundredths of a 万元.</summary>
public sealed record ProjectExportRow(
    string Code, string Name, string Company, string? CreditCode, string Origin, string Unit, string? Industry,
    long PlannedInvestment, long? ContractedInvestment, SigningKind? SigningKind, DateOnly? SignedOn, DateOnly? StartedOn,
    DateOnly? InProductionOn, ProjectStatus Status, string? LeadSource, ProjectStage Stage, string? ResponsibleLeader);

/// <summary>
/// Exactly the filtered rows of the list, in the columns of the import contract's 项目 sheet (amounts and dates as
/// number and date cells), so that an export can be edited and imported back; 阶段 and 包保领导 follow, which the
/// import ignores.
/// </summary>
public static class ProjectExport
{
    public const int MaxRows = 200_000;
    public const string SheetName = "项目";

    internal static readonly Dictionary<ProjectStatus, string> StatusNames = new() { [ProjectStatus.Active] = "正常", [ProjectStatus.Stalled] = "停滞", [ProjectStatus.Dropped] = "终止" };
    internal static readonly Dictionary<ProjectStage, string> StageNames = new()
    {
        [ProjectStage.Lead] = "线索", [ProjectStage.Talks] = "洽谈", [ProjectStage.Intention] = "意向",
        [ProjectStage.Signed] = "签约", [ProjectStage.Started] = "开工", [ProjectStage.InProduction] = "投产",
    };

    /// <summary>The contract's 项目 sheet, column for column (the import template writes these).</summary>
    public static readonly IReadOnlyList<ExportColumn<ProjectExportRow>> LedgerColumns =
    [
        ExportColumn<ProjectExportRow>.Text(Ledger.Code.Chinese, r => r.Code),
        ExportColumn<ProjectExportRow>.Text(Ledger.Name.Chinese, r => r.Name),
        ExportColumn<ProjectExportRow>.Text(Ledger.Investor.Chinese, r => r.Company),
        ExportColumn<ProjectExportRow>.Text(Ledger.CreditCode.Chinese, r => r.CreditCode),
        ExportColumn<ProjectExportRow>.Text(Ledger.InvestorOrigin.Chinese, r => r.Origin),
        ExportColumn<ProjectExportRow>.Text(Ledger.Unit.Chinese, r => r.Unit),
        ExportColumn<ProjectExportRow>.Text(Ledger.Industry.Chinese, r => r.Industry),
        ExportColumn<ProjectExportRow>.Wan(Ledger.PlannedInvestment.Chinese, r => r.PlannedInvestment),
        ExportColumn<ProjectExportRow>.Wan(Ledger.ContractedInvestment.Chinese, r => r.ContractedInvestment),
        ExportColumn<ProjectExportRow>.Text(Ledger.SigningKind.Chinese, r => r.SigningKind switch { SigningKind.Contract => "项目合同", SigningKind.Framework => "战略合作框架协议", _ => null }),
        ExportColumn<ProjectExportRow>.Date(Ledger.SignedOn.Chinese, r => r.SignedOn),
        ExportColumn<ProjectExportRow>.Date(Ledger.StartedOn.Chinese, r => r.StartedOn),
        ExportColumn<ProjectExportRow>.Date(Ledger.InProductionOn.Chinese, r => r.InProductionOn),
        ExportColumn<ProjectExportRow>.Text(Ledger.Status.Chinese, r => StatusNames[r.Status]),
        ExportColumn<ProjectExportRow>.Text(Ledger.LeadSource.Chinese, r => r.LeadSource),
    ];

    public static readonly IReadOnlyList<ExportColumn<ProjectExportRow>> Columns =
    [
        .. LedgerColumns,
        ExportColumn<ProjectExportRow>.Text("阶段", r => StageNames[r.Stage]),
        ExportColumn<ProjectExportRow>.Text("包保领导", r => r.ResponsibleLeader),
    ];

    public static void MapProjectExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/projects/export.{format}", async (string format, HttpContext http, IReadDbContextFactory reads, AuditLog audit, TimeProvider clock, CancellationToken ct) =>
        {
            if (format is not ("csv" or "xlsx")) return Results.NotFound();
            await using var db = reads.CreateDbContext();
            var q = http.Request.Query;
            var filter = ProjectListUrl.Parse(q["q"], q["stage"], q["status"], ParseInt(q["unit"]), ParseInt(q["industry"]), q["tier"], q["origin"],
                ParseInt(q["year"]), q["leader"], q["sort"], bool.TryParse(q["desc"], out var d) && d, 1);
            var export = await PrepareAsync(db, audit, clock, filter, format, ct);
            await export.AuditAsync(ct);
            return export.File;
        }).RequireAuthorization(nameof(Operation.ExportRecords));
    }

    /// <summary>
    /// The filtered list's rows read and its file made ready (csv or xlsx), for the GET export and a large export in the page
    /// alike; the audit entry is written by the caller once the file is out.
    /// </summary>
    public static async Task<PreparedExport> PrepareAsync(AppDbContext db, AuditLog audit, TimeProvider clock, ProjectFilter filter, string format, CancellationToken ct)
    {
        var rows = await RowsAsync(db, filter, ct);
        var details = JsonSerializer.Serialize(new { format, filter = ProjectListUrl.ToQuery(filter).Where(kv => kv.Value is not null).ToDictionary(), rows = rows.Count });
        // The server names the file; nothing of the request goes into it.
        var stamp = ExportFile.Stamp(clock);
        var file = ExportFile.Of(ExportSheet.Of(SheetName, rows, Columns), format == "csv", $"项目清单-{stamp}", $"projects-{stamp}");
        return new PreparedExport(file, rows.Count, token => audit.WriteAsync("Export", "Project", details: details, ct: token));
    }

    private static int? ParseInt(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static async Task<List<ProjectExportRow>> RowsAsync(AppDbContext db, ProjectFilter filter, CancellationToken ct)
    {
        var query = from p in ProjectQueries.Filtered(db, filter).OrderBy(p => p.Code).Take(MaxRows)
                    join c in db.Companies on p.CompanyId equals c.Id
                    join u in db.Units on p.UnitId equals u.Id
                    join i in db.Industries on p.IndustryId equals i.Id into industries
                    from i in industries.DefaultIfEmpty()
                    select new ProjectExportRow(
                        p.Code, p.Name, c.Name, c.CreditCode, c.Origin, u.Name, i == null ? null : i.Name,
                        p.PlannedInvestment, p.ContractedInvestment, p.SigningKind, p.SignedOn, p.StartedOn, p.InProductionOn,
                        p.Status, p.LeadSource, p.Stage, p.ResponsibleLeader);
        return await query.ToListAsync(ct);
    }
}
