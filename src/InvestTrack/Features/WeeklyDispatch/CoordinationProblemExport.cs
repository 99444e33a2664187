using InvestTrack.Features.Audit;
using InvestTrack.Features.Companies;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.WeeklyDispatch;

/// <summary>The filtered problem list as a file (.xlsx or .csv), only the rows the user may read, audited with its filter and row count.</summary>
public sealed class CoordinationProblemExport(CoordinationProblemService problems, CurrentUser actor, AuditLog audit, IStringLocalizer<WeeklyDispatchResource> t, TimeProvider clock)
{
    public const int MaxRows = 100_000;

    public async Task<ExportFile> ExportAsync(CoordinationProblemFilter filter, ExportFormat format, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ExportRecords, nameof(CoordinationProblem));
        var rows = await problems.AllAsync(filter, MaxRows, ct);
        var sheet = ExportSheet.Of("问题清单", rows,
            ExportColumn<CoordinationProblemRow>.Count(t["Problem.Field.Id"], r => r.Id),
            ExportColumn<CoordinationProblemRow>.Text(t["Problem.Field.Project"], r => $"{r.ProjectCode} {r.ProjectName}"),
            ExportColumn<CoordinationProblemRow>.Text(t["Problem.Field.Unit"], r => r.UnitName),
            ExportColumn<CoordinationProblemRow>.Text(t["Problem.Field.Week"], r => r.RaisedWeekLabel),
            ExportColumn<CoordinationProblemRow>.Text(t["Problem.Field.Text"], r => r.Text, width: 50, wrap: true),
            ExportColumn<CoordinationProblemRow>.Text(t["Problem.Field.Department"], r => r.AssignedUnitName),
            ExportColumn<CoordinationProblemRow>.Date(t["Problem.Field.DueOn"], r => r.DueOn),
            ExportColumn<CoordinationProblemRow>.Text(t["Problem.Field.Status"], r => t[$"Problem.Status.{r.Status}"].Value),
            ExportColumn<CoordinationProblemRow>.Text(t["Problem.Field.Overdue"], r => r.Overdue ? t["Problem.Overdue"].Value : ""),
            ExportColumn<CoordinationProblemRow>.Text(t["Problem.Field.Answer"], r => r.Answer, width: 50, wrap: true),
            ExportColumn<CoordinationProblemRow>.Date(t["Problem.Field.AnsweredOn"], r => r.AnsweredAt is { } a ? ChinaTime.DateOf(a) : null),
            ExportColumn<CoordinationProblemRow>.Date(t["Problem.Field.ClosedOn"], r => r.ClosedAt is { } c ? ChinaTime.DateOf(c) : null));
        var stamp = ExportFile.Stamp(clock);
        var file = ExportFile.Of(sheet, format == ExportFormat.Csv, $"问题清单-{stamp}", $"problems-{stamp}");
        await audit.WriteAsync("Export", nameof(CoordinationProblem), details: AdminGuard.Serialize(new
        {
            format = format.ToString(), rows = rows.Count, file = file.AsciiFileName,
            filter = new { filter.Q, status = filter.Status?.ToString(), filter.UnitId, filter.AssignedUnitId, filter.OverdueOnly, view = filter.View.ToString() },
        }), ct: ct);
        return file;
    }
}
