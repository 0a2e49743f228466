using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Responses;
using ScrutinyWorkflow.Web.Reviews;
using ScrutinyWorkflow.Web.Reviews.Runner;
using ScrutinyWorkflow.Web.Reviews.Storage;
using ScrutinyWorkflow.Web.Statements;

namespace ScrutinyWorkflow.Web;

/// <summary>
/// One registration per capability, so Program.cs reads as a contents page. The embedded defaults (SQLite,
/// .eml files, local folders) live here; cloud adapters will register against the same ports.
/// </summary>
public static class ScrutinyRegistration
{
    /// <summary>Where the embedded runtime keeps its data, resolved against the content root.</summary>
    public sealed record DataFolders(string Root)
    {
        public string Database => Path.Combine(Root, "scrutiny.db");
        public string MailOutbox => Path.Combine(Root, "outbox");
        public string PanelFolder => Path.Combine(Root, "panel");
    }

    public static WebApplicationBuilder AddScrutinyOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScrutinyOptions>()
            .BindConfiguration(ScrutinyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new DataFolders(
            Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value.DataPath))));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CouncilClock>();
        return builder;
    }

    public static WebApplicationBuilder AddEmbeddedReviewStore(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<DataFolders>().Database));
        builder.Services.AddSingleton<SqliteReviewStore>();
        builder.Services.AddSingleton<IReviewStore>(sp => sp.GetRequiredService<SqliteReviewStore>());
        builder.Services.AddSingleton<IOutbox>(sp => sp.GetRequiredService<SqliteReviewStore>());
        builder.Services.AddSingleton<ILinkIndex>(sp => sp.GetRequiredService<SqliteReviewStore>());
        builder.Services.AddSingleton<IHostedService>(sp => new StartupCheck(async cancellationToken =>
        {
            // Opening brings the schema up to date, or refuses a file written by a newer version of the product.
            await using var connection = await sp.GetRequiredService<SqliteDatabase>().OpenAsync(cancellationToken);
        }));
        return builder;
    }

    public static WebApplicationBuilder AddEmbeddedMail(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IMailSender>(sp => new EmlMailSender(sp.GetRequiredService<DataFolders>().MailOutbox));
        builder.Services.AddSingleton(sp => new EmlMailbox(sp.GetRequiredService<DataFolders>().MailOutbox));
        return builder;
    }

    public static WebApplicationBuilder AddEmbeddedStatementFiling(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IStatementFiling>(sp => new FolderStatementFiling(sp.GetRequiredService<DataFolders>().PanelFolder));
        return builder;
    }

    public static WebApplicationBuilder AddReviews(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new WorkingCalendar(sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value.ExtraNonWorkingDays));
        builder.Services.AddSingleton(sp => new ReviewDecider(sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value.ToPolicy(), sp.GetRequiredService<WorkingCalendar>()));
        builder.Services.AddSingleton(_ => new ReviewEventSerializer());
        builder.Services.AddSingleton(sp => new ResponseLinks(
            ResponseLinks.LoadOrCreateKey(sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value, sp.GetRequiredService<DataFolders>().Root),
            sp.GetRequiredService<IOptions<ScrutinyOptions>>()));
        builder.Services.AddSingleton<ReviewService>();
        builder.Services.AddSingleton<ReviewMessages>();
        builder.Services.AddSingleton<EffectCarrier>();
        builder.Services.AddSingleton<ReviewRunner>();
        if (builder.Configuration.GetValue($"{ScrutinyOptions.Section}:Runner:Enabled", defaultValue: true))
        {
            builder.Services.AddHostedService<ReviewRunnerService>();
        }
        return builder;
    }

    /// <summary>Headers every response carries. Pages with secrets in their URL add stricter ones of their own.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            await next(context);
        });
        return app;
    }
}
