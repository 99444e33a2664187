namespace InvestTrack.Features.Imports;

/// <summary>The codes of <see cref="ImportProblem"/>; their messages are in <see cref="ImportMessages"/>.</summary>
public static class ImportCodes
{
    // The file as a whole.
    public const string FileEmpty = "Import.FileEmpty";
    public const string FileTooLarge = "Import.FileTooLarge";
    public const string NotLedgerFile = "Import.NotLedgerFile";
    public const string LegacyOrEncrypted = "Import.LegacyOrEncrypted";
    public const string Macros = "Import.Macros";
    public const string NotUtf8Text = "Import.NotUtf8Text";
    public const string XmlDtd = "Import.XmlDtd";
    public const string ZipTooManyEntries = "Import.ZipTooManyEntries";
    public const string ZipTooLarge = "Import.ZipTooLarge";
    public const string ZipRatio = "Import.ZipRatio";
    public const string ZipSizeMismatch = "Import.ZipSizeMismatch";
    public const string TooManyProblems = "Import.TooManyProblems";

    // A sheet.
    public const string SheetTooManyRows = "Import.SheetTooManyRows";
    public const string SheetTooManyColumns = "Import.SheetTooManyColumns";

    // A cell or a CSV record.
    public const string Formula = "Import.Formula";
    public const string CellTooLong = "Import.CellTooLong";
    public const string CellError = "Import.CellError";
    public const string CellUnreadable = "Import.CellUnreadable";
    public const string CsvQuote = "Import.CsvQuote";

    // The header row (HeaderMap).
    public const string MissingColumn = "Import.MissingColumn";
    public const string DuplicateColumn = "Import.DuplicateColumn";
    public const string UnknownColumn = "Import.UnknownColumn";
}
