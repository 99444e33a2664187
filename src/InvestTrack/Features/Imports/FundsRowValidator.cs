using System.Globalization;
using InvestTrack.Features.Funds;
using InvestTrack.Features.ReferenceData;
using C = InvestTrack.Features.Imports.LedgerColumns.Funds;

namespace InvestTrack.Features.Imports;

/// <summary>One row of a 到位资金 sheet that passed the cell rules; the project and defaults are resolved by the planner.</summary>
public sealed record FundsImportRow(string Sheet, int RowNumber, string ProjectCode, int Period, long Amount, OriginClass? Source, bool? MarkedAudited);

/// <summary>
/// Checks the cells of 到位资金 rows against docs/import-format.md, without the database: code, month
/// (yyyy-mm text, or a date cell, since Excel turns typed months into dates), amount above zero with at
/// most two decimals, source and audit status words. What needs stored state is <see cref="FundsImportPlanner"/>'s.
/// </summary>
public sealed class FundsRowValidator(CultureInfo? culture = null)
{
    internal static readonly Dictionary<string, OriginClass> Sources = new(StringComparer.OrdinalIgnoreCase)
    {
        ["省外"] = OriginClass.OtherProvince, ["other_province"] = OriginClass.OtherProvince,
        ["省内"] = OriginClass.InProvince, ["in_province"] = OriginClass.InProvince,
        ["境外"] = OriginClass.Abroad, ["abroad"] = OriginClass.Abroad,
    };

    internal static readonly Dictionary<string, bool> AuditWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["已审核"] = true, ["audited"] = true, ["待审核"] = false, ["pending"] = false,
    };

    public List<ImportProblem> Problems { get; } = [];

    public List<FundsImportRow> Validate(LedgerSheet sheet, HeaderMap map)
    {
        var rows = new List<FundsImportRow>(sheet.Rows.Count);
        foreach (var row in sheet.Rows)
            if (Validate(sheet, row, map) is { } valid) rows.Add(valid);
        return rows;
    }

    private FundsImportRow? Validate(LedgerSheet sheet, LedgerRow row, HeaderMap map)
    {
        var r = new RowReader(sheet, row, map, culture, Problems);
        var code = r.Text(C.ProjectCode, required: true, maxLength: 64, code: true);
        var period = Month(r, map.CellOf(row, C.Month));
        long? amount = null;
        if (r.Number(C.Amount, required: true) is decimal wan)
        {
            switch (FundsRules.CheckAmount(wan, out var hundredths))
            {
                case null: amount = hundredths; break;
                case FundsRules.AmountPrecision: r.Problem(C.Amount, ImportCodes.AmountPrecision); break;
                case FundsRules.AmountTooLarge: r.Problem(C.Amount, ImportCodes.FundsAmountTooLarge); break;
                default: r.Problem(C.Amount, ImportCodes.FundsAmountNotPositive); break;
            }
        }
        OriginClass? source = null;
        if (r.Text(C.Source) is { } sourceText)
        {
            if (Sources.TryGetValue(sourceText, out var s)) source = s;
            else r.Problem(C.Source, ImportCodes.UnknownFundsSource);
        }
        bool? audited = null;
        if (r.Text(C.AuditStatus) is { } statusText)
        {
            if (AuditWords.TryGetValue(statusText, out var a)) audited = a;
            else r.Problem(C.AuditStatus, ImportCodes.UnknownAuditStatus);
        }
        if (r.Failed) return null;
        return new FundsImportRow(sheet.Name, row.RowNumber, code!, period!.Value, amount!.Value, source, audited);
    }

    private static int? Month(RowReader r, LedgerCell cell)
    {
        if (cell.Kind == LedgerCellKind.Date && cell.Date is { } date) return FundsRules.PeriodOf(date);
        var text = r.Text(C.Month, required: true);
        if (text is null) return null;
        if (FundsRules.TryParsePeriod(text, out var period)) return period;
        r.Problem(C.Month, ImportCodes.NotAMonth, text);
        return null;
    }
}
