namespace ScrutinyWorkflow.Testing;

/// <summary>Hostile PDFs built byte by byte, for the readers' tests and the upload's. Compiled into each from this one file.</summary>
internal static class HostilePdfs
{
    /// <summary>
    /// A valid one-page PDF whose content stream is <paramref name="expandedBytes"/> spaces, Flate-compressed to a
    /// thousandth of that: a decompression bomb, written by hand so the bytes are what the test says.
    /// </summary>
    public static byte[] PdfWithExpandingPage(long expandedBytes)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            var spaces = new byte[1 << 20];
            Array.Fill(spaces, (byte)' ');
            for (var written = 0L; written < expandedBytes; written += spaces.Length)
            {
                zlib.Write(spaces, 0, (int)Math.Min(spaces.Length, expandedBytes - written));
            }
        }
        var content = compressed.ToArray();
        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(System.Text.Encoding.ASCII.GetBytes(text));
        void Object(string body)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }
        Write("%PDF-1.7\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>");
        offsets.Add(pdf.Position);
        Write($"4 0 obj\n<< /Length {content.Length} /Filter /FlateDecode >>\nstream\n");
        pdf.Write(content);
        Write("\nendstream\nendobj\n");
        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:D10} 00000 n \n");
        }
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }
}
