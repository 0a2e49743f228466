namespace ScrutinyWorkflow.Web.Hosting;

/// <summary>Where the embedded runtime keeps its data, resolved against the content root.</summary>
public sealed record DataFolders(string Root)
{
    public string Database => Path.Combine(Root, "scrutiny.db");

    public string MailOutbox => Path.Combine(Root, "outbox");

    public string PanelFolder => Path.Combine(Root, "panel");
}
