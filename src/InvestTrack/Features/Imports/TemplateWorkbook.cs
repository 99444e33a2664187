using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace InvestTrack.Features.Imports;

/// <summary>
/// What the template is made of besides the columns: the user's units, the industries of the catalog in force this
/// year (its name and first year), suggested lead sources, and one example per sheet, in its columns' order.
/// </summary>
public sealed record TemplateContent(
    IReadOnlyList<string> Units, string? CatalogName, int? CatalogStartYear, IReadOnlyList<string> Industries,
    IReadOnlyList<string> LeadSources, IReadOnlyDictionary<SheetKind, IReadOnlyList<object?>> Examples);

/// <summary>
/// The import template as a real workbook (docs/import-format.md): the sheets 项目, 到位资金 and 活动 with the contract's
/// headers and nothing else, each column formatted and validated for what it takes (drop-downs for the closed lists,
/// dates, amounts, counts, lengths) with a prompt and an error message in Chinese; 填表说明 with every column explained
/// and an example of each sheet; and the hidden sheet 下拉选项 holding the long lists the drop-downs point at. The
/// importer passes over 填表说明 and 下拉选项 by name, so the examples can never be imported by accident.
/// Written with the Open XML SDK's elements: the file is small, and the SDK keeps the element order Excel demands.
/// </summary>
public static class TemplateWorkbook
{
    /// <summary>Validations reach the last row the import reads (<see cref="ImportLimits.MaxRowsPerSheet"/>).</summary>
    public static readonly int LastRow = ImportLimits.Default.MaxRowsPerSheet;

    /// <summary>Excel refuses to open a workbook whose validation texts are longer (ECMA-376 18.3.1.32).</summary>
    public const int MaxPromptLength = 255, MaxTitleLength = 32;

    public static byte[] Write(TemplateContent content)
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var book = document.AddWorkbookPart();
            book.AddNewPart<WorkbookStylesPart>().Stylesheet = TemplateStyles.Stylesheet();
            var sheets = new Sheets();
            void Add(string name, Worksheet worksheet, bool hidden = false)
            {
                var part = book.AddNewPart<WorksheetPart>();
                part.Worksheet = worksheet;
                sheets.Append(new Sheet
                {
                    Name = name, SheetId = (uint)sheets.ChildElements.Count + 1, Id = book.GetIdOfPart(part),
                    State = hidden ? SheetStateValues.Hidden : null,
                });
            }

