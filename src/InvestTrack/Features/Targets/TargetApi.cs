using InvestTrack.Infrastructure.Auth;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace InvestTrack.Features.Targets;

/// <summary>The targets sheet to fill in, and the targets as JSON for the user's scope.</summary>
public static class TargetApi
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapTargetApi(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/targets");
        group.MapGet("/template.xlsx", async (CancellationToken ct) => Results.File(await TemplateAsync(DateTime.UtcNow.Year, ct), ContentType, "年度目标模板.xlsx"))
            .RequireAuthorization(nameof(Operation.SetTargets));
        group.MapGet("/{year:int}", async (int year, TargetService service, CancellationToken ct) => Results.Ok(await service.GridAsync(year, ct)))
            .RequireAuthorization(nameof(Operation.ViewRecords));
    }

    /// <summary>The four columns and one example row per indicator for the whole city, which imports as it is.</summary>
    public static async Task<byte[]> TemplateAsync(int year, CancellationToken ct)
    {
        decimal[] examples = [2_500_000m, 40, 18, 300, 80];
        var rows = TargetIndicators.All.Select((indicator, i) => new Dictionary<string, object?>
        {
            [TargetImport.Headers[0]] = year,
            [TargetImport.Headers[1]] = TargetImport.CityName,
            [TargetImport.Headers[2]] = TargetIndicators.SheetName(indicator),
            [TargetImport.Headers[3]] = examples[i],
        }).ToList();
        using var stream = new MemoryStream();
        await MiniExcel.SaveAsAsync(stream, rows, sheetName: TargetImport.SheetName, cancellationToken: ct);
        return stream.ToArray();
    }
}
