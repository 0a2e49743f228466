namespace ScrutinyWorkflow.Documents.Reading;

/// <summary>The formats a report can be read from.</summary>
internal enum FileKind
{
    Pdf,
    Docx,
    Html,
    Text,
    Markdown,
}

/// <summary>Which reader a file gets, or why it gets none.</summary>
internal sealed record FormatChoice(FileKind Kind, IngestionRejected? Rejection);

/// <summary>Reconciles a file's name with what its bytes are.</summary>
internal static class FileFormats
{
    public static string Name(FileKind kind) => kind switch
    {
        FileKind.Pdf => "pdf",
        FileKind.Docx => "docx",
        FileKind.Html => "html",
        FileKind.Markdown => "markdown",
        _ => "text",
    };

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Pdf => "PDF",
        FileKind.Docx => "Word document",
        FileKind.Html => "web page",
        _ => "text file",
    };

    /// <summary>
    /// The name decides the reader; the bytes must agree with it. A file with no extension (or one this product does
    /// not know) is read as what its bytes are, if that can be read.
    /// </summary>
    public static FormatChoice Choose(string fileName, SniffedKind sniffed)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        FileKind? named = extension switch
        {
            ".pdf" => FileKind.Pdf,
            ".docx" => FileKind.Docx,
            ".html" or ".htm" or ".xhtml" => FileKind.Html,
            ".txt" or ".text" => FileKind.Text,
            ".md" or ".markdown" => FileKind.Markdown,
            _ => null,
        };

        if (named is null)
        {
            if (extension is ".doc" or ".docm" or ".dot" or ".dotx" or ".odt" or ".rtf" or ".pages" or ".wpd"
                or ".xls" or ".xlsx" or ".ppt" or ".pptx" or ".zip" or ".png" or ".jpg" or ".jpeg" or ".gif"
                or ".tif" or ".tiff" or ".bmp" or ".webp" or ".heic")
            {
                return sniffed is SniffedKind.Pdf or SniffedKind.Docx or SniffedKind.Html
                    ? Refuse(Rejections.Mismatch(fileName, ContentSniffer.Describe(sniffed)))
                    : Refuse(Rejections.Unsupported(fileName, UnsupportedKind(extension, sniffed)));
            }
            return FromContent(fileName, sniffed);
        }

        return (named.Value, sniffed) switch
        {
            (FileKind.Pdf, SniffedKind.Pdf) => Read(FileKind.Pdf),
            (FileKind.Docx, SniffedKind.Docx) => Read(FileKind.Docx),
            (FileKind.Docx, SniffedKind.EncryptedOffice) => Refuse(Rejections.DocxProtected()),
            (FileKind.Html, SniffedKind.Html or SniffedKind.Text) => Read(FileKind.Html),
            (FileKind.Text or FileKind.Markdown, SniffedKind.Html) => Read(FileKind.Html),
            (FileKind.Text or FileKind.Markdown, SniffedKind.Text) => Read(named.Value),

            // Bytes that are no known kind, or a zip whose directory is missing: the named kind, damaged.
            (FileKind.Pdf or FileKind.Docx, SniffedKind.Unknown or SniffedKind.Text or SniffedKind.BrokenZip) =>
                Refuse(Rejections.Corrupt(named.Value == FileKind.Pdf ? "a PDF" : "a Word document")),
            _ => Refuse(Rejections.Mismatch(fileName, ContentSniffer.Describe(sniffed))),
        };
    }

    private static FormatChoice FromContent(string fileName, SniffedKind sniffed) => sniffed switch
    {
        SniffedKind.Pdf => Read(FileKind.Pdf),
        SniffedKind.Docx => Read(FileKind.Docx),
        SniffedKind.Html => Read(FileKind.Html),
        SniffedKind.Text => Read(FileKind.Text),
        SniffedKind.EncryptedOffice => Refuse(Rejections.DocxProtected()),
        SniffedKind.BrokenZip => Refuse(Rejections.Corrupt("a Word document")),
        SniffedKind.Image => Refuse(Rejections.Unsupported(fileName, "image")),
        SniffedKind.LegacyOffice => Refuse(Rejections.Unsupported(fileName, "doc")),
        _ => Refuse(Rejections.Unsupported(fileName, null)),
    };

    private static string? UnsupportedKind(string extension, SniffedKind sniffed) => extension switch
    {
        ".doc" or ".dot" when sniffed is SniffedKind.LegacyOffice => "doc",
        ".png" or ".jpg" or ".jpeg" or ".gif" or ".tif" or ".tiff" or ".bmp" or ".webp" or ".heic" => "image",
        _ => null,
    };

    private static FormatChoice Read(FileKind kind) => new(kind, null);

    private static FormatChoice Refuse(IngestionRejected rejection) => new(FileKind.Text, rejection);
}
