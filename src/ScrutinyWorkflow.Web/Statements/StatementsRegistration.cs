using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Documents.Statements;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Statements;

public static class StatementsRegistration
{
    /// <summary>
    /// The statement's renderings (HTML, Word, PDF where LibreOffice is installed) and where released statements are
    /// filed, as <c>Scrutiny:Filing:Target</c> says: a local folder (the embedded default), Azure Blob Storage (the
    /// Durable default) or a SharePoint document library through Microsoft Graph.
    /// </summary>
    public static IHostApplicationBuilder AddStatements(this IHostApplicationBuilder builder, DeploymentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        builder.Services.AddOptions<StatementOptions>().BindConfiguration(StatementOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<FilingOptions>().BindConfiguration(FilingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<StatementHtml>();
        builder.Services.AddSingleton<PaperContext>();
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

        if (profile.Filing == FilingTarget.Blob)
        {
            builder.Services.AddSingleton<IStatementFiling>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<FilingOptions>>().Value.Blob;
                // A container of its own when one is named; the runtime's account otherwise, by identity in Azure.
                var account = options.ConnectionString is { Length: > 0 } own ? new BlobServiceClient(own)
                    : profile.Storage.IsNamed ? profile.Storage.Blobs()
                    : throw new OptionsValidationException(FilingOptions.Section, typeof(FilingOptions), ["Scrutiny:Filing:Blob:ConnectionString (or Scrutiny:Storage:ConnectionString or AccountName) must name the storage account to file to Blob Storage."]);
                return new BlobStatementFiling(account.GetBlobContainerClient(options.Container));
            });
        }
        else if (profile.Filing == FilingTarget.SharePoint)
        {
            // Managed identity in Azure, a developer's own sign-in locally; never a secret in settings.
            builder.Services.TryAddSingleton(_ => AppIdentity.Credential());
            builder.Services.AddHttpClient<IStatementFiling, SharePointStatementFiling>();
        }
        else
        {
            builder.Services.AddSingleton<IStatementFiling>(sp => new FolderStatementFiling(sp.GetRequiredService<DataFolders>().PanelFolder));
        }
        return builder;
    }
}
