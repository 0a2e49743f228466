using System.Text;
using ScrutinyWorkflow.Documents;
using ScrutinyWorkflow.Documents.Reading.Pdf;
using ScrutinyWorkflow.Testing;

namespace ScrutinyWorkflow.Benchmarks;

/// <summary>One thing to time: a name, its size, and a run that returns its outcome.</summary>
internal sealed record BenchmarkInput(string Name, long Bytes, Func<object> Run, bool Hostile = false);

/// <summary>
/// Small files built to make a reader do work in the square of their size (or recurse without end), at the sizes that
/// showed it: each took from ten seconds to minutes, or brought the process down, before the readers were fixed.
/// </summary>
internal static class HostileInputs
{
    public static IEnumerable<BenchmarkInput> All()
    {
        yield return File("docx-main-part-bin-nested-100k.docx", DocxNested(100_000, "word/document.bin"));
        yield return File("docx-list-level-int-max.docx", DocxListLevel(int.MaxValue));
        yield return File("md-emphasis-one-line-40k.md", Utf8(Repeat("*a ", 40_000)));
        yield return File("md-emphasis-30-lines-3300.md", Utf8(string.Join("\n\n", Enumerable.Repeat(Repeat("*a ", 3_300), 30))));
        yield return File("md-heading-80k-spaces.md", Utf8("# a" + new string(' ', 80_000) + "b"));
        yield return File("md-heading-30-lines-9k-spaces.md", Utf8(string.Join("\n\n", Enumerable.Repeat("# a" + new string(' ', 9_000) + "b", 30))));
        yield return File("md-80k-spaces-then-x.md", Utf8(new string(' ', 80_000) + "x"));
        yield return File("md-60-lines-9k-spaces-then-x.md", Utf8(string.Join("\n\n", Enumerable.Repeat(new string(' ', 9_000) + "x", 60))));
        yield return File("md-unclosed-links-30-lines.md", Utf8(string.Join("\n\n", Enumerable.Repeat(Repeat("[a](x(y)", 1_200), 30))));
        yield return File("txt-80k-hyphenated-lines.txt", Utf8(Repeat("ab-\n", 80_000)));
        yield return File("txt-item-160k-continuations.txt", Utf8("Questions for councillors\n=========================\n\n- How is care planned for\n" + Repeat("\nand more\n", 160_000)));
        yield return File("html-100k-div-self-closed.html", Utf8("<html><body>" + Repeat("<div/>", 100_000) + "</body></html>"));
        yield return File("html-100k-div-stray-end-tag.html", Utf8("<html><body>" + Repeat("<div></x>", 100_000) + "</body></html>"));

        var pages = PageOf40kRows();
        yield return new BenchmarkInput("pdf-running-text-40k-row-page", 0, () => $"{RunningText.Remove(pages)[1].Rows.Count} rows kept on page 2", Hostile: true);
    }

    private static BenchmarkInput File(string name, byte[] bytes) => new(name, bytes.Length, () =>
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return ReportIngestion.Ingest(stream, name, IngestionLimits.Default);
    }, Hostile: true);

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A .docx whose main part, found through the package's relationships, is nested <paramref name="depth"/> deep.</summary>
    private static byte[] DocxNested(int depth, string mainPart) =>
        Docx(Repeat("<w:customXml w:element=\"x\">", depth) + "<w:p><w:r><w:t>Deep</w:t></w:r></w:p>" + Repeat("</w:customXml>", depth), mainPart);

    private static byte[] DocxListLevel(int level) => Docx(
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Questions for councillors</w:t></w:r></w:p>"
        + "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>How is care planned?</w:t></w:r></w:p>"
        + $"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>for children far away</w:t></w:r></w:p>",
        "word/document.xml");

    private static byte[] Docx(string bodyXml, string mainPart) => MinimalDocx.Build(
        bodyXml,
        // What the content sniffer looks for when the relationships point elsewhere.
        addEntries: mainPart == "word/document.xml" ? null : zip => MinimalDocx.Write(zip, "word/document.xml", "<unused/>"),
        mainPart: mainPart);

    /// <summary>Three pages with a running header and footer; the second holds 40,000 rows of body text.</summary>
    private static List<PdfPageRows> PageOf40kRows()
    {
        static PdfRow Row(string text, double baseline) => new([new PdfWord(text, 50, 200, baseline, 10, Bold: false)]);
        return [.. Enumerable.Range(1, 3).Select(number => new PdfPageRows(
            number,
            842,
            [
                Row("Out of sight: focus report", 800),
                .. number == 2 ? Enumerable.Range(0, 40_000).Select(i => Row($"Line {i} of the body", 400)) : [Row("Some text", 400)],
                Row($"Page {number}", 30),
            ]))];
    }
}
