using System.Security.Cryptography;
using System.Text;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>How messages are named in a sent-mail folder, shared by the writer and the reader.</summary>
internal static class EmlFolder
{
    public const string Extension = ".eml";
    private const int ReadablePrefixLength = 40;
    private const int HashHexLength = 20;

    /// <summary>
    /// The file for a message id: a readable prefix so a person can find a message by eye, and 80 bits of its
    /// SHA-256 so that any id, whatever its characters or length, gives a distinct, safe name. The same id always
    /// gives the same name, which is what makes sending idempotent.
    /// </summary>
    public static string FileNameFor(string messageId)
    {
        var prefix = new StringBuilder(ReadablePrefixLength);
        foreach (var c in messageId)
        {
            if (prefix.Length == ReadablePrefixLength)
            {
                break;
            }
            if (char.IsAsciiLetterOrDigit(c))
            {
                prefix.Append(c);
            }
            else if (prefix.Length > 0 && prefix[^1] != '-')
            {
                prefix.Append('-');
            }
        }
        var readable = prefix.ToString().TrimEnd('-');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..HashHexLength];
        return (readable.Length > 0 ? readable + "-" : "message-") + hash + Extension;
    }

    /// <summary>
    /// True for a plain ".eml" file name: no directory part, no "..", nothing a file system reads as a device,
    /// stream or hidden file. Every name a reader accepts from a URL goes through here.
    /// </summary>
    public static bool IsMessageFileName(string? name) =>
        name is { Length: > 4 and <= 255 }
        && name.EndsWith(Extension, StringComparison.OrdinalIgnoreCase)
        && name[0] != '.'
        && name.Trim() == name
        && name.IndexOfAny(['/', '\\', ':']) < 0
        && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
        && !name.Any(char.IsControl)
        && Path.GetFileName(name) == name;
}
