using System.Net;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>Mail on one machine: sent mail goes into a folder of <c>.eml</c> files, and <c>/mail</c> shows it.</summary>
public static class MailRegistration
{
    public static WebApplicationBuilder AddEmbeddedMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IMailSender>(sp => new EmlMailSender(sp.GetRequiredService<DataFolders>().SentMail));
        builder.Services.AddSingleton(sp => new EmlMailbox(sp.GetRequiredService<DataFolders>().SentMail));
        return builder;
    }

    public static IEndpointRouteBuilder MapSentMail(this IEndpointRouteBuilder app)
    {
        // Every officer's personal response link is readable here, so only someone on this machine may look.
        var sentMail = app.MapGroup(SentMailPages.Root).AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } caller && IPAddress.IsLoopback(caller)
                ? await next(context)
                : TypedResults.NotFound());
        sentMail.MapGet("/", SentMailPages.ListMessages);
        sentMail.MapGet("/{fileName}", SentMailPages.ShowMessage);
        sentMail.MapGet("/{fileName}/raw", SentMailPages.DownloadMessage);
        return app;
    }
}
