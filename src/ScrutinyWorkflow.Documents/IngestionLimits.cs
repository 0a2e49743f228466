namespace ScrutinyWorkflow.Documents;

/// <summary>How much an uploaded report may hold before it is refused unread.</summary>
/// <param name="MaxUploadBytes">The largest file accepted, as uploaded.</param>
/// <param name="MaxExpandedBytes">
/// The most a .docx (a zip) may expand to, counted over all its entries as they are decompressed, or a PDF's
/// compressed streams all together: a guard against decompression bombs.
/// </param>
/// <param name="MaxPages">The most pages a PDF may have; focus reports run to 20–40.</param>
/// <param name="MaxPdfStreamBytes">
/// The most one PDF stream (a page's content, a font, an image) may expand to; a real report's largest is a few MB.
/// </param>
/// <param name="MaxWebPageBytes">
/// The largest web page read. A focus report's page is well under 1 MB; the parser holds a page's whole tree, many
/// times its size, so two 40 MB pages read at once took the host past 1.5 GB.
/// </param>
public sealed record IngestionLimits(
    long MaxUploadBytes = 50L * 1024 * 1024,
    long MaxExpandedBytes = 200L * 1024 * 1024,
    int MaxPages = 300,
    long MaxPdfStreamBytes = 32L * 1024 * 1024,
    long MaxWebPageBytes = 5L * 1024 * 1024)
{
    public static IngestionLimits Default { get; } = new();
}
