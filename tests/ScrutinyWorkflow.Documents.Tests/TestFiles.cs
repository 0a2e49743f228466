using System.IO.Compression;
using System.Text;
using ScrutinyWorkflow.Testing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace ScrutinyWorkflow.Documents.Tests;

/// <summary>Builds the awkward files the tests need, so that each test shows how its input was made.</summary>
internal static class TestFiles
{
    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public static IngestionOutcome Ingest(byte[] content, string fileName, IngestionLimits? limits = null)
    {
        using var stream = new MemoryStream(content);
        return ReportIngestion.Ingest(stream, fileName, limits ?? IngestionLimits.Default);
    }

    /// <summary>
    /// Asserts a refusal with <paramref name="code"/>, a title, and a detail that ends by saying what to do instead
    /// (<paramref name="instead"/>: enter the questions by hand, paste the decisions' text).
    /// </summary>
    public static IngestionRejected AssertRejected(IngestionOutcome outcome, string code, string instead)
    {
        var rejected = Assert.IsType<IngestionRejected>(outcome);
        Assert.Equal(code, rejected.Code);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Title));
        Assert.Contains(instead, rejected.Detail, StringComparison.Ordinal);
        return rejected;
    }

    /// <summary>A PDF whose pages are pictures of text, as a scanner makes them: no text layer at all.</summary>
    public static byte[] ScannedPdf(int pages)
    {
        using var builder = new PdfDocumentBuilder();
        var png = GreyPng(width: 60, height: 80);
        for (var i = 0; i < pages; i++)
        {
            var page = builder.AddPage(595, 842);
            page.AddPng(png, new PdfRectangle(40, 40, 555, 802));
        }
        return builder.Build();
    }

    /// <summary>A PDF written line by line with a standard font, for layouts the samples do not show.</summary>
    public static byte[] PdfWithLines(params (double X, double Y, double Size, string Text)[][] pages)
    {
        using var builder = new PdfDocumentBuilder();
        var regular = builder.AddStandard14Font(Standard14Font.Helvetica);
        foreach (var lines in pages)
        {
            var page = builder.AddPage(595, 842);
            foreach (var (x, y, size, text) in lines)
            {
                page.AddText(text, size, new PdfPoint(x, y), regular);
            }
        }
        return builder.Build();
    }

    /// <summary>A minimal .docx around <paramref name="bodyXml"/>; see <see cref="MinimalDocx.Build"/>.</summary>
    public static byte[] Docx(string bodyXml, Action<ZipArchive>? addEntries = null, string mainPart = "word/document.xml") =>
        MinimalDocx.Build(bodyXml, addEntries, mainPart);

    public static string Paragraph(string text, string? style = null, int? listLevel = null, bool bold = false)
    {
        var properties = new StringBuilder();
        if (style is not null)
        {
            properties.Append($"<w:pStyle w:val=\"{style}\"/>");
        }
        if (listLevel is { } level)
        {
            properties.Append($"<w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"1\"/></w:numPr>");
        }
        var run = bold ? "<w:rPr><w:b/></w:rPr>" : "";
        return $"<w:p><w:pPr>{properties}</w:pPr><w:r>{run}<w:t xml:space=\"preserve\">{System.Security.SecurityElement.Escape(text)}</w:t></w:r></w:p>";
    }

    public static void Write(ZipArchive zip, string name, string content) => MinimalDocx.Write(zip, name, content);

    /// <summary>Adds an entry of <paramref name="bytes"/> zeros, which deflate compresses about a thousand to one.</summary>
    public static void WriteZeros(ZipArchive zip, string name, long bytes)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
        var zeros = new byte[64 * 1024];
        for (long written = 0; written < bytes; written += zeros.Length)
        {
            stream.Write(zeros, 0, (int)Math.Min(zeros.Length, bytes - written));
        }
    }

    /// <summary>
    /// Rewrites the sizes a zip declares for one entry (in its local header and its central directory record), as a
    /// zip bomb lies about them.
    /// </summary>
    public static byte[] WithDeclaredSize(byte[] zip, string entryName, uint declaredSize)
    {
        var copy = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 46 < copy.Length; i++)
        {
            var signature = BitConverter.ToUInt32(copy, i);
            if (signature == 0x04034b50 && Matches(copy, i + 30, BitConverter.ToUInt16(copy, i + 26), name))
            {
                BitConverter.TryWriteBytes(copy.AsSpan(i + 22), declaredSize);
            }
            else if (signature == 0x02014b50 && Matches(copy, i + 46, BitConverter.ToUInt16(copy, i + 28), name))
            {
                BitConverter.TryWriteBytes(copy.AsSpan(i + 24), declaredSize);
            }
        }
        return copy;
    }

    private static bool Matches(byte[] data, int start, int length, byte[] name) =>
        length == name.Length && start + length <= data.Length && data.AsSpan(start, length).SequenceEqual(name);

    /// <summary>A small grey PNG, written by hand so the tests need no imaging library.</summary>
    public static byte[] GreyPng(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BigEndian(header, 0, (uint)width);
        BigEndian(header, 4, (uint)height);
        header[8] = 8;  // bits per sample
        header[9] = 0;  // greyscale
        Chunk(png, "IHDR", header);

        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0);  // no filter
                for (var x = 0; x < width; x++)
                {
                    zlib.WriteByte((byte)((x * 7 + y * 3) % 64 + 160));
                }
            }
        }
        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BigEndian(length, 0, (uint)data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        var crc = new byte[4];
        BigEndian(crc, 0, Crc32(typeAndData));
        png.Write(crc);
    }

    private static void BigEndian(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
