using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Mail;

public static class MailRegistration
{
    public static WebApplicationBuilder AddEmbeddedMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IMailSender>(sp => new EmlMailSender(sp.GetRequiredService<DataFolders>().MailOutbox));
        builder.Services.AddSingleton(sp => new EmlMailbox(sp.GetRequiredService<DataFolders>().MailOutbox));
        return builder;
    }
}
