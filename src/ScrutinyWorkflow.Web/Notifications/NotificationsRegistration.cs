using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Notifications;

public static class NotificationsRegistration
{
    /// <summary>
    /// The messages and their templates: the shipped defaults, or the council's folder (Scrutiny:Mail:TemplatesPath,
    /// relative to the content root). They are read and checked while the host starts, so a mistake in one stops it
    /// naming the file and the placeholder, rather than failing the first time that message is due.
    /// </summary>
    public static IHostApplicationBuilder AddReviewMessages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp =>
        {
            var folder = sp.GetRequiredService<IOptions<MailOptions>>().Value.TemplatesPath;
            return MessageTemplates.Load(string.IsNullOrWhiteSpace(folder) ? null : Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, folder)));
        });
        builder.Services.AddSingleton<MessageHtml>();
        builder.Services.AddSingleton<ReviewMessages>();
        builder.Services.AddSingleton<IHostedService>(sp => new StartupCheck(_ =>
        {
            sp.GetRequiredService<MessageTemplates>();
            return Task.CompletedTask;
        }));
        return builder;
    }
}
