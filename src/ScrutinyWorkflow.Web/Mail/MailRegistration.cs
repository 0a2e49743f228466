using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Graph;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.SignIn;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// Mail, carried as <c>Scrutiny:Mail:Provider</c> says: a folder of <c>.eml</c> files ("Outbox", the default, shown at
/// <c>/mail</c>), SendGrid, Microsoft Graph from a shared mailbox, GOV.UK Notify, or the council's SMTP relay. Every
/// message goes from <c>Scrutiny:Mail:From</c> (the team's address by default) and is sent once per message id.
/// </summary>
public static class MailRegistration
{
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder, DeploymentProfile profile)
    {
        builder.Services.AddMail(profile);
        return builder;
    }

    public static IServiceCollection AddMail(this IServiceCollection services, DeploymentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new EmlMailbox(sp.GetRequiredService<DataFolders>().SentMail));

        Func<IServiceProvider, IMailSender> service = profile.Mail switch
        {
            MailProvider.SendGrid => Remote<SendGridMailSender>(services),
            MailProvider.Notify => Remote<NotifyMailSender>(services),
            MailProvider.Graph => AddGraph(services),
            MailProvider.Smtp => sp => ActivatorUtilities.CreateInstance<SmtpMailSender>(sp),
            // An unknown provider is read as the folder and named by the options check at start.
            _ => sp => sp.GetRequiredService<EmlMailSender>(),
        };
        // Its own registration, so the container closes its journal at shutdown whatever wraps it.
        services.AddSingleton(sp => new EmlMailSender(sp.GetRequiredService<DataFolders>().SentMail));
        // On the Durable runtime several hosts (or Functions instances) carry out effects, so what was sent is kept in
        // the task hub's storage account, by connection string or by managed identity, where they all see it.
        services.AddSingleton<ISentMailRecord>(sp => profile is { IsDurable: true, Storage.IsNamed: true }
            ? new TableSentMailRecord(profile.Storage.Tables())
            : new FolderSentMailRecord(sp.GetRequiredService<DataFolders>().DeliveredMail));
        var remote = profile.Mail != MailProvider.Outbox;
        services.AddSingleton<IMailSender>(sp =>
        {
            var sender = service(sp);
            // The folder is idempotent by itself; a remote service is made so by recording what it accepted.
            sender = remote ? new OnceOnlyMailSender(sender, sp.GetRequiredService<ISentMailRecord>()) : sender;
            var from = sp.GetRequiredService<IOptions<MailOptions>>().Value.From;
            return from is { Length: > 0 } ? new ConfiguredSender(sender, from) : sender;
        });
        return services;
    }

    /// <summary>An HTTP mail service: its own client, with retries and backoff for 429 (after Retry-After), 5xx and timeouts.</summary>
    private static Func<IServiceProvider, IMailSender> Remote<TSender>(IServiceCollection services)
        where TSender : class, IMailSender
    {
        var name = typeof(TSender).Name;
        services.AddHttpClient(name).AddStandardResilienceHandler().Configure((resilience, sp) =>
        {
            resilience.Retry.Delay = sp.GetRequiredService<IOptions<MailOptions>>().Value.RetryDelay;
        });
        return sp => ActivatorUtilities.CreateInstance<TSender>(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(name));
    }

    private static Func<IServiceProvider, IMailSender> AddGraph(IServiceCollection services)
    {
        services.AddGraphClient();
        return sp => ActivatorUtilities.CreateInstance<GraphMailSender>(sp);
    }

    public static IEndpointRouteBuilder MapSentMail(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The folder of mail is a developer's window on what would have been sent; in Azure nobody is "on this
        // machine", so the pages do not exist there at all.
        if (app.ServiceProvider.GetService<DeploymentProfile>() is { InAzure: true })
        {
            return app;
        }
        // Every officer's personal response link is readable here, so only someone on this machine may look.
        var sentMail = app.MapGroup(SentMailPages.Root).AddEndpointFilter(async (context, next) =>
            context.HttpContext.Connection.RemoteIpAddress is { } caller && IPAddress.IsLoopback(caller)
                ? await next(context)
                : TypedResults.NotFound())
            .RequireAuthorization(ScrutinyPolicies.Officer);
        sentMail.MapGet("/", SentMailPages.ListMessages);
        sentMail.MapGet("/{fileName}", SentMailPages.ShowMessage);
        sentMail.MapGet("/{fileName}/raw", SentMailPages.DownloadMessage);
        sentMail.MapGet("/{fileName}/html", SentMailPages.ShowHtmlPart);
        return app;
    }

    /// <summary>Every message from the configured sender, keeping the team's name.</summary>
    private sealed class ConfiguredSender(IMailSender inner, string from) : IMailSender
    {
        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken) =>
            inner.SendAsync(mail with { From = mail.From with { Email = from } }, cancellationToken);
    }
}
