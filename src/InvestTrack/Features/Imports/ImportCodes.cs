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

    // Sheet-level (the ledger's content).
    public const string NoProjectsSheet = "Import.NoProjectsSheet";
    public const string NoRows = "Import.NoRows";
    public const string SheetNotSupported = "Import.SheetNotSupported";
    public const string UnknownSheet = "Import.UnknownSheet";

    // Row-level (a cell of the 项目 sheet).
    public const string Required = "Import.Required";
    public const string TooLong = "Import.TooLong";
    public const string TextControl = "Import.TextControl";
    public const string TextBidi = "Import.TextBidi";
    public const string TextBlank = "Import.TextBlank";
    public const string DuplicateCode = "Import.DuplicateCode";
    public const string CodeTaken = "Import.CodeTaken";
    public const string CreditLength = "Import.CreditLength";
    public const string CreditCharacter = "Import.CreditCharacter";
    public const string CreditCheckCharacter = "Import.CreditCheckCharacter";
    public const string UnknownPlace = "Import.UnknownPlace";
    public const string UnknownUnit = "Import.UnknownUnit";
    public const string UnitOutOfScope = "Import.UnitOutOfScope";
    public const string NoMove = "Import.NoMove";
    public const string UnknownIndustry = "Import.UnknownIndustry";
    public const string NotANumber = "Import.NotANumber";
    public const string AmountNegative = "Import.AmountNegative";
    public const string AmountPrecision = "Import.AmountPrecision";
    public const string AmountTooLarge = "Import.AmountTooLarge";
    public const string NotADate = "Import.NotADate";
    public const string UnknownSigningKind = "Import.UnknownSigningKind";
    public const string SigningKindRequired = "Import.SigningKindRequired";
    public const string SignedOnRequired = "Import.SignedOnRequired";
    public const string StartedOnRequired = "Import.StartedOnRequired";
    public const string InProductionOnRequired = "Import.InProductionOnRequired";
    public const string StartBeforeSigning = "Import.StartBeforeSigning";
    public const string ProductionBeforeStart = "Import.ProductionBeforeStart";
    public const string DateInFuture = "Import.DateInFuture";
    public const string DateTooEarly = "Import.DateTooEarly";
    public const string UnknownStatus = "Import.UnknownStatus";
    public const string Conflict = "Import.Conflict";

    // Row-level (a cell of the 到位资金 sheet).
    public const string NotAMonth = "Import.NotAMonth";
    public const string FundsAmountNotPositive = "Import.FundsAmountNotPositive";
    public const string FundsAmountTooLarge = "Import.FundsAmountTooLarge";
    public const string UnknownFundsSource = "Import.UnknownFundsSource";
    public const string UnknownAuditStatus = "Import.UnknownAuditStatus";
    public const string FundsProjectUnknown = "Import.FundsProjectUnknown";
    public const string FundsDuplicateKey = "Import.FundsDuplicateKey";
    public const string FundsFutureMonth = "Import.FundsFutureMonth";
    public const string FundsUnsigned = "Import.FundsUnsigned";
    public const string FundsBeforeSigning = "Import.FundsBeforeSigning";
    public const string FundsMonthLocked = "Import.FundsMonthLocked";

    // Row-level (a cell of the 活动 sheet).
    public const string ActivityDuplicateCode = "Import.ActivityDuplicateCode";
    public const string ActivityCodeTaken = "Import.ActivityCodeTaken";
    public const string UnknownActivityKind = "Import.UnknownActivityKind";
    public const string UnknownLeaderLevel = "Import.UnknownLeaderLevel";
    public const string EndBeforeStart = "Import.EndBeforeStart";
    public const string DestinationsRequired = "Import.DestinationsRequired";
    public const string UnknownDestination = "Import.UnknownDestination";
    public const string DestinationAbroad = "Import.DestinationAbroad";
    public const string CounterpartNoType = "Import.CounterpartNoType";
    public const string CounterpartUnknownType = "Import.CounterpartUnknownType";
    public const string CounterpartNoName = "Import.CounterpartNoName";
    public const string CounterpartTooLong = "Import.CounterpartTooLong";
    public const string CountNegative = "Import.CountNegative";
    public const string NotAnInteger = "Import.NotAnInteger";
    public const string ActivityUnitOutOfScope = "Import.ActivityUnitOutOfScope";
}
