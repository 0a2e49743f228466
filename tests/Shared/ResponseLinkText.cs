using System.Text.RegularExpressions;

namespace ScrutinyWorkflow.Tests.Shared;

/// <summary>
/// An officer's response link as it appears in the mail sent to them: signed (<c>keyid.linkid.signature</c>) or, from
/// before link keys, the 43-character hash. Written once, so a change of link format is made in one place for every
/// test, tool and benchmark that follows a link from the mail folder.
/// </summary>
internal static partial class ResponseLinkText
{
    [GeneratedRegex(@"https?://\S+/respond/(?:[a-z0-9]{1,16}\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22}|[A-Za-z0-9_-]{43})")]
    public static partial Regex Pattern();
}
