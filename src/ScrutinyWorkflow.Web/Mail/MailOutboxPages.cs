using Microsoft.AspNetCore.Http.HttpResults;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>The local outbox: read the mail the app has written to its <c>.eml</c> folder.</summary>
public static class MailOutboxPages
{
    private const string Html = "text/html; charset=utf-8";

    public static IEndpointRouteBuilder MapMailOutbox(this IEndpointRouteBuilder app)
    {
        // Every officer's personal response link is readable here, so only someone on this machine may look.
        var outbox = app.MapGroup("/outbox").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } caller && System.Net.IPAddress.IsLoopback(caller)
                ? await next(context)
                : TypedResults.NotFound());
        outbox.MapGet("/", ListMessages);
        outbox.MapGet("/{fileName}", ShowMessage);
        outbox.MapGet("/{fileName}/raw", DownloadMessage);
        return app;
    }

    private static ContentHttpResult ListMessages(EmlMailbox mailbox) =>
        TypedResults.Content(OutboxHtml.RenderList(mailbox.List()), Html);

    private static Results<ContentHttpResult, NotFound> ShowMessage(string fileName, EmlMailbox mailbox) =>
        mailbox.Find(fileName) is { } message
            ? TypedResults.Content(OutboxHtml.RenderMessage(message), Html)
            : TypedResults.NotFound();

    private static Results<FileContentHttpResult, NotFound> DownloadMessage(string fileName, EmlMailbox mailbox) =>
        mailbox.ReadRaw(fileName) is { } bytes
            ? TypedResults.File(bytes, "message/rfc822", fileName)
            : TypedResults.NotFound();
}
