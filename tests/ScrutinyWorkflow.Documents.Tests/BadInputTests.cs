using System.IO.Compression;
using System.Text;
using ScrutinyWorkflow.Documents.Tests.Samples;

namespace ScrutinyWorkflow.Documents.Tests;

/// <summary>
/// Each kind of file a scrutiny officer may upload by mistake gets its own code and a message saying what to do;
/// none of them throws.
/// </summary>
public sealed class BadInputTests
{
    private static IngestionRejected AssertRejected(IngestionOutcome outcome, string code) => TestFiles.AssertRejected(outcome, code, "by hand");

    [Fact]
    public void Refuses_a_PDF_that_needs_a_password_to_open()
    {
        var outcome = TestFiles.Ingest(File.ReadAllBytes(TestFiles.TestData("password-protected.pdf")), "report.pdf");

        var rejected = AssertRejected(outcome, Rejections.PdfEncrypted);
        Assert.Contains("password", rejected.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_a_PDF_that_is_encrypted_only_to_restrict_printing_and_copying()
    {
        var outcome = TestFiles.Ingest(File.ReadAllBytes(TestFiles.TestData("permissions-only.pdf")), "domestic-abuse.pdf");

        var ingested = Assert.IsType<Ingested>(outcome);
        ExtractionAssert.Matches(SampleReports.ExpectedFor("domestic-abuse.pdf"), ingested.Report);
    }

    [Fact]
    public void Refuses_a_scanned_PDF_with_no_text_layer()
    {
        var outcome = TestFiles.Ingest(TestFiles.ScannedPdf(pages: 3), "scanned-report.pdf");

        var rejected = AssertRejected(outcome, Rejections.PdfNoTextLayer);
        Assert.Contains("accessible version", rejected.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("children-in-care.pdf", 0.5)]
    [InlineData("children-in-care.pdf", 0.95)]
    [InlineData("children-out-of-school.docx", 0.5)]
    [InlineData("children-out-of-school.docx", 0.95)]
    public void Refuses_a_file_cut_short_while_downloading(string sample, double fraction)
    {
        var whole = SampleReports.Bytes(sample);
        var truncated = whole[..(int)(whole.Length * fraction)];

        AssertRejected(TestFiles.Ingest(truncated, sample), Rejections.FileCorrupt);
    }

    [Fact]
    public void Refuses_a_PDF_whose_content_is_garbled_after_its_header()
    {
        var garbled = Encoding.ASCII.GetBytes("%PDF-1.7\n").Concat(Enumerable.Range(0, 5000).Select(i => (byte)(i * 37 % 251))).Concat(Encoding.ASCII.GetBytes("\n%%EOF\n")).ToArray();

        AssertRejected(TestFiles.Ingest(garbled, "report.pdf"), Rejections.FileCorrupt);
    }

    [Fact]
    public void Refuses_random_bytes_named_as_a_PDF()
    {
        var noise = Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919) % 256)).ToArray();

        AssertRejected(TestFiles.Ingest(noise, "report.pdf"), Rejections.FileCorrupt);
    }

    [Fact]
    public void Refuses_a_docx_zip_bomb_that_declares_its_true_size()
    {
        var bomb = TestFiles.Docx(TestFiles.Paragraph("Questions for councillors"), zip => TestFiles.WriteZeros(zip, "word/media/padding.bin", 8 * 1024 * 1024));
        var limits = new IngestionLimits(MaxExpandedBytes: 1024 * 1024);

        AssertRejected(TestFiles.Ingest(bomb, "report.docx", limits), Rejections.DocxTooLargeExpanded);
    }

    [Fact]
    public void Reads_no_further_into_a_docx_than_its_declared_sizes()
    {
        // A bomb that declares a small size for a part that expands to megabytes: the part is read only as far as
        // its declared size, so the Word library sees a cut-off document, not eight megabytes.
        var padded = TestFiles.Docx(TestFiles.Paragraph("Questions for councillors") + new string(' ', 8 * 1024 * 1024));
        var lying = TestFiles.WithDeclaredSize(padded, "word/document.xml", declaredSize: 1024);

        AssertRejected(TestFiles.Ingest(lying, "report.docx", new IngestionLimits(MaxExpandedBytes: 1024 * 1024)), Rejections.FileCorrupt);
    }

