using System.Globalization;
using DocumentFormat.OpenXml.Spreadsheet;

namespace InvestTrack.Features.Imports;

/// <summary>
/// The template's hidden sheet 下拉选项: the lists too long to write into a validation (Excel allows 255 characters
/// there), one per column with its name in row 1, and the absolute ranges the drop-downs point at.
/// </summary>
internal static class TemplateLists
{
    /// <summary>The ranges of the lists, such as '下拉选项'!$A$2:$A$34; null for an empty list.</summary>
    public sealed record Ranges(string? Units, string? Industries, string? LeadSources);

    public static (Worksheet Sheet, Ranges Ranges) Sheet(TemplateContent content)
    {
        (string Name, IReadOnlyList<string> Items)[] lists =
            [("所属单位", content.Units), ("产业", content.Industries), ("线索来源", content.LeadSources)];
        var rows = new List<Row>();
        var longest = lists.Max(l => l.Items.Count);
        for (var r = 0; r <= longest; r++)
        {
            var row = new Row { RowIndex = (uint)r + 1 };
            for (var c = 0; c < lists.Length; c++)
            {
                var text = r == 0 ? lists[c].Name : r <= lists[c].Items.Count ? lists[c].Items[r - 1] : null;
                if (text is not null) row.Append(TemplateCells.Text(Reference(c, r + 1), text, r == 0 ? TemplateStyles.Section : TemplateStyles.Text));
            }
            rows.Add(row);
        }
        var widths = new Columns(lists.Select((l, c) => new Column
        {
            Min = (uint)c + 1, Max = (uint)c + 1, CustomWidth = true,
            Width = Math.Min(60, l.Items.Append(l.Name).Max(TemplateCells.DisplayWidth) + 3),
        }));
        string? Range(int c) => lists[c].Items.Count == 0 ? null
            : string.Create(CultureInfo.InvariantCulture, $"'{SheetKinds.ListsSheet}'!${ColumnLetters.FromIndex(c)}$2:${ColumnLetters.FromIndex(c)}${lists[c].Items.Count + 1}");
        return (new Worksheet(widths, new SheetData(rows)), new Ranges(Range(0), Range(1), Range(2)));
    }

    private static string Reference(int column, int row) => ColumnLetters.FromIndex(column) + row.ToString(CultureInfo.InvariantCulture);
}
