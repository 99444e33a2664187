using System.Globalization;

namespace InvestTrack.Features.Imports;

/// <summary>Picks the sheets of a workbook that this import handles and validates their rows.</summary>
internal static class LedgerSheets
{
    public static List<ProjectImportRow> ValidateProjects(LedgerWorkbook workbook, string fileName, ProjectRowValidator validator,
        List<ImportProblem> problems, List<ImportProblem> warnings, CultureInfo culture) =>
        Validate(workbook, fileName, validator, new FundsRowValidator(culture), [], null, [], problems, warnings, culture);

    /// <summary>
    /// The 项目, 到位资金 and 活动 rows of the workbook; at least one of the three sheets must be there. Without an
    /// activity validator (callers that import projects only) a 活动 sheet is a warning and skipped. The template's
    /// own sheets (填表说明, 下拉选项) are passed over without a word. A sheet with a header and no rows is skipped
    /// (the template has all three sheets, and a user fills the ones they need); when no sheet has a row, one problem
    /// names them all, so that the untouched template is refused plainly.
    /// </summary>
    public static List<ProjectImportRow> Validate(LedgerWorkbook workbook, string fileName, ProjectRowValidator validator,
        FundsRowValidator fundsValidator, List<FundsImportRow> fundsRows, ActivityRowValidator? activityValidator, List<ActivityImportRow> activityRows,
        List<ImportProblem> problems, List<ImportProblem> warnings, CultureInfo culture)
    {
        var rows = new List<ProjectImportRow>();
        var found = false;
        var empty = new List<LedgerSheet>();
        var filled = false;
        ImportProblem Note(string sheet, int? row, string code, params object[] args) => new(sheet, row, null, code, ImportMessages.Format(code, culture, args));

        foreach (var sheet in workbook.Sheets)
        {
            if (SheetKinds.IsTemplateSheet(sheet)) continue;
            var kind = SheetKinds.Recognize(sheet);
            if (kind == SheetKind.Unknown)
            {
                // A blank Sheet2 is normal; a sheet with content that is no ledger is worth a word.
                if (!sheet.IsBlank) warnings.Add(Note(sheet.Name, null, ImportCodes.UnknownSheet, sheet.Name));
                continue;
            }
            if (kind == SheetKind.Activities && activityValidator is null)
            {
                // Its presence must not stop the projects.
                warnings.Add(Note(sheet.Name, null, ImportCodes.SheetNotSupported, SheetKinds.SheetName(kind)));
                continue;
            }
            found = true;
            if (sheet.IsBlank || sheet.Rows.Count == 0)
            {
                empty.Add(sheet);
                continue;
            }
            filled = true;
            var map = HeaderMap.Build(sheet, kind, culture);
            warnings.AddRange(map.Warnings);
            if (map.Problems.Count > 0)
            {
                // Without its columns no row can be read: the header problems say it all.
                problems.AddRange(map.Problems);
                continue;
            }
            if (kind == SheetKind.Funds) fundsRows.AddRange(fundsValidator.Validate(sheet, map));
            else if (kind == SheetKind.Activities) activityRows.AddRange(activityValidator!.Validate(sheet, map));
            else rows.AddRange(validator.Validate(sheet, map));
        }
        if (!found) problems.Add(Note(fileName, null, ImportCodes.NoProjectsSheet));
        else if (!filled)
        {
            var names = ImportMessages.Names(empty.Select(e => e.Name), culture);
            problems.Add(empty is [var only]
                ? Note(only.Name, only.IsBlank ? null : only.HeaderRowNumber + 1, ImportCodes.NoRows, names)
                : Note(fileName, null, ImportCodes.NoRows, names));
        }
        return rows;
    }
}
