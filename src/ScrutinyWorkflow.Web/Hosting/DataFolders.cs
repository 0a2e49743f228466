namespace ScrutinyWorkflow.Web.Hosting;

/// <summary>Where the embedded runtime keeps its data, resolved against the content root.</summary>
public sealed record DataFolders(string Root)
{
    public string Database => Path.Combine(Root, "scrutiny.db");

    public string SentMail => Path.Combine(Root, "mail");

    /// <summary>One small file per message id a mail service has accepted, so a retry is not sent again.</summary>
    public string DeliveredMail => Path.Combine(Root, "delivered-mail");

    public string PanelFolder => Path.Combine(Root, "panel");
}
