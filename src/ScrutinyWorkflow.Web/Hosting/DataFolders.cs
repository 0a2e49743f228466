namespace ScrutinyWorkflow.Web.Hosting;

/// <summary>Where the embedded runtime keeps its data, resolved against the content root.</summary>
public sealed record DataFolders(string Root)
{
    public string Database => Path.Combine(Root, "scrutiny.db");

    public string SentMail => Path.Combine(Root, "mail");

    public string PanelFolder => Path.Combine(Root, "panel");
}
