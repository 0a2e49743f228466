using System.IO.Compression;
using System.Xml;

namespace ScrutinyWorkflow.Documents.Reading.Docx;

/// <summary>
/// Checks a .docx package before any Office library opens it. A zip can claim small sizes and expand to gigabytes
/// (a zip bomb), so every entry is decompressed and counted, stopping as soon as the total passes the limit. And the
/// Open XML library builds its tree recursively, so an XML part nested tens of thousands deep would overflow the
/// stack and bring the whole service down: every part's depth is measured on the way. Every part, not only those
/// named .xml: the package's relationships can make "word/document.bin" the main document, and a part that is not
/// XML at all fails the measuring reader at its first byte.
/// </summary>
internal static class ZipGuard
{
    /// <summary>A Word document has a few dozen parts; many thousands is a package built to exhaust the reader.</summary>
    private const int MaxEntries = 10_000;

    /// <summary>Real documents nest a few dozen levels (tables in tables); this leaves room and keeps the stack safe.</summary>
    internal const int MaxXmlDepth = 1_000;

    private const int BufferBytes = 81920;

    public static IngestionRejected? Check(byte[] content, long maxExpandedBytes, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        if (zip.Entries.Count > MaxEntries)
        {
            return Rejections.ExpandsTooFar(maxExpandedBytes);
        }

        // The sizes the directory declares cost nothing to check, and refuse the honest bombs before any work.
        long declared = 0;
        foreach (var entry in zip.Entries)
        {
            declared += entry.Length;
            if (declared > maxExpandedBytes)
            {
                return Rejections.ExpandsTooFar(maxExpandedBytes);
            }
        }

        // The declared sizes can lie; what decompression actually produces cannot.
        var buffer = new byte[BufferBytes];
        long expanded = 0;
        foreach (var entry in zip.Entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var stream = new CountingStream(entry.Open(), maxExpandedBytes - expanded);
            var tooDeep = IsDeeperThan(stream, MaxXmlDepth);
            while (stream.Read(buffer, 0, buffer.Length) > 0)
            {
                // Count whatever the XML reader left unread.
            }
            if (stream.Exceeded)
            {
                return Rejections.ExpandsTooFar(maxExpandedBytes);
            }
            if (tooDeep)
            {
                return Rejections.TooDeep("Word document", MaxXmlDepth);
            }
            expanded += stream.Count;
        }
        return null;
    }

    private static bool IsDeeperThan(Stream xml, int limit)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = false };
        try
        {
            using var reader = XmlReader.Create(xml, settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth > limit)
                {
                    return true;
                }
            }
        }
        catch (XmlException)
        {
            // A malformed part is for the Word library to refuse if it needs it; here only depth matters.
        }
        return false;
    }

    /// <summary>Counts what is read through it and stops, flagging it, once a budget is spent.</summary>
    private sealed class CountingStream(Stream inner, long budget) : Stream
    {
        public long Count { get; private set; }

        public bool Exceeded { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Exceeded)
            {
                return 0;
            }
            var read = inner.Read(buffer, offset, count);
            Count += read;
            if (Count > budget)
            {
                Exceeded = true;
                return 0;
            }
            return read;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
