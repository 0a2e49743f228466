using System.Globalization;
using System.Text;

using Microsoft.AspNetCore.Http.HttpResults;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// The pages that show the mail the app has written to its <c>.eml</c> folder. Every value from a message is
/// encoded on the way out: mail content is written by other people and must never become markup or script in the
/// app's origin.
/// </summary>
internal static class SentMailPages
{
    public const string Root = "/mail";

    private const string Html = "text/html; charset=utf-8";

    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;line-height:1.4}" +
        "table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:bold;padding:.5rem 0}" +
        "th,td{border-bottom:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}" +
        "dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:bold}dd{margin:0}" +
        "pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}" +
        "iframe{width:100%;min-height:30rem;border:1px solid #ccc}";

    public static ContentHttpResult ListMessages(EmlMailbox mailbox) =>
        TypedResults.Content(RenderList(mailbox.List()), Html);

    public static Results<ContentHttpResult, NotFound> ShowMessage(string fileName, EmlMailbox mailbox) =>
        mailbox.Find(fileName) is { } message
            ? TypedResults.Content(RenderMessage(message), Html)
            : TypedResults.NotFound();

    public static Results<FileContentHttpResult, NotFound> DownloadMessage(string fileName, EmlMailbox mailbox) =>
        mailbox.ReadRaw(fileName) is { } bytes
            ? TypedResults.File(bytes, "message/rfc822", fileName)
            : TypedResults.NotFound();

    public static string RenderList(IReadOnlyList<EmlMessage> messages)
    {
        var body = new StringBuilder();
        body.Append("<h1>Sent mail</h1>\n");
        body.Append("<p>Mail the app has sent, kept as <code>.eml</code> files on this machine. Newest first.</p>\n");
        if (messages.Count == 0)
        {
            body.Append("<p>No mail has been sent yet.</p>\n");
        }
        else
        {
            body.Append("<table>\n<caption>Sent mail (").Append(messages.Count.ToString(CultureInfo.InvariantCulture)).Append(")</caption>\n");
            body.Append("<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">To</th><th scope=\"col\">Subject</th></tr></thead>\n<tbody>\n");
            foreach (var message in messages)
            {
                body.Append("<tr><td>").Append(Time(message.Date)).Append("</td>");
                body.Append("<td>").Append(Encode(string.Join(", ", message.To))).Append("</td>");
                body.Append("<td><a href=\"").Append(Encode(MessageUrl(message.FileName))).Append("\">")
                    .Append(Encode(message.Subject.Length > 0 ? message.Subject : "(no subject)")).Append("</a></td></tr>\n");
            }
            body.Append("</tbody>\n</table>\n");
        }
        return Page("Sent mail", body.ToString());
    }

    public static string RenderMessage(EmlMessage message)
    {
        var subject = message.Subject.Length > 0 ? message.Subject : "(no subject)";
        var body = new StringBuilder();
        body.Append("<p><a href=\"").Append(Root).Append("\">Back to sent mail</a></p>\n");
        body.Append("<h1>").Append(Encode(subject)).Append("</h1>\n<dl>\n");
        AppendField(body, "From", Encode(message.From));
        AppendField(body, "To", Encode(string.Join(", ", message.To)));
        if (message.Cc.Count > 0)
        {
            AppendField(body, "Cc", Encode(string.Join(", ", message.Cc)));
        }
        AppendField(body, "Date", Time(message.Date));
        AppendField(body, "Message ID", "<code>" + Encode(message.MessageId) + "</code>");
        body.Append("</dl>\n");
        body.Append("<p><a href=\"").Append(Encode(MessageUrl(message.FileName) + "/raw")).Append("\" download>Download the .eml file</a></p>\n");
        body.Append("<h2>Text part</h2>\n<pre>").Append(Encode(message.TextBody)).Append("</pre>\n");
        body.Append("<h2>HTML part</h2>\n");
        // No allow-scripts and no allow-same-origin: the mail's HTML runs in an opaque origin with script off.
        // The base target sends a clicked link to the whole tab, as it would leave a mail client.
        body.Append("<iframe title=\"HTML part of the message\" sandbox=\"allow-popups allow-top-navigation-by-user-activation\" srcdoc=\"")
            .Append(Encode("<base target=\"_top\">" + message.HtmlBody)).Append("\"></iframe>\n");
        return Page(subject + " - Sent mail", body.ToString());
    }

    public static string MessageUrl(string fileName) => Root + "/" + Uri.EscapeDataString(fileName);

    private static void AppendField(StringBuilder body, string name, string encodedValue) =>
        body.Append("<dt>").Append(name).Append("</dt><dd>").Append(encodedValue).Append("</dd>\n");

    private static string Time(DateTimeOffset date) =>
        $"<time datetime=\"{date.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)}\">" +
        $"{Encode(date.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture))}</time>";

    private static string Page(string title, string body) => HtmlPage.Render(title, Style, body);

    private static string Encode(string text) => HtmlPage.Encode(text);
}
