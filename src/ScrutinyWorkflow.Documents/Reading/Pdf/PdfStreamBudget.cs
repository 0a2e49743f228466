using System.Buffers;
using System.IO.Compression;

namespace ScrutinyWorkflow.Documents.Reading.Pdf;

/// <summary>
/// PdfPig inflates a stream whole, however far it expands, so a page whose 1 MB content stream inflates to a
/// gigabyte would take the host's memory with it. Before PdfPig sees the file, every Flate stream in it is inflated
/// here into nothing, counting, and the file is refused as soon as one stream, or all of them together, expand past
/// the limits. Memory stays at one buffer; the work stops at the limit.
/// </summary>
internal static class PdfStreamBudget
{
    private const int BufferBytes = 81920;

    /// <summary>The rejection when the file's streams expand past the limits; null when they keep within them.</summary>
    public static IngestionRejected? Check(byte[] pdf, IngestionLimits limits, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            long total = 0;
            foreach (var (start, length) in Streams(pdf))
            {
                if (!LooksLikeZlib(pdf, start, length))
                {
                    continue;
                }
                var expanded = Inflate(pdf, start, length, buffer, Math.Min(limits.MaxPdfStreamBytes, limits.MaxExpandedBytes - total) + 1, cancellationToken);
                total += expanded;
                if (expanded > limits.MaxPdfStreamBytes || total > limits.MaxExpandedBytes)
                {
                    return Rejections.PdfExpandsTooFar(Math.Min(limits.MaxPdfStreamBytes, limits.MaxExpandedBytes));
                }
            }
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Where each stream's data lies: after a "stream" keyword and its end of line, up to "endstream".</summary>
    private static IEnumerable<(int Start, int Length)> Streams(byte[] pdf)
    {
        var at = 0;
        while (at < pdf.Length)
        {
            var found = pdf.AsSpan(at).IndexOf("stream"u8);
            if (found < 0)
            {
                yield break;
            }
            var keyword = at + found;
            var start = keyword + "stream"u8.Length;
            if (keyword >= 3 && pdf.AsSpan(keyword - 3, 3).SequenceEqual("end"u8))
            {
                at = start;
                continue;
            }
            if (start < pdf.Length && pdf[start] == '\r')
            {
                start++;
            }
            if (start < pdf.Length && pdf[start] == '\n')
            {
                start++;
            }
            var end = pdf.AsSpan(start).IndexOf("endstream"u8);
            var length = end < 0 ? pdf.Length - start : end;
            yield return (start, length);
            at = start + length;
        }
    }

    /// <summary>A zlib header: deflate with a window of at most 32 KiB, and a check value that divides by 31.</summary>
    private static bool LooksLikeZlib(byte[] pdf, int start, int length) =>
        length >= 2 && (pdf[start] & 0x0F) == 8 && (pdf[start] >> 4) <= 7 && ((pdf[start] << 8) | pdf[start + 1]) % 31 == 0;

    /// <summary>How far the stream expands, counting no further than <paramref name="stopAfter"/>; a damaged stream counts what it gave.</summary>
    private static long Inflate(byte[] pdf, int start, int length, byte[] buffer, long stopAfter, CancellationToken cancellationToken)
    {
        long expanded = 0;
        try
        {
            using var inflater = new ZLibStream(new MemoryStream(pdf, start, length, writable: false), CompressionMode.Decompress);
            int read;
            while (expanded < stopAfter && (read = inflater.Read(buffer, 0, BufferBytes)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                expanded += read;
            }
        }
        catch (InvalidDataException)
        {
            // Damaged or not Flate after all: PdfPig decides what it makes of it, within what was counted.
        }
        return expanded;
    }
}
