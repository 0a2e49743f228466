namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// The mail service refused the message for good (a 4xx answer, a recipient it will not take): trying again would
/// be refused again. <see cref="Recipients"/> names the addresses refused, when the service said which.
/// </summary>
public sealed class MailRefusedException : Exception
{
    public MailRefusedException()
    {
    }

    public MailRefusedException(string message)
        : base(message)
    {
    }

    public MailRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MailRefusedException(string message, IReadOnlyList<string> recipients, Exception? innerException = null)
        : base(message, innerException) => Recipients = recipients;

    public IReadOnlyList<string> Recipients { get; } = [];
}
