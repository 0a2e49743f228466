using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Graph;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// Mail, carried as <c>Scrutiny:Mail:Provider</c> says: a folder of <c>.eml</c> files ("Outbox", the default, shown at
/// <c>/mail</c>), SendGrid, Microsoft Graph from a shared mailbox, GOV.UK Notify, or the council's SMTP relay. Every
/// message goes from <c>Scrutiny:Mail:From</c> (the team's address by default) and is sent once per message id.
/// </summary>
public static class MailRegistration
{
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMail(builder.Configuration);
        return builder;
    }

    public static IServiceCollection AddMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new EmlMailbox(sp.GetRequiredService<DataFolders>().SentMail));

        var provider = configuration.GetSection(MailOptions.Section).Get<MailOptions>()?.Provider ?? "Outbox";
        Func<IServiceProvider, IMailSender> service = provider.ToUpperInvariant() switch
        {
            "SENDGRID" => Remote<SendGridMailSender>(services),
            "NOTIFY" => Remote<NotifyMailSender>(services),
            "GRAPH" => AddGraph(services),
            "SMTP" => sp => ActivatorUtilities.CreateInstance<SmtpMailSender>(sp),
            // An unknown provider is named by the options check at start; until then it writes to the folder.
            _ => sp => new EmlMailSender(sp.GetRequiredService<DataFolders>().SentMail),
        };
        // On the Durable runtime several hosts carry out effects, so what was sent is kept where they all see it.
        var storage = configuration.GetSection(ScrutinyOptions.Section).Get<ScrutinyOptions>();
        services.AddSingleton<ISentMailRecord>(sp => storage is { IsDurable: true, Storage.ConnectionString: { Length: > 0 } account }
            ? new TableSentMailRecord(new Azure.Data.Tables.TableServiceClient(account))
            : new FolderSentMailRecord(sp.GetRequiredService<DataFolders>().DeliveredMail));
        var remote = !provider.Equals("Outbox", StringComparison.OrdinalIgnoreCase) && MailOptions.Providers.Contains(provider, StringComparer.OrdinalIgnoreCase);
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

    /// <summary>Every message from the configured sender, keeping the team's name.</summary>
    private sealed class ConfiguredSender(IMailSender inner, string from) : IMailSender
    {
        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken) =>
            inner.SendAsync(mail with { From = mail.From with { Email = from } }, cancellationToken);
    }
}
