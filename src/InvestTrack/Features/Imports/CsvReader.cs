using System.Text;
using System.Text.Unicode;

namespace InvestTrack.Features.Imports;

/// <summary>
/// Reads a CSV per RFC 4180: comma separated, fields in double quotes may hold commas, line breaks
/// and doubled quotes. UTF-8 only, with or without BOM; anything else (GBK, UTF-16, binary) is
/// refused rather than guessed, since a wrong guess would import garbled names silently.
/// Every field is text: numbers and dates are parsed by the row validator like text cells of a workbook.
/// </summary>
internal static class CsvReader
{
    public static LedgerWorkbook? Read(MemoryStream content, string fileName, ImportLimits limits, ProblemSink problems)
    {
        var bytes = content.GetBuffer().AsSpan(0, (int)content.Length);
        if (bytes.Contains((byte)0) || !Utf8.IsValid(bytes))
        {
            problems.Add(fileName, null, null, ImportCodes.NotUtf8Text);
            return null;
        }
        content.Position = 0;
        // An encoding with a preamble makes StreamReader skip the BOM when there is one.
        using var text = new StreamReader(content, new UTF8Encoding(true, true), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var sheet = new SheetCollector(fileName, limits, problems);
        ReadRecords(text, sheet);
        return new LedgerWorkbook([sheet.Build()]);
    }

    private static void ReadRecords(TextReader text, SheetCollector sheet)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;     // inside a quoted field
        var wasQuoted = false;    // the current field was quoted and its quotes closed
        var badQuote = false;     // a quote misplaced in this record
        var started = false;      // the current record has at least one character
        var recordNumber = 0;

        bool EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            recordNumber++;
            if (!sheet.BeginRow(recordNumber)) return false;
            if (badQuote) sheet.RowProblem(ImportCodes.CsvQuote);
            for (var i = 0; i < fields.Count; i++)
                sheet.AddCell(i, badQuote ? LedgerCell.Refused(fields[i]) : LedgerCell.FromText(fields[i]));
            sheet.EndRow();
            fields.Clear();
            inQuotes = wasQuoted = badQuote = started = false;
            return true;
        }

        int c;
        while ((c = text.Read()) >= 0)
        {
            started = true;
            if (inQuotes)
            {
                if (c != '"') field.Append((char)c);
                else if (text.Peek() == '"') field.Append((char)text.Read());
                else { inQuotes = false; wasQuoted = true; }
                continue;
            }
            switch (c)
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && text.Peek() == '\n') text.Read();
                    if (!EndRecord()) return;
                    break;
                case '"' when field.Length == 0 && !wasQuoted:
                    inQuotes = true;
                    break;
                default:
                    // A quote inside an unquoted field, or text after a closing quote: RFC 4180 forbids
                    // both, and guessing could shift every later column, so the record is flagged.
                    if (c == '"' || wasQuoted) badQuote = true;
                    field.Append((char)c);
                    break;
            }
        }
        if (inQuotes) badQuote = true; // unclosed at the end of the file
        if (started) EndRecord();
    }
}
