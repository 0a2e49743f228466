using ScrutinyWorkflow.Core.Reports;
using ScrutinyWorkflow.Documents.Reading.Docx;
using ScrutinyWorkflow.Documents.Reading.Html;
using ScrutinyWorkflow.Documents.Reading.Pdf;
using ScrutinyWorkflow.Documents.Reading.Text;

namespace ScrutinyWorkflow.Documents.Reading;

/// <summary>What a file was read as: its blocks and format, or why it could not be read (then no blocks).</summary>
internal sealed record DocumentRead(IReadOnlyList<ReportBlock> Blocks, FileKind Kind, IngestionRejected? Rejection);

/// <summary>
/// The one way into the format readers, for every kind of document the product reads (focus reports, decision
/// statements): the upload's size checked, its bytes reconciled with its name, and the format's reader run on it.
/// </summary>
internal static class DocumentBlocks
{
    private const int CopyBufferBytes = 81920;

    public static DocumentRead Read(Stream content, string fileName, IngestionLimits limits, CancellationToken cancellationToken)
    {
        var (bytes, refused) = ReadBytes(content, limits, cancellationToken);
        return refused is not null ? Refused(refused) : FromBytes(bytes!, fileName, limits, cancellationToken);
    }

    /// <summary>The upload's bytes, or why they were refused unread (empty, or too large).</summary>
    public static (byte[]? Bytes, IngestionRejected? Rejection) ReadBytes(Stream content, IngestionLimits limits, CancellationToken cancellationToken)
    {
        var bytes = ReadAtMost(content, limits.MaxUploadBytes, cancellationToken);
        return bytes switch
        {
            null => (null, Rejections.TooLarge(limits.MaxUploadBytes)),
            { Length: 0 } => (null, Rejections.Empty()),
            _ => (bytes, null),
        };
    }

    public static DocumentRead FromBytes(byte[] bytes, string fileName, IngestionLimits limits, CancellationToken cancellationToken)
    {
        var format = FileFormats.Choose(Path.GetFileName(fileName), ContentSniffer.Sniff(bytes));
        if (format.Rejection is { } refused)
        {
            return Refused(refused);
        }
        var read = format.Kind switch
        {
            FileKind.Pdf => PdfReportReader.Read(bytes, limits, cancellationToken),
            FileKind.Docx => DocxReportReader.Read(bytes, limits, cancellationToken),
            FileKind.Html when bytes.Length > limits.MaxWebPageBytes => new ReadRejected(Rejections.WebPageTooBig(limits.MaxWebPageBytes)),
            FileKind.Html => HtmlReportReader.Read(bytes, cancellationToken),
            FileKind.Markdown => MarkdownReportReader.Read(bytes),
            _ => PlainTextReportReader.Read(bytes),
        };
        return read switch
        {
            ReadRejected rejected => Refused(rejected.Rejection) with { Kind = format.Kind },
            BlocksRead blocks => new DocumentRead(blocks.Blocks, format.Kind, null),
            var other => throw new InvalidOperationException($"Unexpected read result {other}."),
        };
    }

    private static DocumentRead Refused(IngestionRejected rejection) => new([], FileKind.Text, rejection);

    /// <summary>The whole stream, or null as soon as it proves longer than <paramref name="limit"/>.</summary>
    private static byte[]? ReadAtMost(Stream content, long limit, CancellationToken cancellationToken)
    {
        var expected = content.CanSeek ? content.Length - content.Position : 0;
        if (expected > limit)
        {
            return null;
        }
        using var copy = new MemoryStream((int)Math.Clamp(expected, 0, Array.MaxLength));
        var buffer = new byte[CopyBufferBytes];
        int read;
        while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (copy.Length + read > limit)
            {
                return null;
            }
            copy.Write(buffer, 0, read);
        }

        // An upload that said how long it was fills a buffer of exactly that size: hand it over rather than copy it.
        return copy.Length == copy.Capacity ? copy.GetBuffer() : copy.ToArray();
    }
}