            var (lists, ranges) = TemplateLists.Sheet(content);
            var first = true;
            foreach (var (kind, columns) in TemplateColumns.Sheets)
            {
                Add(SheetKinds.SheetName(kind), DataSheet(columns, ranges, first));
                first = false;
            }
            Add(SheetKinds.InstructionsSheet, TemplateInstructions.Sheet(content));
            Add(SheetKinds.ListsSheet, lists, hidden: true);
            book.Workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 0 }), sheets);
        }
        return memory.ToArray();
    }

    /// <summary>A sheet to fill: the header row (orange where required), frozen; each column's format and validation.</summary>
    private static Worksheet DataSheet(IReadOnlyList<TemplateColumn> columns, TemplateLists.Ranges ranges, bool selected)
    {
        var header = new Row { RowIndex = 1, Height = 30, CustomHeight = true };
        var widths = new Columns();
        var validations = new DataValidations();
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            var letter = ColumnLetters.FromIndex(i);
            header.Append(TemplateCells.Text(letter + "1", column.Spec.Chinese, column.Spec.Required ? TemplateStyles.HeaderRequired : TemplateStyles.HeaderOptional));
            widths.Append(new Column
            {
                Min = (uint)i + 1, Max = (uint)i + 1, Width = Math.Max(column.Width, TemplateCells.DisplayWidth(column.Spec.Chinese) + 3),
                CustomWidth = true, Style = TemplateStyles.For(column.Input),
            });
            validations.Append(Validation(column, string.Create(CultureInfo.InvariantCulture, $"{letter}2:{letter}{LastRow}"), ranges));
        }
        validations.Count = (uint)validations.ChildElements.Count;
        var view = new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0, TabSelected = selected ? true : null };
        return new Worksheet(new SheetViews(view), widths, new SheetData(header), validations);
    }

    /// <summary>
    /// The column's validation: always its prompt; a drop-down for a list (the long ones on 下拉选项, the short ones
    /// written in), a range for dates, amounts and counts, a length for text. Industries only warn, since a project
    /// signed under an older catalog names an industry of that one; lead sources are suggestions, any text goes.
    /// </summary>
    internal static DataValidation Validation(TemplateColumn column, string sqref, TemplateLists.Ranges ranges)
    {
        var name = column.Spec.Chinese;
        var v = new DataValidation
        {
            AllowBlank = true, ShowInputMessage = true, ShowErrorMessage = true,
            PromptTitle = Checked(name, MaxTitleLength), Prompt = Checked((column.Spec.Required ? "必填。" : "") + column.Help, MaxPromptLength),
            SequenceOfReferences = new ListValue<StringValue> { InnerText = sqref },
        };
        void Rule(DataValidationValues type, DataValidationOperatorValues? op, string title, string error, string formula1, string? formula2 = null)
        {
            v.Type = type;
            v.Operator = op;
            v.ErrorTitle = Checked(title, MaxTitleLength);
            v.Error = Checked(error, MaxPromptLength);
            v.Append(new Formula1(formula1));
            if (formula2 is not null) v.Append(new Formula2(formula2));
        }
        var between = DataValidationOperatorValues.Between;
        var max = AmountLimit;
        switch (column.Input)
        {
            case TemplateInput.Text when column.MaxLength > 0:
                Rule(DataValidationValues.TextLength, DataValidationOperatorValues.LessThanOrEqual, "内容过长",
                    $"“{name}”最多{column.MaxLength}个字符。", Digits(column.MaxLength));
                break;
            case TemplateInput.Text:
                v.ShowErrorMessage = null; // any text: the prompt only
                break;
            case TemplateInput.CreditCode:
                Rule(DataValidationValues.TextLength, DataValidationOperatorValues.Equal, "统一社会信用代码有误", "统一社会信用代码应为18位。", "18");
                break;
            case TemplateInput.Amount:
                Rule(DataValidationValues.Decimal, between, "金额有误", $"“{name}”应为不小于0的数，单位万元，最多两位小数。", "0", max);
                break;
            case TemplateInput.PositiveAmount:
                Rule(DataValidationValues.Decimal, between, "金额有误", $"“{name}”应为大于0的数，单位万元，最多两位小数。", "0.01", max);
                break;
            case TemplateInput.PastDate:
                Rule(DataValidationValues.Date, between, "日期有误", $"“{name}”应为1990-01-01至今天之间的日期，如 2025-03-18。", Serial(Earliest), "TODAY()");
                break;
            case TemplateInput.Date:
                Rule(DataValidationValues.Date, between, "日期有误", $"“{name}”应为日期，如 2025-04-08。", Serial(Earliest), Serial(Latest));
                break;
            case TemplateInput.Month:
                Rule(DataValidationValues.Date, between, "月份有误", $"“{name}”应为1990年1月至本月之间的月份，如 2025-06。", Serial(Earliest), "TODAY()");
                break;
            case TemplateInput.Count:
                Rule(DataValidationValues.Whole, DataValidationOperatorValues.GreaterThanOrEqual, "数量有误", $"“{name}”应为不小于0的整数。", "0");
                break;
            case TemplateInput.Words:
                var words = column.Words ?? throw new InvalidOperationException($"{name} has no words");
                Rule(DataValidationValues.List, null, "请从列表中选择", $"“{name}”应为：{string.Join("、", words)}。", Checked($"\"{string.Join(",", words)}\"", MaxPromptLength));
                break;
            case TemplateInput.Units when ranges.Units is { } units:
                Rule(DataValidationValues.List, null, "请从列表中选择", $"“{name}”请从下拉列表中选择您有权导入的单位。", units);
                break;
            case TemplateInput.Industries when ranges.Industries is { } industries:
                Rule(DataValidationValues.List, null, "不在当前产业目录中",
                    "这个产业不在当前产业目录中。签约年份适用其他目录时请选择“是”继续，否则请从下拉列表中选择。", industries);
                v.ErrorStyle = DataValidationErrorStyleValues.Warning;
                break;
            case TemplateInput.LeadSources when ranges.LeadSources is { } sources:
                Rule(DataValidationValues.List, null, "线索来源", "可从列表选择，也可填写其他来源。", sources);
                v.ShowErrorMessage = null; // suggestions: any text goes
                break;
            default:
                v.ShowErrorMessage = null; // an empty list (no catalog): the prompt only
                break;
        }
        return v;
    }

    private static readonly DateOnly Earliest = Projects.ProjectRules.EarliestDate;
    private static readonly DateOnly Latest = Projects.ProjectRules.LatestPlannedDate;
    private static readonly string AmountLimit = Kernel.AmountRule.MaxWan.ToString(CultureInfo.InvariantCulture);

    /// <summary>A date as Excel's serial number (days since 1899-12-30), as validations hold dates.</summary>
    public static string Serial(DateOnly date) => Digits(date.DayNumber - new DateOnly(1899, 12, 30).DayNumber);

    private static string Digits(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Checked(string text, int max) =>
        text.Length <= max ? text : throw new InvalidOperationException($"'{text}' is longer than Excel's {max} characters");
}
