namespace ScrutinyWorkflow.Web.Hosting;

/// <summary>
/// The content security policy every response carries, set in one place (<see cref="HostingRegistration"/>): scripts,
/// styles, fonts and images only from this host, nothing inline, forms only to this host, never framed. The pages are
/// built for it: GOV.UK Frontend's script starts from wwwroot/init.js, and our styles are in wwwroot/site.css. A page
/// that needs less may set a stricter one of its own.
/// </summary>
public static class ContentSecurity
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; object-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
}
