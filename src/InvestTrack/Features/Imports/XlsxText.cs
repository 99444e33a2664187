using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace InvestTrack.Features.Imports;

/// <summary>Text of shared strings and inline strings, plain or rich, without the phonetic guides.</summary>
internal static class XlsxText
{
    /// <summary>The shared strings, read element by element so that only the strings themselves are kept.</summary>
    public static IReadOnlyList<string> LoadSharedStrings(SharedStringTablePart? part)
    {
        var strings = new List<string>();
        if (part is null) return strings;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(SharedStringTable) || !reader.IsStartElement) continue;
            if (!reader.ReadFirstChild()) break;
            do
            {
                if (reader.ElementType == typeof(SharedStringItem))
                    strings.Add(Of(reader.LoadCurrentElement()));
            } while (reader.ReadNextSibling());
            break;
        }
        return strings;
    }

    /// <summary>A string item's text: its own &lt;t&gt; or its runs' &lt;t&gt;, never the phonetic runs (&lt;rPh&gt;).</summary>
    public static string Of(OpenXmlElement? item)
    {
        if (item is null) return "";
        var text = new StringBuilder();
        foreach (var child in item.ChildElements)
        {
            if (child is Text t) text.Append(t.Text);
            else if (child is Run run) text.Append(run.Text?.Text);
        }
        return text.ToString();
    }
}
