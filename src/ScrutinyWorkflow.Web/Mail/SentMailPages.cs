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

    /// <summary>
    /// A message's HTML part on an address of its own, for the message page's frame. The page's policy allows no inline
    /// style, and a frame's inline document would inherit it, so the mail would show unstyled; here the mail's own
    /// styles apply, and nothing else: no script, nothing loaded from elsewhere, sandboxed as a mail client would.
    /// </summary>
    public static Results<ContentHttpResult, NotFound> ShowHtmlPart(string fileName, EmlMailbox mailbox, HttpResponse response)
    {
        if (mailbox.Find(fileName) is not { } message)
        {
            return TypedResults.NotFound();
        }
        response.Headers.ContentSecurityPolicy = HtmlPartPolicy;
        response.Headers.XFrameOptions = "SAMEORIGIN";
        return TypedResults.Content("<base target=\"_top\">" + message.HtmlBody, "text/html; charset=utf-8");
    }

    internal const string HtmlPartPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'; " +
        "sandbox allow-popups allow-top-navigation-by-user-activation";

    /// <summary>The review a message was sent for, read from its id (the review, the event's version, the effect), if any.</summary>
    public static string? ReviewOf(EmlMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = MimeComposer.IdFromMessageId(message.MessageId);
        var review = id.Split('.')[0];
        return System.Text.RegularExpressions.Regex.IsMatch(review, "^rv-[0-9a-z]{12}$") ? review : null;
    }

    public static Results<FileContentHttpResult, NotFound> DownloadMessage(string fileName, EmlMailbox mailbox) =>
        mailbox.ReadRaw(fileName) is { } bytes
            ? TypedResults.File(bytes, "message/rfc822", fileName)
            : TypedResults.NotFound();

    public static string MessageUrl(string fileName) => Root + "/" + Uri.EscapeDataString(fileName);

    public static string SubjectOf(EmlMessage message) => message.Subject.Length > 0 ? message.Subject : "(no subject)";
}
