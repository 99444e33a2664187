using System.Globalization;

namespace InvestTrack.Features.Imports;

/// <summary>
/// Messages of <see cref="ImportCodes"/> in Chinese (default) and English. Kept as data beside the
/// reader rather than in resx so that the import module stays self-contained and testable.
/// </summary>
public static class ImportMessages
{
    private static readonly Dictionary<string, (string Zh, string En)> Texts = new()
    {
        [ImportCodes.FileEmpty] = ("文件为空", "The file is empty"),
        [ImportCodes.FileTooLarge] = ("文件超过 {0} MB 的大小上限", "The file is larger than the limit of {0} MB"),
        [ImportCodes.NotLedgerFile] = ("文件不是有效的 Excel (.xlsx) 或 CSV 文件", "The file is not a valid Excel (.xlsx) or CSV file"),
        [ImportCodes.LegacyOrEncrypted] = ("文件不是有效的 Excel (.xlsx) 或 CSV 文件：旧版 .xls 或加密的工作簿请另存为不加密的 .xlsx",
            "The file is not a valid Excel (.xlsx) or CSV file: save an old .xls or an encrypted workbook as an unencrypted .xlsx"),
        [ImportCodes.Macros] = ("不接受含宏的工作簿，请另存为不含宏的 .xlsx", "Workbooks with macros are not accepted; save it as an .xlsx without macros"),
        [ImportCodes.NotUtf8Text] = ("CSV 文件不是 UTF-8 编码的文本，请在 Excel 中另存为“CSV UTF-8(逗号分隔)”",
            "The CSV file is not UTF-8 text; in Excel, save it as \"CSV UTF-8 (Comma delimited)\""),
        [ImportCodes.XmlDtd] = ("工作簿含有 DTD 或实体声明，已拒绝", "The workbook contains a DTD or entity declaration and is refused"),
        [ImportCodes.ZipTooManyEntries] = ("工作簿内部文件超过 {0} 个，已拒绝", "The workbook holds more than {0} internal files and is refused"),
        [ImportCodes.ZipTooLarge] = ("工作簿解压后超过 {0} MB 的上限，已拒绝", "The workbook expands to more than {0} MB and is refused"),
        [ImportCodes.ZipRatio] = ("工作簿内部文件 {0} 的压缩比超过 {1}:1，可能是压缩炸弹，已拒绝",
            "The workbook part {0} is compressed more than {1}:1, possibly a zip bomb, and is refused"),
        [ImportCodes.ZipSizeMismatch] = ("工作簿内部文件 {0} 的实际大小与声明不符，已拒绝",
            "The workbook part {0} is larger than it declares and is refused"),
        [ImportCodes.TooManyProblems] = ("问题超过 {0} 个，已停止检查", "More than {0} problems; checking stopped"),
        [ImportCodes.SheetTooManyRows] = ("工作表超过 {0} 行的上限（空行也计入），请删除多余的行",
            "The sheet has more than {0} rows (empty rows count too); delete the rows not needed"),
        [ImportCodes.SheetTooManyColumns] = ("工作表超过 {0} 列的上限", "The sheet has more than {0} columns"),
        [ImportCodes.Formula] = ("单元格含有公式，请粘贴为数值", "The cell holds a formula; paste it as a value"),
        [ImportCodes.CellTooLong] = ("单元格内容超过 {0} 个字符", "The cell holds more than {0} characters"),
        [ImportCodes.CellError] = ("单元格是错误值 {0}", "The cell holds the error value {0}"),
        [ImportCodes.CellUnreadable] = ("单元格的值无法读取：{0}", "The cell's value cannot be read: {0}"),
        [ImportCodes.CsvQuote] = ("引号不配对，请检查该行的引号", "Unbalanced quotes; check the quotes in this row"),
        [ImportCodes.MissingColumn] = ("缺少必填列“{0}”", "The required column \"{0}\" is missing"),
        [ImportCodes.DuplicateColumn] = ("列“{0}”重复", "The column \"{0}\" appears more than once"),
        [ImportCodes.UnknownColumn] = ("未知列“{0}”，已忽略", "Unknown column \"{0}\", ignored"),
    };

    public static IEnumerable<string> Codes => Texts.Keys;

    /// <summary>The message of <paramref name="code"/> in English for English cultures, Chinese otherwise.</summary>
    public static string Format(string code, CultureInfo? culture = null, params object[] args)
    {
        var (zh, en) = Texts[code];
        var english = (culture ?? CultureInfo.GetCultureInfo("zh-CN")).TwoLetterISOLanguageName == "en";
        return string.Format(CultureInfo.InvariantCulture, english ? en : zh, args);
    }
}
