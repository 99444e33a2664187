using System.Globalization;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Kernel;
using C = InvestTrack.Features.Imports.LedgerColumns.Projects;

namespace InvestTrack.Features.Imports;

/// <summary>
/// Checks the rows of 项目 sheets against docs/import-format.md and the reference data, without
/// the database: each row becomes a <see cref="ProjectImportRow"/> or problems located as Excel shows
/// them. One instance per import, so that a code repeated anywhere in the file is caught.
/// What needs the stored projects (a code taken in another unit, a stage kept from before) is
/// <see cref="ProjectImportPlanner"/>'s.
/// </summary>
public sealed class ProjectRowValidator(ProjectImportLookups lookups, CultureInfo? culture = null)
{
    internal static readonly Dictionary<string, SigningKind> SigningKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["项目合同"] = SigningKind.Contract, ["contract"] = SigningKind.Contract,
        ["战略合作框架协议"] = SigningKind.Framework, ["framework"] = SigningKind.Framework,
    };

    internal static readonly Dictionary<string, ProjectStatus> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["正常"] = ProjectStatus.Active, ["active"] = ProjectStatus.Active,
        ["停滞"] = ProjectStatus.Stalled, ["stalled"] = ProjectStatus.Stalled,
        ["终止"] = ProjectStatus.Dropped, ["dropped"] = ProjectStatus.Dropped,
    };

    private readonly Dictionary<string, int> _firstRowOfCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Place?> _places = new(StringComparer.Ordinal);

    /// <summary>For dates inside messages; the messages themselves default to Chinese likewise.</summary>
    private CultureInfo Culture => culture ?? CultureInfo.GetCultureInfo("zh-CN");

    public List<ImportProblem> Problems { get; } = [];

    /// <summary>The valid rows of the sheet; the others add to <see cref="Problems"/>.</summary>
    public List<ProjectImportRow> Validate(LedgerSheet sheet, HeaderMap map)
    {
        var rows = new List<ProjectImportRow>(sheet.Rows.Count);
        foreach (var row in sheet.Rows)
            if (Validate(sheet, row, map) is { } valid) rows.Add(valid);
        return rows;
    }

    public ProjectImportRow? Validate(LedgerSheet sheet, LedgerRow row, HeaderMap map)
    {
        var r = new RowReader(sheet, row, map, culture, Problems);

        var code = r.Text(C.Code, required: true, maxLength: 64, code: true);
        if (code is not null)
        {
            if (_firstRowOfCode.TryGetValue(code, out var first)) r.Problem(C.Code, ImportCodes.DuplicateCode, code, first);
            else _firstRowOfCode[code] = row.RowNumber;
        }
        var name = r.Text(C.Name, required: true, maxLength: 200);
        var investor = r.Text(C.Investor, required: true, maxLength: 200);
        var creditCode = CreditCodeOf(r);
        var (origin, place) = PlaceOf(r);
        var unitId = UnitOf(r);
        var planned = Amount(r, C.PlannedInvestment, required: true);
        var contracted = Amount(r, C.ContractedInvestment, required: false);
        var kindText = r.Text(C.SigningKind);
        SigningKind? kind = null;
        if (kindText is not null)
        {
            if (SigningKinds.TryGetValue(kindText, out var k)) kind = k;
            else r.Problem(C.SigningKind, ImportCodes.UnknownSigningKind);
        }
        var signedOn = r.Date(C.SignedOn);
        var startedOn = r.Date(C.StartedOn);
        var inProductionOn = r.Date(C.InProductionOn);
        var statusText = r.Text(C.Status);
        var status = ProjectStatus.Active;
        if (statusText is not null && !Statuses.TryGetValue(statusText, out status)) r.Problem(C.Status, ImportCodes.UnknownStatus);
        var leadSource = r.Text(C.LeadSource, maxLength: 100);
        var (industryId, industryName) = IndustryOf(r, signedOn);

        // The dates on their own: in order, each with what it needs (a kind with a signing date), and each one that
        // has happened — not ahead of today in China, not before 1990 — as in the project form.
        var implied = StageRules.ImpliedByDates(signedOn, startedOn, inProductionOn, ProjectStage.Talks);
        var dates = new StageDates(signedOn, startedOn, inProductionOn, kind is not null);
        foreach (var (field, range) in ProjectRules.CheckHappened(dates, lookups.Today))
        {
            var (problem, column) = StageDateProblems.For(field, range);
            r.Problem(column, problem, DisplayFormat.Date(range == DateProblem.Future ? lookups.Today : ProjectRules.EarliestDate, Culture));
        }
        foreach (var key in StageRules.CheckDates(implied, dates))
        {
            var (problem, column) = StageDateProblems.For(key);
            // A missing kind is only the date's requirement when the kind cell did not already fail.
            if (problem == ImportCodes.SigningKindRequired && kindText is not null) continue;
            r.Problem(column, problem);
        }

        if (r.Failed) return null;
        return new ProjectImportRow(sheet.Name, row.RowNumber, code!, name!, investor!, creditCode, origin!, place!, unitId!.Value,
            industryId, industryName, planned!.Value, contracted, kind, signedOn, startedOn, inProductionOn, status, leadSource);
    }

    private static string? CreditCodeOf(RowReader r)
    {
        var text = r.Text(C.CreditCode);
        if (text is null) return null;
        var code = CreditCode.Normalize(text);
        switch (CreditCode.Check(code))
        {
            case null: return code;
            case "Length": r.Problem(C.CreditCode, ImportCodes.CreditLength); break;
            case "Character": r.Problem(C.CreditCode, ImportCodes.CreditCharacter); break;
            default: r.Problem(C.CreditCode, ImportCodes.CreditCheckCharacter); break;
        }
        return null;
    }

    private (string? Text, Place? Place) PlaceOf(RowReader r)
    {
        var text = r.Text(C.InvestorOrigin, required: true, maxLength: 100);
        if (text is null) return (null, null);
        if (!_places.TryGetValue(text, out var place)) _places[text] = place = lookups.Places.Parse(text);
        if (place is null) r.Problem(C.InvestorOrigin, ImportCodes.UnknownPlace, text);
        return (text, place);
    }

    private int? UnitOf(RowReader r)
    {
        var text = r.Text(C.Unit, required: true);
        if (text is null) return null;
        if (!lookups.Units.TryGetValue(text, out var unit))
        {
            r.Problem(C.Unit, ImportCodes.UnknownUnit, text);
            return null;
        }
        // Checked per row: a ledger with one foreign row is refused, never imported in part.
        if (!lookups.Scope.Contains(unit.Id))
        {
            r.Problem(C.Unit, ImportCodes.UnitOutOfScope);
            return null;
        }
        return unit.Id;
    }

    private (int? Id, string? Name) IndustryOf(RowReader r, DateOnly? signedOn)
    {
        var text = r.Text(C.Industry);
        if (text is null) return (null, null);
        var year = signedOn?.Year ?? lookups.CurrentYear;
        if (lookups.CatalogFor(year) is { } catalog && catalog.IndustriesByName.TryGetValue(text, out var id)) return (id, text);
        r.Problem(C.Industry, ImportCodes.UnknownIndustry, text, year);
        return (null, null);
    }

    private static long? Amount(RowReader r, ColumnSpec column, bool required)
    {
        if (r.Number(column, required) is not decimal wan) return null;
        var problem = AmountRule.Check(wan, zeroAllowed: true, out var hundredths);
        if (problem == AmountProblem.None) return hundredths;
        r.Problem(column, problem switch
        {
            AmountProblem.TooLarge => ImportCodes.AmountTooLarge,
            AmountProblem.TooPrecise => ImportCodes.AmountPrecision,
            _ => ImportCodes.AmountNegative,
        });
        return null;
    }
}
