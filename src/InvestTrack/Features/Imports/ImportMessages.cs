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
        [ImportCodes.NoProjectsSheet] = ("文件中没有“项目”“到位资金”或“活动”工作表（按表名或表头识别）", "The file has no 项目 (projects), 到位资金 (funds) or 活动 (activities) sheet, by name or by header row"),
        [ImportCodes.NoRows] = ("工作表{0}没有数据行，未导入任何内容：请在表头下方逐行填写，每行一条记录",
            "No data rows in sheet {0}, so nothing was imported: fill in one record per row below the header"),
        [ImportCodes.SheetNotSupported] = ("工作表“{0}”暂不支持导入，已忽略", "Sheet {0} is not supported yet; ignored"),
        [ImportCodes.UnknownSheet] = ("无法识别工作表“{0}”，已忽略", "Sheet {0} is not recognised; ignored"),
        [ImportCodes.Required] = ("“{0}”不能为空", "{0} is required"),
        [ImportCodes.TooLong] = ("不能超过 {0} 个字符", "At most {0} characters"),
        [ImportCodes.TextControl] = ("含有不允许的控制字符（如 NUL、换行）", "Contains a control character that is not allowed (such as NUL or a line break)"),
        [ImportCodes.TextBidi] = ("含有不允许的文字方向控制字符", "Contains a text-direction control character, which is not allowed"),
        [ImportCodes.TextBlank] = ("只有空白或不可见字符", "Holds only blank or invisible characters"),
        [ImportCodes.DuplicateCode] = ("项目编号“{0}”与第 {1} 行重复", "The code {0} repeats row {1}"),
        [ImportCodes.CodeTaken] = ("项目编号已被占用", "The project code is already taken"),
        [ImportCodes.CreditLength] = ("统一社会信用代码应为 18 位", "The credit code must have 18 characters"),
        [ImportCodes.CreditCharacter] = ("统一社会信用代码含有无效字符", "The credit code holds an invalid character"),
        [ImportCodes.CreditCheckCharacter] = ("统一社会信用代码校验位错误", "The credit code's check character is wrong"),
        [ImportCodes.UnknownPlace] = ("无法识别的地点“{0}”（应为省级名称加城市，如 山东省济南市，或国家简称，如 俄罗斯）", "Unknown place \"{0}\" (a province and city such as 山东省济南市, or a country such as 俄罗斯)"),
        [ImportCodes.UnknownUnit] = ("未知单位“{0}”", "Unknown unit \"{0}\""),
        [ImportCodes.UnitOutOfScope] = ("无权导入其他单位的项目", "You may not import projects of another unit"),
        [ImportCodes.NoMove] = ("项目属于其他单位，导入不能改变项目的所属单位", "The project belongs to another unit; an import cannot move it"),
        [ImportCodes.UnknownIndustry] = ("产业“{0}”不在 {1} 年适用的产业目录中", "The industry \"{0}\" is not in the catalog in force in {1}"),
        [ImportCodes.NotANumber] = ("“{0}”不是数字", "\"{0}\" is not a number"),
        [ImportCodes.AmountNegative] = ("金额不能为负数", "The amount cannot be negative"),
        [ImportCodes.AmountPrecision] = ("金额最多两位小数", "The amount has more than two decimals"),
        [ImportCodes.AmountTooLarge] = ("金额过大，请核对单位（万元）", "The amount is too large; check the unit (10k yuan, 万元)"),
        [ImportCodes.NotADate] = ("“{0}”不是日期，应为 yyyy-mm-dd", "\"{0}\" is not a date; use yyyy-mm-dd"),
        [ImportCodes.UnknownSigningKind] = ("签约类型应为“项目合同”或“战略合作框架协议”", "The signing kind must be 项目合同 or 战略合作框架协议"),
        [ImportCodes.SigningKindRequired] = ("填写签约日期时签约类型不能为空", "The signing kind is required with a signing date"),
        [ImportCodes.SignedOnRequired] = ("签约日期不能为空（已填写开工日期，或项目已签约）", "The signing date is required (a start date is given, or the project is signed)"),
        [ImportCodes.StartedOnRequired] = ("开工日期不能为空（已填写投产日期，或项目已开工）", "The start date is required (a production date is given, or the project has started)"),
        [ImportCodes.InProductionOnRequired] = ("投产日期不能为空（项目已投产）", "The production date is required (the project is in production)"),
        [ImportCodes.StartBeforeSigning] = ("开工日期不能早于签约日期", "The start date cannot be before the signing date"),
        [ImportCodes.ProductionBeforeStart] = ("投产日期不能早于开工日期", "The production date cannot be before the start date"),
        [ImportCodes.DateInFuture] = ("日期不能晚于今天（{0}）", "The date cannot be later than today ({0})"),
        [ImportCodes.DateTooEarly] = ("日期不能早于{0}", "The date cannot be before {0}"),
        [ImportCodes.UnknownStatus] = ("状态应为“正常”“停滞”或“终止”", "The status must be 正常, 停滞 or 终止"),
        [ImportCodes.Conflict] = ("导入期间数据已被他人修改，未写入任何数据，请重新导入", "The data changed during the import; nothing was written, import again"),
        [ImportCodes.NotAMonth] = ("“{0}”不是月份，应为 yyyy-mm", "\"{0}\" is not a month; use yyyy-mm"),
        [ImportCodes.FundsAmountNotPositive] = ("到位资金须大于零", "The amount must be above zero"),
        [ImportCodes.FundsAmountTooLarge] = ("金额过大，请核对单位（万元）", "The amount is too large; check the unit (万元)"),
        [ImportCodes.UnknownFundsSource] = ("资金来源应为“省外”“省内”或“境外”", "The source must be 省外, 省内 or 境外"),
        [ImportCodes.UnknownAuditStatus] = ("审核状态应为“已审核”或“待审核”", "The audit status must be 已审核 or 待审核"),
        [ImportCodes.FundsProjectUnknown] = ("项目编号“{0}”既不在本次导入中，也不在本单位的项目中", "The project {0} is neither in this import nor among your unit's projects"),
        [ImportCodes.FundsDuplicateKey] = ("{0} 的到位资金与第 {1} 行重复，同一笔资金不能重复计算", "Funds of {0} repeat row {1}; the same money cannot be counted twice"),
        [ImportCodes.FundsFutureMonth] = ("不能导入未来月份的到位资金", "Funds cannot be imported for a month still to come"),
        [ImportCodes.FundsUnsigned] = ("项目尚未签约，不能导入到位资金", "The project is not signed; funds cannot be imported for it"),
        [ImportCodes.FundsBeforeSigning] = ("月份早于项目签约月份", "The month lies before the project's signing month"),
        [ImportCodes.FundsMonthLocked] = ("{0} 已锁定，须先解锁才能修改", "{0} is locked; it must be unlocked before any change"),
        [ImportCodes.ActivityDuplicateCode] = ("活动编号“{0}”与第 {1} 行重复", "The activity code {0} repeats row {1}"),
        [ImportCodes.ActivityCodeTaken] = ("活动编号“{0}”已被其他单位的活动占用", "The activity code {0} is already taken by another unit's activity"),
        [ImportCodes.UnknownActivityKind] = ("类型应为“走出去”或“请进来”", "The kind must be 走出去 (outbound) or 请进来 (inbound)"),
        [ImportCodes.UnknownLeaderLevel] = ("领导层级应为“市级”“县级”或“部门”", "The leader level must be 市级, 县级 or 部门"),
        [ImportCodes.EndBeforeStart] = ("结束日期不能早于开始日期", "The end date cannot be before the start date"),
        [ImportCodes.DestinationsRequired] = ("“走出去”活动的目的地不能为空", "The destinations are required for an outbound (走出去) activity"),
        [ImportCodes.UnknownDestination] = ("目的地“{0}”无法识别（应为省级名称，可加城市，如 湖南省长沙市、北京市）",
            "Unknown destination \"{0}\" (a province-level name, optionally with a city, such as 湖南省长沙市 or 北京市)"),
        [ImportCodes.DestinationAbroad] = ("目的地“{0}”是国家，应为省级名称，可加城市", "The destination \"{0}\" is a country; give a province-level name, optionally with a city"),
        [ImportCodes.CounterpartNoType] = ("对接对象“{0}”缺少类型，应为 类型:名称，如 企业:中国兵器工业集团", "The counterpart \"{0}\" has no type; write type:name, such as 企业:中国兵器工业集团"),
        [ImportCodes.CounterpartUnknownType] = ("对接对象“{0}”的类型未知，应为 企业、商协会、高校、产业园区 或 政府",
            "The counterpart \"{0}\" has an unknown type; it must be 企业, 商协会, 高校, 产业园区 or 政府"),
        [ImportCodes.CounterpartNoName] = ("对接对象“{0}”缺少名称", "The counterpart \"{0}\" has no name"),
        [ImportCodes.CounterpartTooLong] = ("对接对象“{0}”的名称超过 200 个字符", "The counterpart \"{0}\" has a name longer than 200 characters"),
        [ImportCodes.CountNegative] = ("“{0}”不能为负数", "{0} cannot be negative"),
        [ImportCodes.NotAnInteger] = ("“{0}”应为整数", "{0} must be a whole number"),
        [ImportCodes.ActivityUnitOutOfScope] = ("无权导入其他单位的活动", "You may not import activities of another unit"),
    };

    public static IEnumerable<string> Codes => Texts.Keys;

    /// <summary>Sheet names inside a message: “项目”“到位资金” in Chinese, 项目, 到位资金 in English.</summary>
    public static string Names(IEnumerable<string> names, CultureInfo? culture) =>
        IsEnglish(culture) ? string.Join(", ", names) : string.Concat(names.Select(n => $"“{n}”"));

    /// <summary>The message of <paramref name="code"/> in English for English cultures, Chinese otherwise.</summary>
    public static string Format(string code, CultureInfo? culture = null, params object[] args)
    {
        var (zh, en) = Texts[code];
        return string.Format(CultureInfo.InvariantCulture, IsEnglish(culture) ? en : zh, args);
    }

    private static bool IsEnglish(CultureInfo? culture) => (culture ?? CultureInfo.GetCultureInfo("zh-CN")).TwoLetterISOLanguageName == "en";
}
