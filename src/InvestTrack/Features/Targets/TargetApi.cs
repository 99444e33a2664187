using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;

namespace InvestTrack.Features.Targets;

/// <summary>The targets sheet to fill in, and the targets as JSON for the user's scope.</summary>
public static class TargetApi
{
    public const string ContentType = SpreadsheetExport.XlsxContentType;

    public static void MapTargetApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/targets");
        group.MapGet("/template.xlsx", (TimeProvider clock) => ExportFile.Xlsx("年度目标模板", "targets-template", Template(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year)))
            .RequireAuthorization(nameof(Operation.SetTargets));
        group.MapGet("/{year:int}", async (int year, TargetService service, CancellationToken ct) => Results.Ok(await service.GridAsync(year, ct)))
            .RequireAuthorization(nameof(Operation.ViewRecords));
    }

    /// <summary>The four columns and one example row per indicator for the whole city, which imports as it is.</summary>
    public static ExportSheet Template(int year)
    {
        decimal[] examples = [2_500_000m, 40, 18, 300, 80];
        return ExportSheet.Of(TargetImport.SheetName, TargetIndicators.All.Select((indicator, i) => (Indicator: indicator, Value: examples[i])).ToList(),
            ExportColumn<(TargetIndicator Indicator, decimal Value)>.Count(TargetImport.Headers[0], _ => year),
            ExportColumn<(TargetIndicator Indicator, decimal Value)>.Text(TargetImport.Headers[1], _ => TargetImport.CityName),
            ExportColumn<(TargetIndicator Indicator, decimal Value)>.Text(TargetImport.Headers[2], r => TargetIndicators.SheetName(r.Indicator)),
            // 万元 for funds, a count for the others: one general number column.
            ExportColumn<(TargetIndicator Indicator, decimal Value)>.Number(TargetImport.Headers[3], r => r.Value));
    }
}
