namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>
/// The one address shape the product accepts, everywhere: for reviews, the directory, settings and sending. An
/// ASCII <c>local@domain</c> that can be written into a mail header without quoting, with a domain of at least two
/// labels. Quoted local parts, IP literals and internationalised addresses are legal in RFC 5322 but no council
/// mailbox uses them; refusing them at the door means an address accepted today can always be mailed later.
/// </summary>
public static class EmailAddress
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
        return IsDotAtom(address.AsSpan(0, at)) && IsDomain(address.AsSpan(at + 1));
    }

    private static bool IsDotAtom(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxLocalPartLength || text[0] == '.' || text[^1] == '.')
        {
            return false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' ? text[i - 1] == '.' : !IsAtext(c))
            {
                return false;
            }
        }
        return true;
    }

    // A host name: at least two labels (a bare "localhost" or "council" is nearly always a typo).
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

    /// <summary>RFC 5322 atext: the characters an unquoted local part may hold.</summary>
    private static bool IsAtext(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal);
}
