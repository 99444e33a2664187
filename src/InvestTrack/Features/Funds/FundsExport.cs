using InvestTrack.Features.Audit;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Ledger = InvestTrack.Features.Imports.LedgerColumns.Funds;

namespace InvestTrack.Features.Funds;

/// <summary>
/// The filtered ledger as .xlsx: exactly the rows of the list (same filter, same unit scope, same order), the contract's
/// 到位资金 columns first (项目编号, 月份, 到位资金(万元), 资金来源, 审核状态), then the project, unit and who reported and audited
/// it by name and unit. Cells are neutralised by the writer; the export is audited with its filter.
/// </summary>
public sealed class FundsExport(FundsQueries queries, AuditLog audit, TimeProvider clock)
{
    public const int MaxRows = 200_000;
    public const string SheetName = "到位资金";

    private static readonly Dictionary<FundsAuditStatus, string> Statuses = new() { [FundsAuditStatus.Pending] = "待审核", [FundsAuditStatus.Audited] = "已审核", [FundsAuditStatus.Returned] = "已退回" };

    public static readonly IReadOnlyList<ExportColumn<FundsRow>> Columns =
    [
        ExportColumn<FundsRow>.Text(Ledger.ProjectCode.Chinese, r => r.ProjectCode),
        ExportColumn<FundsRow>.Text(Ledger.Month.Chinese, r => r.Month),
        ExportColumn<FundsRow>.Wan(Ledger.Amount.Chinese, r => r.Amount),
        ExportColumn<FundsRow>.Text(Ledger.Source.Chinese, r => Statistics.DispatchText.SourceName(r.Source)),
        ExportColumn<FundsRow>.Text(Ledger.AuditStatus.Chinese, r => r.AuditedInSource ? "已审核（源台账）" : Statuses[r.Status]),
        ExportColumn<FundsRow>.Text("项目名称", r => r.ProjectName),
        ExportColumn<FundsRow>.Text("所属单位", r => r.UnitName),
        ExportColumn<FundsRow>.Text("资金类别", r => r.CapitalKind switch { CapitalKind.FixedAssets => "固定资产投资", CapitalKind.WorkingCapital => "流动资金", _ => null }),
        ExportColumn<FundsRow>.Text("退回原因", r => r.ReturnReason),
        ExportColumn<FundsRow>.Text("填报人", r => r.Reporter?.Name),
        ExportColumn<FundsRow>.Text("填报人单位", r => r.Reporter?.UnitName),
        ExportColumn<FundsRow>.Date("填报日期", r => ChinaTime.DateOf(r.ReportedAt)),
        ExportColumn<FundsRow>.Text("审核人", r => r.Auditor?.Name),
        ExportColumn<FundsRow>.Text("审核人单位", r => r.Auditor?.UnitName),
        ExportColumn<FundsRow>.Date("审核日期", r => r.AuditedAt is { } at ? ChinaTime.DateOf(at) : null),
        ExportColumn<FundsRow>.Count("证明材料(份)", r => r.EvidenceCount),
    ];

    /// <summary>The GET export: audited, then sent.</summary>
    public async Task<ExportFile> ExportAsync(FundsFilter filter, CancellationToken ct = default)
    {
        var export = await PrepareAsync(filter, ct);
        await export.AuditAsync(ct);
        return export.File;
    }

    /// <summary>The rows read and the file made ready; the audit entry is written by the caller once the file is out.</summary>
    public async Task<PreparedExport> PrepareAsync(FundsFilter filter, CancellationToken ct = default)
    {
        var rows = await queries.AllAsync(filter, MaxRows, ct);
        var stamp = ExportFile.Stamp(clock);
        var file = ExportFile.Of(ExportSheet.Of(SheetName, rows, Columns), csv: false, $"到位资金台账-{stamp}", $"funds-{stamp}");
        var details = AdminGuard.Serialize(new
        {
            format = "Xlsx", rows = rows.Count, file = file.AsciiFileName,
            filter = new
            {
                filter.Year, filter.Month, from = filter.From, to = filter.To, filter.UnitId, source = filter.Source?.ToString(),
                status = filter.Status?.ToString(), filter.ProjectId, reporter = filter.ReporterId,
            },
        });
        return new PreparedExport(file, rows.Count, token => audit.WriteAsync("Export", nameof(FundsRecord), details: details, ct: token));
    }
}