    [Theory]
    [InlineData("word/document.xml")]
    [InlineData("word/document.bin")]
    [InlineData("word/document")]
    public void Refuses_a_docx_nested_deeper_than_any_document_before_the_Word_library_recurses_into_it(string mainPart)
    {
        // The Word library builds its tree recursively: a part nested this deep would overflow the stack and stop
        // the whole service, which no catch can prevent. The package's relationships, not a part's name, say which
        // part is the document.
        var depth = 100_000;
        var nested = string.Concat(Enumerable.Repeat("<w:customXml w:element=\"x\">", depth)) + TestFiles.Paragraph("Deep")
            + string.Concat(Enumerable.Repeat("</w:customXml>", depth));

        // Where the document is elsewhere, a harmless word/document.xml still makes the package look like Word's.
        Action<ZipArchive>? decoy = mainPart == "word/document.xml" ? null : zip => TestFiles.Write(zip, "word/document.xml", "<unused/>");

        var rejected = AssertRejected(TestFiles.Ingest(TestFiles.Docx(nested, decoy, mainPart), "report.docx"), Rejections.NestedTooDeeply);
        Assert.Contains("Word document", rejected.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_web_page_nested_deeper_than_any_report()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 50_000)) + "<h2>Questions for councillors</h2>" + "</body></html>";

