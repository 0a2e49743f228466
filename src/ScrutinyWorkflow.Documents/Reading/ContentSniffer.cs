using System.IO.Compression;
using System.Text;

namespace ScrutinyWorkflow.Documents.Reading;

/// <summary>What a file's bytes say it is, whatever its name says.</summary>
internal enum SniffedKind
{
    Pdf,

    /// <summary>A zip holding a Word document (word/document.xml).</summary>
    Docx,

    /// <summary>A zip holding something else: a spreadsheet, a presentation, an OpenDocument file, an archive.</summary>
    OtherZip,

    /// <summary>Starts like a zip but its directory cannot be read: cut short or damaged.</summary>
    BrokenZip,

    /// <summary>An OLE compound file holding a password-protected Office document.</summary>
    EncryptedOffice,

    /// <summary>An OLE compound file: a Word 97–2003 .doc, or another old Office file.</summary>
    LegacyOffice,

    Rtf,
    Image,
    Html,
    Text,

    /// <summary>Binary content of no kind recognised here.</summary>
    Unknown,
}

/// <summary>Identifies a file from its first bytes (magic numbers) and, for zips and OLE files, what they hold.</summary>
internal static class ContentSniffer
{
    private const int TextProbeBytes = 8192;

    public static SniffedKind Sniff(byte[] content)
    {
        var head = content.AsSpan(0, Math.Min(content.Length, 1024));
        if (head.IndexOf("%PDF-"u8) >= 0)
        {
            return SniffedKind.Pdf;
        }
        if (head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8))
        {
            return SniffZip(content);
        }
        if (head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
        {
            // Office stores a password-protected .docx as an OLE file with an "EncryptedPackage" stream.
            return content.AsSpan().IndexOf(Encoding.Unicode.GetBytes("EncryptedPackage")) >= 0
                ? SniffedKind.EncryptedOffice
                : SniffedKind.LegacyOffice;
        }
        if (head.StartsWith("{\\rtf"u8))
        {
            return SniffedKind.Rtf;
        }
        if (IsImage(head))
        {
            return SniffedKind.Image;
        }
        if (!LooksLikeText(content.AsSpan(0, Math.Min(content.Length, TextProbeBytes))))
        {
            return SniffedKind.Unknown;
        }
        return LooksLikeHtml(content) ? SniffedKind.Html : SniffedKind.Text;
    }

    /// <summary>Plain English for what the content is, for a message about a mismatch.</summary>
    public static string Describe(SniffedKind kind) => kind switch
    {
        SniffedKind.Pdf => "a PDF",
        SniffedKind.Docx => "a Word document (.docx)",
        SniffedKind.OtherZip => "a compressed package that is not a Word document (perhaps a spreadsheet, a presentation or a zip file)",
        SniffedKind.EncryptedOffice => "a password-protected Office document",
        SniffedKind.LegacyOffice => "an older Office document (such as a Word 97–2003 .doc)",
        SniffedKind.Rtf => "a Rich Text document (.rtf)",
        SniffedKind.Image => "an image",
        SniffedKind.Html => "a web page (HTML)",
        SniffedKind.Text => "plain text",
        _ => "data of an unknown kind",
    };

    private static SniffedKind SniffZip(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return names.Contains("word/document.xml") && names.Contains("[Content_Types].xml") ? SniffedKind.Docx : SniffedKind.OtherZip;
        }
        catch (InvalidDataException)
        {
            return SniffedKind.BrokenZip;
        }
    }

    private static bool IsImage(ReadOnlySpan<byte> head) =>
        head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 })
        || head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF })
        || head.StartsWith("GIF8"u8)
        || head.StartsWith("II*\0"u8)
        || head.StartsWith("MM\0*"u8)
        || head.StartsWith("BM"u8)
        || (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8));

    /// <summary>Decodable as UTF-8 or UTF-16 (with its byte order mark), or Latin-1 text without control bytes.</summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> probe)
    {
        if (probe.StartsWith(new byte[] { 0xFF, 0xFE }) || probe.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return true;
        }
        var controls = 0;
        foreach (var b in probe)
        {
            if (b == 0)
            {
                return false;
            }
            if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or 0x0C))
            {
                controls++;
            }
        }
        return controls * 100 <= probe.Length;
    }

    private static bool LooksLikeHtml(byte[] content)
    {
        var text = TextDecoding.Decode(content.AsSpan(0, Math.Min(content.Length, 2048)).ToArray()).TrimStart().ToLowerInvariant();
        if (!text.StartsWith('<'))
        {
            return false;
        }
        return text.Contains("<html", StringComparison.Ordinal) || text.Contains("<!doctype html", StringComparison.Ordinal)
            || text.Contains("<body", StringComparison.Ordinal) || text.Contains("<head", StringComparison.Ordinal)
            || text.Contains("<h1", StringComparison.Ordinal) || text.Contains("<p>", StringComparison.Ordinal)
            || text.Contains("<div", StringComparison.Ordinal);
    }
}
