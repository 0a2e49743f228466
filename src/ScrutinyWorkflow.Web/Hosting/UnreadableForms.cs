namespace ScrutinyWorkflow.Web.Hosting;

/// <summary>Why a form could not be read, in the terms a person can act on.</summary>
public enum FormFault
{
    /// <summary>Larger than the limit, as a whole or in one field.</summary>
    TooLarge,

    /// <summary>Far more fields or files than any of our forms sends.</summary>
    TooManyParts,

    /// <summary>Not a form as its content type says: no boundary, a boundary that does not match, cut short.</summary>
    Malformed,

    /// <summary>Arrived too slowly for the server to wait for it.</summary>
    TooSlow,

    /// <summary>A field held a character that cannot be kept (a control character such as NUL).</summary>
    BadCharacter,
}

/// <summary>
/// Names the fault in a form the framework's reader refused. The reader says which of its limits a form broke only in
/// its messages (<see cref="InvalidDataException"/>), so those are what is matched; calling every refusal "too large"
/// sent people to shrink a file when their form was malformed or padded with thousands of parts.
/// </summary>
public static class UnreadableForms
{
    public static FormFault Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => FormFault.TooLarge,
            BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } => FormFault.TooSlow,
            InvalidDataException { InnerException: InvalidOperationException } => FormFault.BadCharacter,
            InvalidDataException { Message: var m } when Says(m, "count limit") => FormFault.TooManyParts,
            InvalidDataException { Message: var m } when Says(m, "body length limit") || Says(m, "value length limit") || Says(m, "key length limit") => FormFault.TooLarge,
            InvalidDataException => FormFault.Malformed,
            BadHttpRequestException => FormFault.Malformed,
            _ => FormFault.Malformed,
        };
    }

    private static bool Says(string message, string words) => message.Contains(words, StringComparison.OrdinalIgnoreCase);
}
