using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Statements;

public static class StatementsRegistration
{
    public static WebApplicationBuilder AddEmbeddedStatementFiling(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IStatementFiling>(sp => new FolderStatementFiling(sp.GetRequiredService<DataFolders>().PanelFolder));
        return builder;
    }
}