        AssertRejected(TestFiles.Ingest(Encoding.UTF8.GetBytes(html), "report.html"), Rejections.NestedTooDeeply);
    }

    [Fact]
    public void Refuses_a_docx_with_thousands_of_parts()
    {
        var crowded = TestFiles.Docx(TestFiles.Paragraph("Questions for councillors"), zip =>
        {
            for (var i = 0; i < 10_050; i++)
            {
                zip.CreateEntry($"customXml/item{i}.xml", CompressionLevel.NoCompression);
            }
        });

        AssertRejected(TestFiles.Ingest(crowded, "report.docx"), Rejections.DocxTooLargeExpanded);
    }

    [Theory]
    [InlineData("children-in-care.pdf", "report.docx", "a PDF")]
    [InlineData("children-out-of-school.docx", "report.pdf", "a Word document")]
    [InlineData("adult-social-care-charging.html", "report.pdf", "a web page")]
    [InlineData("children-in-care.pdf", "report.html", "a PDF")]
    [InlineData("children-out-of-school.docx", "report.txt", "a Word document")]
    public void Refuses_a_file_whose_content_does_not_match_its_extension(string sample, string uploadedAs, string actual)
    {
        var rejected = AssertRejected(TestFiles.Ingest(SampleReports.Bytes(sample), uploadedAs), Rejections.ContentDoesNotMatchExtension);

        Assert.Contains(uploadedAs, rejected.Detail, StringComparison.Ordinal);
        Assert.Contains(actual, rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_image_named_as_a_PDF()
    {
        var rejected = AssertRejected(TestFiles.Ingest(TestFiles.GreyPng(20, 20), "report.pdf"), Rejections.ContentDoesNotMatchExtension);

        Assert.Contains("an image", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_file_over_the_upload_limit()
    {
        var limits = new IngestionLimits(MaxUploadBytes: 10 * 1024);

        var rejected = AssertRejected(TestFiles.Ingest(SampleReports.Bytes("children-in-care.pdf"), "report.pdf", limits), Rejections.FileTooLarge);
        Assert.Contains("10 KB", rejected.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_stream_over_the_upload_limit_without_knowing_its_length_in_advance()
    {
        var limits = new IngestionLimits(MaxUploadBytes: 10 * 1024);
        using var stream = new UnseekableStream(SampleReports.Bytes("children-in-care.pdf"));

        AssertRejected(ReportIngestion.Ingest(stream, "report.pdf", limits), Rejections.FileTooLarge);
    }

    [Fact]
    public void Has_a_default_upload_limit_of_50_MB() =>
        Assert.Equal(50L * 1024 * 1024, IngestionLimits.Default.MaxUploadBytes);

    [Fact]
    public void Refuses_a_report_with_no_questions_section()
    {
        var text = """
            Out of sight

            June 2023

            Introduction

            Every child has the right to a suitable education. This report looks at complaints about children who
            were out of school, and what councils should do.

            What we found

            Councils did not always know which children were missing education.
            """;

        var rejected = AssertRejected(TestFiles.Ingest(Encoding.UTF8.GetBytes(text), "report.txt"), Rejections.NoQuestionsSection);
        Assert.Contains("Questions for councillors", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_PDF_with_no_questions_section()
    {
        var pdf = TestFiles.PdfWithLines([(72, 760, 24, "A report without questions"), (72, 720, 11, "It has a title and some text, but nothing for councillors to ask.")]);

        AssertRejected(TestFiles.Ingest(pdf, "report.pdf"), Rejections.NoQuestionsSection);
    }

    [Fact]
    public void Refuses_a_report_whose_questions_section_is_empty()
    {
        var markdown = """
            # A report

            ## Questions for councillors

            We will publish the questions later this year.

            ## About us

            The Ombudsman looks at complaints.
            """;

        var rejected = AssertRejected(TestFiles.Ingest(Encoding.UTF8.GetBytes(markdown), "report.md"), Rejections.NoQuestionsInSection);
        Assert.Contains("Questions for councillors", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_empty_file() =>
        AssertRejected(TestFiles.Ingest([], "report.pdf"), Rejections.FileEmpty);

    [Fact]
    public void Refuses_an_older_Word_document()
    {
        var ole = new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.Concat(new byte[2048]).ToArray();

        var rejected = AssertRejected(TestFiles.Ingest(ole, "report.doc"), Rejections.UnsupportedFormat);
        Assert.Contains(".docx or PDF", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_password_protected_Word_document()
    {
        // Office saves a protected .docx as an OLE compound file holding an "EncryptedPackage" stream.
        var ole = new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }
            .Concat(new byte[512])
            .Concat(Encoding.Unicode.GetBytes("EncryptedPackage"))
            .Concat(new byte[1024])
            .ToArray();

        AssertRejected(TestFiles.Ingest(ole, "report.docx"), Rejections.DocxEncrypted);
    }

    [Fact]
    public void Refuses_a_spreadsheet_named_as_a_Word_document()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            TestFiles.Write(zip, "[Content_Types].xml", "<Types/>");
            TestFiles.Write(zip, "xl/workbook.xml", "<workbook/>");
        }

        AssertRejected(TestFiles.Ingest(output.ToArray(), "report.docx"), Rejections.ContentDoesNotMatchExtension);
    }

    [Fact]
    public void Refuses_a_PDF_with_more_pages_than_allowed()
    {
        var rejected = AssertRejected(
            TestFiles.Ingest(SampleReports.Bytes("children-in-care.pdf"), "report.pdf", new IngestionLimits(MaxPages: 3)),
            Rejections.PdfTooManyPages);
        Assert.Contains("5 pages", rejected.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_web_page_with_no_text()
    {
        var html = "<!DOCTYPE html><html><head><title>Report</title><script>document.write('Questions for councillors')</script></head><body><script>var x = 1;</script></body></html>";

        AssertRejected(TestFiles.Ingest(Encoding.UTF8.GetBytes(html), "report.html"), Rejections.DocumentHasNoText);
    }

    [Theory]
    [InlineData("notes.odt")]
    [InlineData("photo.jpg")]
    [InlineData("report.rtf")]
    public void Refuses_formats_it_cannot_read(string fileName) =>
        AssertRejected(TestFiles.Ingest(Encoding.UTF8.GetBytes("{\\rtf1 some text}"), fileName), Rejections.UnsupportedFormat);

    [Fact]
    public void Reads_a_file_without_an_extension_as_what_its_content_is()
    {
        var outcome = TestFiles.Ingest(SampleReports.Bytes("children-in-care.pdf"), "download");

        Assert.Equal("pdf", Assert.IsType<Ingested>(outcome).Format);
    }

    [Fact]
    public void Every_code_is_kebab_case_and_listed()
    {
        var declared = typeof(Rejections).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(field => field.IsLiteral && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToHashSet();

        Assert.Equal(declared.Count, Rejections.Codes.Count);
        Assert.Equal(declared.Order(StringComparer.Ordinal), Rejections.Codes.Order(StringComparer.Ordinal));
        Assert.All(Rejections.Codes, code => Assert.Matches("^[a-z]+(-[a-z]+)*$", code));
    }

    /// <summary>A network stream: can only be read forwards, and does not know its length.</summary>
    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
