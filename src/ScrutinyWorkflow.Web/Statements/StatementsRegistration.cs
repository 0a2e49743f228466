using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Documents.Statements;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Statements;

public static class StatementsRegistration
{
    /// <summary>
    /// The statement's renderings (HTML, Word, PDF where LibreOffice is installed) and where released statements are
    /// filed, as <c>Scrutiny:Filing:Target</c> says: a local folder (the embedded default), Azure Blob Storage (the
    /// Durable default) or a SharePoint document library through Microsoft Graph.
    /// </summary>
    public static IHostApplicationBuilder AddStatements(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StatementOptions>().BindConfiguration(StatementOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<FilingOptions>().BindConfiguration(FilingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<StatementHtml>();
        builder.Services.AddSingleton<StatementDocuments>();
        builder.Services.AddSingleton(_ => new LibreOfficePdf());
        builder.Services.AddSingleton<IHostedService>(sp => new StartupCheck(_ =>
        {
            // A template named but missing stops the host now, not the first release weeks later.
            var template = sp.GetRequiredService<IOptions<StatementOptions>>().Value.TemplatePath;
            var path = template is { Length: > 0 } ? Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, template)) : null;
            return path is null || File.Exists(path) ? Task.CompletedTask
                : throw new OptionsValidationException(StatementOptions.Section, typeof(StatementOptions), [$"Scrutiny:Statement:TemplatePath '{template}' does not exist ({path})."]);
        }));

        var settings = builder.Configuration.GetSection(ScrutinyOptions.Section).Get<ScrutinyOptions>() ?? new ScrutinyOptions();
        var filing = builder.Configuration.GetSection(FilingOptions.Section).Get<FilingOptions>() ?? new FilingOptions();
        var target = filing.Target is { Length: > 0 } named ? named : settings.IsDurable ? "Blob" : "Folder";
        if (target.Equals("Blob", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddSingleton<IStatementFiling>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<FilingOptions>>().Value.Blob;
                var connection = options.ConnectionString ?? sp.GetRequiredService<IOptions<ScrutinyOptions>>().Value.Storage.ConnectionString
                    ?? throw new OptionsValidationException(FilingOptions.Section, typeof(FilingOptions), ["Scrutiny:Filing:Blob:ConnectionString (or Scrutiny:Storage:ConnectionString) must name the storage account to file to Blob Storage."]);
                return new BlobStatementFiling(new BlobServiceClient(connection).GetBlobContainerClient(options.Container));
            });
        }
        else if (target.Equals("SharePoint", StringComparison.OrdinalIgnoreCase))
        {
            // Managed identity in Azure, a developer's own sign-in locally; never a secret in settings.
            builder.Services.AddSingleton<Azure.Core.TokenCredential>(_ => new DefaultAzureCredential());
            builder.Services.AddHttpClient<IStatementFiling, SharePointStatementFiling>();
        }
        else
        {
            builder.Services.AddSingleton<IStatementFiling>(sp => new FolderStatementFiling(sp.GetRequiredService<DataFolders>().PanelFolder));
        }
        return builder;
    }
}
