using System.Globalization;
using DocumentFormat.OpenXml.Spreadsheet;

namespace InvestTrack.Features.Imports;

/// <summary>
/// The template's 填表说明 sheet: how to fill the workbook, then one table per sheet with every column (name, alias,
/// required, rule) and an example of the sheet in the column 示例. The examples live here, on a sheet the importer
/// never reads, rather than in row 2 of the sheets to fill, where a forgotten example would be imported as a record.
/// </summary>
internal static class TemplateInstructions
{
    public const string Title = "台账导入模板 · 填表说明";
    public const string ExampleHeader = "示例（不会被导入）";
    public static readonly IReadOnlyList<string> TableHeaders = ["列名", "英文别名", "是否必填", "填写说明", ExampleHeader];

    /// <summary>Widths of A–E: the explanation column is the wide one and wraps.</summary>
    private static readonly int[] Widths = [18, 22, 16, 70, 28];

    private static readonly Dictionary<SheetKind, string> Purposes = new()
    {
        [SheetKind.Projects] = "一行一个项目，按项目编号新增或更新",
        [SheetKind.Funds] = "一行为一个项目在一个月份、一种来源的到位资金",
        [SheetKind.Activities] = "一行一次招商活动（走出去或请进来），按活动编号新增或更新",
    };

    public static Worksheet Sheet(TemplateContent content)
    {
        var rows = new List<Row>();
        var merges = new MergeCells();
        var number = 0;
        Row Next(double? height = null)
        {
            var row = new Row { RowIndex = (uint)++number };
            if (height is { } h) (row.Height, row.CustomHeight) = (h, true);
            rows.Add(row);
            return row;
        }
        void Wide(string text, uint style)
        {
            // A merged cell does not grow with its text: the row is given the height of its lines.
            var lines = Math.Max(1, (int)Math.Ceiling(TemplateCells.DisplayWidth(text) / (Widths.Sum() - 6.0)));
            Next(style == TemplateStyles.Title ? 24 : 16 * lines + 2).Append(TemplateCells.Text(Ref(0, number), text, style));
            merges.Append(new MergeCell { Reference = $"{Ref(0, number)}:{Ref(Widths.Length - 1, number)}" });
        }

        Wide(Title, TemplateStyles.Title);
        foreach (var (note, i) in Notes(content).Select((n, i) => (n, i))) Wide($"{i + 1}. {note}", TemplateStyles.Note);

        foreach (var (kind, columns) in TemplateColumns.Sheets)
        {
            Next();
            Wide($"工作表“{SheetKinds.SheetName(kind)}”：{Purposes[kind]}", TemplateStyles.Section);
            var header = Next(20);
            for (var c = 0; c < TableHeaders.Count; c++) header.Append(TemplateCells.Text(Ref(c, number), TableHeaders[c], TemplateStyles.HeaderOptional));
            var example = content.Examples.GetValueOrDefault(kind) ?? [];
            for (var i = 0; i < columns.Count; i++)
            {
                var column = columns[i];
                var row = Next();
                row.Append(
                    TemplateCells.Text(Ref(0, number), column.Spec.Chinese, column.Spec.Required ? TemplateStyles.HeaderRequired : TemplateStyles.Text),
                    TemplateCells.Text(Ref(1, number), column.Spec.Alias, TemplateStyles.Text),
                    TemplateCells.Text(Ref(2, number), column.RequiredText, TemplateStyles.Text),
                    TemplateCells.Text(Ref(3, number), column.Help, TemplateStyles.Note));
                if (i < example.Count && example[i] is { } value) row.Append(TemplateCells.Value(Ref(4, number), value, TemplateStyles.For(column.Input)));
            }
        }

        var widths = new Columns(Widths.Select((w, c) => new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = w, CustomWidth = true }));
        merges.Count = (uint)merges.ChildElements.Count;
        return new Worksheet(widths, new SheetData(rows), merges);
    }

    /// <summary>How to fill the workbook, in the order a user needs it; the lists' origin is said plainly.</summary>
    private static IEnumerable<string> Notes(TemplateContent content)
    {
        yield return "本工作簿有“项目”“到位资金”“活动”三张表，每张表第1行是表头：请不要修改表头的名称，从第2行起每行填写一条记录。只填写用到的表即可，其余的表保持空白。";
        yield return "橙色表头的列必须填写，灰色表头的列可以不填。选中单元格时会显示填写提示；有下拉箭头的列请从列表中选择。";
        yield return "金额的单位是万元，最多两位小数；日期写作 yyyy-mm-dd（如 2025-03-18），月份写作 yyyy-mm（如 2025-06）。";
        yield return "请直接填写数值，不要使用公式；从其他表格复制时请用“选择性粘贴 → 数值”。粘贴的内容不经过下拉列表的检查，导入时会逐项检查。";
        yield return "导入时先预览、后确认。任何一行有问题都不会写入任何数据，问题按工作表、行号和列逐条列出。再次导入同一文件不会产生重复记录：已有的项目编号、活动编号会更新对应的记录。";
        var units = "“所属单位”“组织单位”的下拉列表是您有权导入的单位";
        yield return content.CatalogName is { } catalog
            ? string.Create(CultureInfo.InvariantCulture, $"{units}；“产业”的下拉列表是当前产业目录“{catalog}”（{content.CatalogStartYear}年起）中的产业。")
            : units + "。";
        yield return "本页和隐藏的“下拉选项”表不会被导入。下面各表“示例”一列只作参考，不会被导入；可以照着示例把记录填写到对应的表中。";
    }

    private static string Ref(int column, int row) => ColumnLetters.FromIndex(column) + row.ToString(CultureInfo.InvariantCulture);
}
