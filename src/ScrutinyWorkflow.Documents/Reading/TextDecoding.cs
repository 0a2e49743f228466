using System.Text;

namespace ScrutinyWorkflow.Documents.Reading;

/// <summary>Turns a text file's bytes into text, whatever encoding an office machine saved it in.</summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-16 or UTF-8 by their byte order marks; otherwise UTF-8 if valid, else Windows Latin-1.</summary>
    public static string Decode(byte[] content)
    {
        if (content.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            return Encoding.Unicode.GetString(content, 2, content.Length - 2);
        }
        if (content.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return Encoding.BigEndianUnicode.GetString(content, 2, content.Length - 2);
        }
        var start = content.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(content, start, content.Length - start);
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: older Windows tools save text as Latin-1, which any byte sequence decodes as.
            return Encoding.Latin1.GetString(content, start, content.Length - start);
        }
    }
}
