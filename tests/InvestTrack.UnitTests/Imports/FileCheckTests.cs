using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using InvestTrack.Features.Imports;

namespace InvestTrack.UnitTests.Imports;

/// <summary>Files that are not what they claim: wrong type, zip bombs, macros, DTDs (docs/security.md item 15).</summary>
public class FileCheckTests
{
    private static readonly byte[] Good = TestXlsx.Build(("项目", [["项目编号"], ["XM-1"]]));

    private static ImportProblem Refused(byte[] file, string name, ImportLimits? limits = null)
    {
        var result = LedgerReader.Read(new MemoryStream(file), name, limits);
        Assert.Null(result.Workbook);
        Assert.False(result.Succeeded);
        return Assert.Single(result.Problems);
    }

    private static string SheetEntry(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        return archive.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).FullName;
    }

    [Fact]
    public void A_png_named_xlsx_is_not_a_ledger_file()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var problem = Refused(png, "台账.xlsx");
        Assert.Equal(ImportCodes.NotLedgerFile, problem.Code);
        Assert.Equal("文件不是有效的 Excel (.xlsx) 或 CSV 文件", problem.Message);
        Assert.Equal("台账.xlsx", problem.Sheet);
    }

    [Fact]
    public void An_old_xls_or_encrypted_workbook_is_refused_whatever_its_name()
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];
        Assert.Equal(ImportCodes.LegacyOrEncrypted, Refused(ole, "台账.xls").Code);
        Assert.Equal(ImportCodes.LegacyOrEncrypted, Refused(ole, "台账.xlsx").Code);
        Assert.StartsWith("文件不是有效的 Excel (.xlsx) 或 CSV 文件", Refused(ole, "台账.xlsx").Message);
    }

    [Theory]
    [InlineData("台账.xlsx", ImportCodes.NotLedgerFile)]
    [InlineData("台账.csv", ImportCodes.NotUtf8Text)]
    public void Random_bytes_are_refused(string name, string code)
    {
        var random = new byte[4096];
        new Random(42).NextBytes(random);
        random[0] = 0xC3; // make sure it does not start like a zip or an OLE file
        Assert.Equal(code, Refused(random, name).Code);
    }

    [Fact]
    public void A_pdf_named_csv_and_a_workbook_named_csv_or_pdf_are_refused()
    {
        Assert.Equal(ImportCodes.NotLedgerFile, Refused("%PDF-1.4\n1 0 obj\n"u8.ToArray(), "台账.csv").Code);
        Assert.Equal(ImportCodes.NotLedgerFile, Refused(Good, "台账.csv").Code);
        Assert.Equal(ImportCodes.NotLedgerFile, Refused(Good, "台账.pdf").Code);
        Assert.Equal(ImportCodes.NotLedgerFile, Refused("项目编号\nXM-1\n"u8.ToArray(), "台账.xlsx").Code);
    }

    [Fact]
    public void The_extension_is_matched_in_any_case_and_a_path_is_reduced_to_the_file_name()
    {
        var result = LedgerReader.Read(new MemoryStream(Good), "/tmp/uploads/台账.XLSX");
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Assert.Equal(ImportCodes.FileEmpty, Refused([], "台账.xlsx").Code);
        Assert.Equal(ImportCodes.FileEmpty, Refused([], "台账.csv").Code);
        Assert.Equal(ImportCodes.FileEmpty, Refused([0xEF, 0xBB, 0xBF], "台账.csv").Code);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_even_from_a_stream_that_cannot_seek()
    {
        var limits = new ImportLimits { MaxFileBytes = 1000 };
        Assert.Equal(ImportCodes.FileTooLarge, Refused(Good, "台账.xlsx", limits).Code);
        var result = LedgerReader.Read(new ForwardOnlyStream(Good), "台账.xlsx", limits);
        Assert.Equal(ImportCodes.FileTooLarge, Assert.Single(result.Problems).Code);
        Assert.True(LedgerReader.Read(new ForwardOnlyStream(Good), "台账.xlsx").Succeeded);
    }

    [Fact]
    public void A_zip_that_is_not_a_workbook_or_is_damaged_is_refused()
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        using (var entry = archive.CreateEntry("readme.txt").Open()) entry.Write("hello"u8);
        Assert.Equal(ImportCodes.NotLedgerFile, Refused(stream.ToArray(), "台账.xlsx").Code);
        Assert.Equal(ImportCodes.NotLedgerFile, Refused([.. "PK\x03\x04"u8, .. new byte[100]], "台账.xlsx").Code);
        Assert.Equal(ImportCodes.NotLedgerFile, Refused(Good[..(Good.Length / 2)], "台账.xlsx").Code);
    }

    [Fact]
    public void A_zip_bomb_is_refused_from_its_directory_before_anything_is_inflated()
    {
        var bomb = TestZip.Bomb(1L << 30); // 1 GB of zeros, about 1 MB on disk
        Assert.True(bomb.Length < 2 << 20);

        var problem = Refused(bomb, "台账.xlsx");

        Assert.Equal(ImportCodes.ZipTooLarge, problem.Code);
        Assert.Equal(ImportCodes.ZipRatio, Refused(bomb, "台账.xlsx", new ImportLimits { MaxUncompressedBytes = 2L << 30 }).Code);
    }

    [Fact]
    public void A_zip_whose_directory_lies_about_sizes_is_not_inflated_past_what_it_declares()
    {
        // Declared 2 MB (ratio 2:1, passes the directory check), really 1 GB: the runtime stops
        // the entry at its declared size, and the truncated part then fails to parse.
        var bomb = TestZip.Bomb(1L << 30);
        var liar = TestZip.WithDeclaredSize(bomb, "xl/worksheets/sheet1.xml", 2_000_000);

        var problem = Refused(liar, "台账.xlsx");

        Assert.Contains(problem.Code, new[] { ImportCodes.ZipSizeMismatch, ImportCodes.NotLedgerFile });
    }

    [Fact]
    public void A_workbook_over_the_total_expanded_size_or_the_entry_count_is_refused()
    {
        Assert.Equal(ImportCodes.ZipTooLarge, Refused(Good, "台账.xlsx", new ImportLimits { MaxUncompressedBytes = 1000 }).Code);
        Assert.Equal(ImportCodes.ZipTooManyEntries, Refused(TestZip.WithEntries(20), "台账.xlsx", new ImportLimits { MaxZipEntries = 10 }).Code);
        Assert.Equal(ImportCodes.ZipTooManyEntries, Refused(TestZip.WithEntries(1000), "台账.xlsx").Code);
    }

    [Fact]
    public void A_doctype_or_entity_in_a_sheet_is_refused()
    {
        var sheet = SheetEntry(Good);
        var xml = TestXlsx.ReadEntry(Good, sheet);
        var evil = xml.Replace("?>", "?><!DOCTYPE x [<!ENTITY lol \"lol\"><!ENTITY ext SYSTEM \"file:///etc/passwd\">]>", StringComparison.Ordinal);
        Assert.Contains("<!DOCTYPE", evil, StringComparison.Ordinal);

        var problem = Refused(TestXlsx.WithEntry(Good, sheet, Encoding.UTF8.GetBytes(evil)), "台账.xlsx");

        Assert.Equal(ImportCodes.XmlDtd, problem.Code);
    }

    [Fact]
    public void The_openxml_reader_itself_prohibits_dtds_too()
    {
        // Defence in depth: ZipGuard refuses DTDs by scanning, and OpenXml's own XML settings do as well.
        var sheet = SheetEntry(Good);
        var evil = TestXlsx.ReadEntry(Good, sheet).Replace("?>", "?><!DOCTYPE x [<!ENTITY e \"boom\">]>", StringComparison.Ordinal);
        using var document = SpreadsheetDocument.Open(new MemoryStream(TestXlsx.WithEntry(Good, sheet, Encoding.UTF8.GetBytes(evil))), false);

        Assert.Throws<XmlException>(() =>
        {
            using var reader = OpenXmlReader.Create(document.WorkbookPart!.WorksheetParts.Single());
            while (reader.Read()) { }
        });
    }

    [Fact]
    public void A_macro_enabled_workbook_is_refused_by_name_content_type_or_vba_part()
    {
        Assert.Equal(ImportCodes.Macros, Refused(Good, "台账.xlsm").Code);

        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.MacroEnabledWorkbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook(new Sheets());
            using var vba = workbookPart.AddNewPart<VbaProjectPart>().GetStream();
            vba.Write([1, 2, 3]);
        }
        Assert.Equal(ImportCodes.Macros, Refused(stream.ToArray(), "台账.xlsx").Code);

        Assert.Equal(ImportCodes.Macros, Refused(TestXlsx.WithEntry(Good, "xl/vbaProject.bin", [1, 2, 3]), "台账.xlsx").Code);
        Assert.Equal("不接受含宏的工作簿，请另存为不含宏的 .xlsx", Refused(Good, "台账.xlsm").Message);
    }

    [Fact]
    public void Problems_can_be_in_english()
    {
        var result = LedgerReader.Read(new MemoryStream([1, 2, 3]), "a.xlsx", culture: CultureInfo.GetCultureInfo("en-US"));
        Assert.Equal("The file is not a valid Excel (.xlsx) or CSV file", Assert.Single(result.Problems).Message);
    }

    /// <summary>An upload stream: no length, no seeking.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : Stream
    {
        private readonly MemoryStream inner = new(content);
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
