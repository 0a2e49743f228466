using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Pages;

namespace ScrutinyWorkflow.Web.Links;

/// <summary>What a refused response link answers, when it is more than "not recognised".</summary>
public static class LinkRefusals
{
    /// <summary>
    /// For a link whose key has been retired, the page saying it was withdrawn and how to get a new one (410 Gone), and
    /// a log line naming the key and review (never the token); null for any other refused link.
    /// </summary>
    public static async Task<IResult?> WithdrawnPageAsync(string token, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices;
        if (await services.GetRequiredService<ResponseLinks>().CheckAsync(token, services.GetRequiredService<ILinkIndex>(), cancellationToken) is not LinkWithdrawn withdrawn)
        {
            return null;
        }
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LinkRefusals)).LogInformation(
            "A response link signed with retired link key {KeyId} was refused as withdrawn (review {ReviewId}).", withdrawn.KeyId, withdrawn.Target.ReviewId);
        var team = services.GetRequiredService<IOptions<ScrutinyOptions>>().Value;
        return PagesRegistration.Show<LinkWithdrawnPage>(new { team.TeamName, team.TeamEmail }, StatusCodes.Status410Gone);
    }
}
