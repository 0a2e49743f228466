namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// The address shape we accept for sending and for the directory: an ASCII <c>local@domain</c> that can be written
/// into a header without quoting. Quoted local parts, IP literals and internationalised addresses are legal in
/// RFC 5322 but no council mailbox uses them, and refusing them keeps every header we write unambiguous.
/// </summary>
internal static class EmailAddressSyntax
{
    private const int MaxLength = 254;
    private const int MaxLocalPartLength = 64;
    private const int MaxLabelLength = 63;

    public static bool IsValid(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > MaxLength)
        {
            return false;
        }
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return false;
        }
        return IsDotAtom(address.AsSpan(0, at), MaxLocalPartLength) && IsDomain(address.AsSpan(at + 1));
    }

    private static bool IsDotAtom(ReadOnlySpan<char> text, int maxLength)
    {
        if (text.Length > maxLength || text[0] == '.' || text[^1] == '.')
        {
            return false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.')
            {
                if (text[i - 1] == '.')
                {
                    return false;
                }
            }
            else if (!MimeSyntax.IsAtext(c))
            {
                return false;
            }
        }
        return true;
    }

    // A host name: at least two labels (a bare "localhost" is nearly always a typo in a directory file).
    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        var labels = 0;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length is 0 or > MaxLabelLength || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }
            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
            labels++;
        }
        return labels >= 2;
    }
}
