using Microsoft.AspNetCore.Http.HttpResults;
using ScrutinyWorkflow.Web.Pages;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// The pages that show the mail the app has written to its <c>.eml</c> folder (<see cref="SentMailList"/> and
/// <see cref="SentMailMessage"/>). Mail content is written by other people and must never become markup or script in
/// the app's origin: the components encode every value.
/// </summary>
internal static class SentMailPages
{
    public const string Root = "/mail";

    public static RazorComponentResult<SentMailList> ListMessages(EmlMailbox mailbox) =>
        PagesRegistration.Show<SentMailList>(new { Messages = mailbox.List() });

    public static Results<RazorComponentResult<SentMailMessage>, NotFound> ShowMessage(string fileName, EmlMailbox mailbox) =>
        mailbox.Find(fileName) is { } message
            ? PagesRegistration.Show<SentMailMessage>(new { Message = message })
            : TypedResults.NotFound();

    public static Results<FileContentHttpResult, NotFound> DownloadMessage(string fileName, EmlMailbox mailbox) =>
        mailbox.ReadRaw(fileName) is { } bytes
            ? TypedResults.File(bytes, "message/rfc822", fileName)
            : TypedResults.NotFound();

    public static string MessageUrl(string fileName) => Root + "/" + Uri.EscapeDataString(fileName);

    public static string SubjectOf(EmlMessage message) => message.Subject.Length > 0 ? message.Subject : "(no subject)";
}
