using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace ScrutinyWorkflow.Web.Pages;

/// <summary>Text a person typed into a form that was refused, shown back so it is not lost.</summary>
public sealed record KeptText(string Label, string? Text);

/// <summary>
/// Every form of this service carries the antiforgery token its page gave out, and the framework checks it: the
/// antiforgery middleware (<c>UseScrutinyForms</c>) validates each POST of an endpoint that asks for it. Our handlers
/// read their forms themselves rather than binding them, so the framework cannot tell they take forms; these say so.
/// </summary>
public static class FormTokens
{
    /// <summary>
    /// Has the framework check the token of every POST to these endpoints, and answers a failed check with
    /// <paramref name="refused"/> before the handler runs, so nothing is changed. The framework reads the form to find
    /// the token; when it could not read it at all (too large, too many fields, a control character, too slow),
    /// <paramref name="refused"/> is given the reader's error, so the page can say what was wrong rather than that the
    /// form expired. Once the check has failed the framework lets nobody read the form, the handler included.
    /// </summary>
    public static TBuilder RequireFormToken<TBuilder>(this TBuilder builder, Func<HttpContext, Exception?, Task<IResult>> refused)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(refused);
        builder.WithMetadata(new RequireAntiforgeryTokenAttribute());
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } failed
                ? await refused(context.HttpContext, failed.Error?.InnerException is InvalidDataException or IOException ? failed.Error.InnerException : null)
                : await next(context));
        return builder;
    }

    /// <summary>
    /// Raises the request body limit for a form carrying a file, before the middleware reads the form to find the
    /// token: read under the server's default limits, an upload the service accepts would be refused as too large.
    /// </summary>
    public static TBuilder AcceptsUpTo<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes)).WithFormOptions(multipartBodyLengthLimit: bytes);

    /// <summary>
    /// What a refused form held, as the framework read it looking for the token (empty if it never did), to show the
    /// person their own text back. The framework guards a refused form so that nothing acts on it; this only reads the
    /// fields already parsed, for a page that shows them as text and changes nothing.
    /// </summary>
    public static IFormCollection FormAsRead(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failed = context.Features.Get<IAntiforgeryValidationFeature>();
        context.Features.Set<IAntiforgeryValidationFeature>(null);
        try
        {
            return context.Features.Get<IFormFeature>()?.Form ?? FormCollection.Empty;
        }
        finally
        {
            context.Features.Set(failed);
        }
    }

    private sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
