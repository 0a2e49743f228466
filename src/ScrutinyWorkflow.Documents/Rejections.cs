using System.Globalization;

namespace ScrutinyWorkflow.Documents;

/// <summary>
/// Every reason a report is refused, in one place so the wording stays plain and consistent. Each says what happened
/// and what the scrutiny officer can do instead; entering the questions by hand is always possible.
/// </summary>
public static class Rejections
{
    public const string FileEmpty = "file-empty";
    public const string FileTooLarge = "file-too-large";
    public const string FileCorrupt = "file-corrupt";
    public const string UnsupportedFormat = "unsupported-format";
    public const string ContentDoesNotMatchExtension = "content-does-not-match-extension";
    public const string PdfEncrypted = "pdf-encrypted";
    public const string PdfNoTextLayer = "pdf-no-text-layer";
    public const string PdfTooManyPages = "pdf-too-many-pages";
    public const string DocxEncrypted = "docx-encrypted";
    public const string DocxTooLargeExpanded = "docx-too-large-expanded";
    public const string PdfTooLargeExpanded = "pdf-too-large-expanded";
    public const string NestedTooDeeply = "document-nested-too-deeply";
    public const string WebPageTooLarge = "web-page-too-large";
    public const string DocumentHasNoText = "document-has-no-text";
    public const string NoQuestionsSection = "no-questions-section";
    public const string NoQuestionsInSection = "no-questions-in-section";

    /// <summary>All the codes a rejection can carry.</summary>
    public static IReadOnlyList<string> Codes { get; } =
    [
        FileEmpty, FileTooLarge, FileCorrupt, UnsupportedFormat, ContentDoesNotMatchExtension, PdfEncrypted,
        PdfNoTextLayer, PdfTooManyPages, DocxEncrypted, DocxTooLargeExpanded, PdfTooLargeExpanded, NestedTooDeeply, WebPageTooLarge, DocumentHasNoText,
        NoQuestionsSection, NoQuestionsInSection,
    ];

    /// <summary>How every refusal ends for a focus report; a decision statement's refusal says its own instead.</summary>
    internal const string ByHand = "or enter the areas and questions by hand";

    internal static IngestionRejected Empty() => new(
        FileEmpty,
        "The file is empty",
        $"The uploaded file has no content. Check you chose the right file and upload it again, {ByHand}.");

    internal static IngestionRejected TooLarge(long limit) => new(
        FileTooLarge,
        $"The file is larger than {Size(limit)}",
        $"Reports larger than {Size(limit)} are not accepted. Upload a smaller copy of the report (for example the "
        + $"accessible PDF from the Ombudsman's website), {ByHand}.");

    internal static IngestionRejected Unsupported(string fileName, string? kind) => new(
        UnsupportedFormat,
        "This kind of file cannot be read",
        kind switch
        {
            "doc" => $"“{fileName}” is an older Word document (.doc). Open it in Word, save it as .docx or PDF and "
                + $"upload that, {ByHand}.",
            "image" => $"“{fileName}” is an image, not a document with text. Upload the report's PDF, {ByHand}.",
            _ => $"“{fileName}” is not a format that can be read. Upload the report as a PDF, a Word document "
                + $"(.docx), a web page (.html) or text (.txt or .md), {ByHand}.",
        });

    internal static IngestionRejected Mismatch(string fileName, string actual) => new(
        ContentDoesNotMatchExtension,
        "The file's content does not match its name",
        $"“{fileName}” is named as one kind of file but contains {actual}. Check you chose the right file; if it is "
        + $"the report, give it the right extension and upload it again, {ByHand}.");

    internal static IngestionRejected Corrupt(string format) => new(
        FileCorrupt,
        "The file is damaged or incomplete",
        $"It could not be read as {format}: it may have been cut short while downloading. Download the report again "
        + $"and upload the new copy, {ByHand}.");

    internal static IngestionRejected Encrypted() => new(
        PdfEncrypted,
        "This PDF is protected by a password",
        "Its text cannot be read without the password. Upload a copy without a password (the Ombudsman publishes "
        + $"its reports without one), {ByHand}.");

    internal static IngestionRejected NoTextLayer() => new(
        PdfNoTextLayer,
        "This PDF has no text layer",
        "Its pages hold no text that can be read: they may be scanned images, or text turned into drawings. Upload "
        + $"the accessible version of the report, {ByHand}.");

    internal static IngestionRejected TooManyPages(int pages, int limit) => new(
        PdfTooManyPages,
        $"This PDF has {pages} pages, more than the {limit} allowed",
        $"Focus reports are usually 20 to 40 pages. Upload the focus report on its own, {ByHand}.");

    internal static IngestionRejected DocxProtected() => new(
        DocxEncrypted,
        "This Word document is protected by a password",
        "Its text cannot be read without the password. Remove the password in Word (File, Info, Protect Document), "
        + $"save it and upload it again, {ByHand}.");

    internal static IngestionRejected ExpandsTooFar(long limit) => new(
        DocxTooLargeExpanded,
        $"This Word document expands to more than {Size(limit)}",
        "A .docx is a compressed package, and this one unpacks to far more than any report needs: it may be damaged "
        + $"or deliberately oversized. Save the report again from Word, or upload it as a PDF, {ByHand}.");

    internal static IngestionRejected PdfExpandsTooFar(long limit) => new(
        PdfTooLargeExpanded,
        $"This PDF expands to more than {Size(limit)}",
        "Parts of a PDF are stored compressed, and this one unpacks to far more than any report needs: it may be damaged "
        + $"or deliberately oversized. Print the report to PDF again, or upload it as Word or HTML, {ByHand}.");

    internal static IngestionRejected WebPageTooBig(long limit) => new(
        WebPageTooLarge,
        $"This web page is larger than {Size(limit)}",
        $"A focus report's web page is well under 1 MB; this one may have been saved with its pictures or other pages "
        + $"inside it. Save the report's page as \u201cWeb page, HTML only\u201d or upload the report's PDF, {ByHand}.");

    internal static IngestionRejected TooDeep(string format, int limit) => new(
        NestedTooDeeply,
        $"This {format} is built too deeply to read",
        $"Its content is nested more than {limit} levels deep, which no report needs: it may be damaged or built to "
        + $"overload the reader. Save the report again (or as a PDF) and upload that, {ByHand}.");

    internal static IngestionRejected NoText(string format) => new(
        DocumentHasNoText,
        "The document has no text",
        $"The {format} was read but holds no text. Check you chose the right file, {ByHand}.");

    internal static IngestionRejected NoQuestions(string detail) => new(
        NoQuestionsSection,
        "No questions section was found",
        $"{detail} Check that this is the focus report itself (the questions for councillors are usually on its last "
        + $"pages), {ByHand}.");

    internal static IngestionRejected EmptyQuestionsSection(string detail) => new(
        NoQuestionsInSection,
        "No questions were found in the questions section",
        $"{detail} Check the section in the report, {ByHand}.");

    private static string Size(long bytes) =>
        bytes >= 1024 * 1024
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
            : bytes >= 1024
                ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB")
                : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}
