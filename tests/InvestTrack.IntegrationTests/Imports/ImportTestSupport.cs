using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Imports;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Imports;

/// <summary>Ledgers built in the test (CSV text, .xlsx through Open XML) and the counts that prove nothing was written.</summary>
internal static class ImportTestSupport
{
    public static readonly string[] Header =
        ["项目编号", "项目名称", "投资方", "统一社会信用代码", "投资方所在地", "所属单位", "产业", "计划总投资(万元)", "合同引资额(万元)", "签约类型", "签约日期", "开工日期", "投产日期", "状态", "线索来源"];

    /// <summary>A valid row of 铁西区, signed in 2025, with a fresh code, investor and credit code.</summary>
    public static string[] Row(string code, string? name = null, string planned = "12345.67") =>
        [code, name ?? $"项目{code}", $"投资方{code}", NewCreditCode(), "山东省济南市", "铁西区", "新材料", planned, "8000", "项目合同", "2025-03-18", "", "", "正常", "以商招商"];

    public static string NewCreditCode()
    {
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        var body = "91370100" + new string(Enumerable.Range(0, 9).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]).ToArray());
        return body + CreditCode.CheckCharacterFor(body);
    }

    public static byte[] Csv(params string[][] rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendJoin(',', row.Select(f => f.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + f.Replace("\"", "\"\"") + "\"" : f)).Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] Ledger(params string[][] rows) => Csv([Header, .. rows]);

    public static Task<ImportResult> CommitAsync(this TestApp app, string user, byte[] file, string name = "台账.csv") =>
        app.AsUserAsync(user, sp => sp.GetRequiredService<ProjectImport>().CommitAsync(new MemoryStream(file), name));

    public static Task<ImportResult> PreviewAsync(this TestApp app, string user, byte[] file, string name = "台账.csv") =>
        app.AsUserAsync(user, sp => sp.GetRequiredService<ProjectImport>().PreviewAsync(new MemoryStream(file), name));

    /// <summary>Rows of every table an import writes to.</summary>
    public static Task<(int Projects, int Companies, int StageChanges, int Audit)> CountsAsync(this TestApp app) =>
        app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.Projects.CountAsync(), await db.Companies.CountAsync(), await db.StageChanges.CountAsync(), await db.AuditEntries.CountAsync());
        });

    /// <summary>
    /// A workbook with one sheet: strings as shared strings, decimals as number cells, DateOnly as real
    /// date cells (style 14), a Formula as a formula cell with a cached value.
    /// </summary>
    public static byte[] Xlsx(string sheetName, params object?[][] rows) => Workbook((sheetName, rows));

    /// <summary>A workbook of several sheets, cells as in <see cref="Xlsx"/>.</summary>
    public static byte[] Workbook(params (string Name, object?[][] Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new Fonts(new Font()) { Count = 1 }, new Fills(new Fill()) { Count = 1 }, new Borders(new Border()) { Count = 1 },
                new CellFormats(new CellFormat { NumberFormatId = 0 }, new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }) { Count = 2 });
            uint sheetId = 1;
            foreach (var (name, rows) in sheets)
            {
                var sheetPart = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < rows.Length; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < rows[r].Length; c++)
                        if (rows[r][c] is { } value) row.Append(CellOf(value, $"{(char)('A' + c)}{r + 1}"));
                    data.Append(row);
                }
                sheetPart.Worksheet = new Worksheet(data);
                workbook.Workbook.Sheets!.Append(new Sheet { Name = name, SheetId = sheetId++, Id = workbook.GetIdOfPart(sheetPart) });
            }
        }
        return stream.ToArray();
    }

    public sealed record Formula(string Text, string Cached);

    private static Cell CellOf(object value, string reference) => value switch
    {
        string s => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s)) },
        decimal d => new Cell { CellReference = reference, CellValue = new CellValue(d.ToString(CultureInfo.InvariantCulture)) },
        DateOnly date => new Cell
        {
            CellReference = reference, StyleIndex = 1,
            CellValue = new CellValue((date.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture)),
        },
        Formula f => new Cell { CellReference = reference, CellFormula = new CellFormula(f.Text), CellValue = new CellValue(f.Cached) },
        _ => throw new ArgumentException($"no cell for {value.GetType()}"),
    };

    /// <summary>A sheet "项目" with a header and then <paramref name="emptyRows"/> empty rows, written by streaming.</summary>
    public static byte[] WithEmptyRows(int emptyRows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook(new Sheets());
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(worksheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                writer.WriteElement(new Row(new Cell { CellReference = "A1", DataType = CellValues.InlineString, InlineString = new InlineString(new Text("项目编号")) }) { RowIndex = 1 });
                for (var r = 2; r <= emptyRows + 1; r++)
                {
                    writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", r.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbookPart.Workbook.Sheets!.Append(new Sheet { Name = "项目", SheetId = 1, Id = workbookPart.GetIdOfPart(worksheetPart) });
        }
        return stream.ToArray();
    }
}
