using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Imports;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Targets;

/// <summary>How an import of targets ended: every problem by row and column, or what it changed.</summary>
public sealed record TargetImportResult(IReadOnlyList<ImportProblem> Problems, int Created, int Updated, int Unchanged)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// The sheet 年度目标 (年度, 单位, 指标, 目标值) from .xlsx or .csv, read safely by <see cref="LedgerReader"/>.
/// City staff only; all or nothing: one problem anywhere and nothing is written. Audited per target and as one import.
/// </summary>
public sealed class TargetImport(IDbContextFactory<AppDbContext> dbFactory, TargetService targets, IStringLocalizer<TargetsResource> t)
{
    public const string SheetName = "年度目标";
    public static readonly string[] Headers = ["年度", "单位", "指标", "目标值"];
    /// <summary>Five indicators for each of a few dozen units over a few years fit easily.</summary>
    public const long MaxBytes = 5L * 1024 * 1024;
    private static readonly ImportLimits Limits = ImportLimits.Default with { MaxRowsPerSheet = 10_000, MaxFileBytes = MaxBytes };
    public const string CityName = "全市";

    private sealed record Parsed(int Row, int Year, int? UnitId, TargetIndicator Indicator, long Value);

    public async Task<TargetImportResult> ImportAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        await targets.DemandSetAsync("import");
        var name = Path.GetFileName(fileName);
        var read = LedgerReader.Read(content, name, Limits, CultureInfo.CurrentUICulture);
        if (read.Workbook is null || read.Problems.Count > 0) return Failed(read.Problems);
        var sheet = read.Workbook.Sheets.FirstOrDefault(s => s.Name == SheetName && !s.IsBlank)
            ?? read.Workbook.Sheets.FirstOrDefault(s => Headers.All(h => s.Headers.Contains(h)));
        if (sheet is null) return Failed([Problem(name, null, null, t["Import.NoSheet"])]);
        var columns = Headers.Select(h => sheet.Headers.ToList().IndexOf(h)).ToArray();
        var problems = new List<ImportProblem>();
        for (var i = 0; i < Headers.Length; i++)
            if (columns[i] < 0) problems.Add(Problem(sheet.Name, sheet.HeaderRowNumber, Headers[i], t["Import.MissingColumn", Headers[i]]));
        if (problems.Count > 0) return Failed(problems);
        if (sheet.Rows.Count == 0) return Failed([Problem(sheet.Name, sheet.HeaderRowNumber + 1, null, t["Import.NoRows"])]);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.Code, u.ShortName }).ToListAsync(ct);
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var u in units)
        {
            byKey[u.Code] = u.Id;
            byKey[u.Name] = u.Id;
            if (!string.IsNullOrEmpty(u.ShortName)) byKey.TryAdd(u.ShortName, u.Id);
        }
        var indicators = TargetIndicators.All.ToDictionary(TargetIndicators.SheetName);
        var rows = new List<Parsed>();
        var seen = new Dictionary<(int, int?, TargetIndicator), int>();
        foreach (var row in sheet.Rows)
        {
            var before = problems.Count;
            void Add(int column, string message) => problems.Add(Problem(sheet.Name, row.RowNumber, ColumnLetters.FromIndex(columns[column]), message));
            var yearCell = row.Cell(columns[0]);
            int year = 0;
            if (Number(yearCell) is not { } y || y != decimal.Truncate(y) || y < TargetIndicators.MinYear || y > TargetIndicators.MaxYear)
                Add(0, t["Import.Year", yearCell.Original, TargetIndicators.MinYear, TargetIndicators.MaxYear]);
            else year = (int)y;
            var unitText = row.Cell(columns[1]).Original.Trim();
            int? unitId = null;
            if (unitText != CityName)
            {
                if (byKey.TryGetValue(unitText, out var id)) unitId = id;
                else Add(1, t["Import.Unit", unitText]);
            }
            var indicatorText = row.Cell(columns[2]).Original.Trim();
            if (!indicators.TryGetValue(indicatorText, out var indicator))
                Add(2, t["Import.Indicator", indicatorText, string.Join(Kernel.DisplayFormat.ListSeparator, indicators.Keys)]);
            long value = 0;
            var valueCell = row.Cell(columns[3]);
            if (Number(valueCell) is not { } v || !TargetService.TryStore(indicator, v, out value))
                Add(3, indicators.ContainsKey(indicatorText) ? targets.Invalid(indicator) : t["Import.Value", valueCell.Original]);
            if (problems.Count > before) continue;
            if (seen.TryGetValue((year, unitId, indicator), out var first))
            {
                problems.Add(Problem(sheet.Name, row.RowNumber, null, t["Import.Duplicate", first]));
                continue;
            }
            seen[(year, unitId, indicator)] = row.RowNumber;
            rows.Add(new Parsed(row.RowNumber, year, unitId, indicator, value));
        }
        if (problems.Count > 0) return Failed(problems);

        var years = rows.Select(r => r.Year).Distinct().ToArray();
        var existing = await db.AnnualTargets.Where(x => years.Contains(x.Year)).ToListAsync(ct);
        int created = 0, updated = 0, unchanged = 0;
        foreach (var r in rows)
        {
            var target = existing.FirstOrDefault(x => x.Year == r.Year && x.UnitId == r.UnitId && x.Indicator == r.Indicator);
            if (target is null) { db.AnnualTargets.Add(new AnnualTarget { Year = r.Year, UnitId = r.UnitId, Indicator = r.Indicator, Value = r.Value }); created++; }
            else if (target.Value != r.Value) { target.Value = r.Value; updated++; }
            else unchanged++;
        }
        AuditCapture.Add(db, "Import", nameof(AnnualTarget), name, AdminGuard.Serialize(new { rows = rows.Count, created, updated, unchanged }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone set one of these targets at the same moment: nothing was written.
            return Failed([Problem(name, null, null, t["Stale"])]);
        }
        return new TargetImportResult([], created, updated, unchanged);
    }

    /// <summary>A number cell, or text that is a plain number (a CSV holds text).</summary>
    private static decimal? Number(LedgerCell cell) => cell.Kind switch
    {
        LedgerCellKind.Number => cell.Number,
        LedgerCellKind.Text when decimal.TryParse(cell.Original.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    private static ImportProblem Problem(string sheet, int? row, string? column, string message) => new(sheet, row, column, "Target", message);

    private static TargetImportResult Failed(IReadOnlyList<ImportProblem> problems) => new(problems, 0, 0, 0);
}
