using Microsoft.Net.Http.Headers;

namespace ScrutinyWorkflow.Web.Reviews;

/// <summary>
/// A review's stream version as an HTTP entity tag: GET gives it out, and a command that sends it back in
/// <c>If-Match</c> is refused with 412 if the review has changed since, instead of being decided again on a
/// state its sender never saw. Scripts that leave the header out are decided on the latest state.
/// </summary>
public static class VersionTags
{
    public static void Set(HttpResponse response, long version) => response.Headers.ETag = new EntityTagHeaderValue($"\"{version}\"").ToString();

    /// <summary>The version the request says it saw: null when it does not say (or says <c>*</c>); false when it says so unreadably.</summary>
    public static bool TryReadExpected(HttpRequest request, out long? expected)
    {
        expected = null;
        var ifMatch = request.GetTypedHeaders().IfMatch;
        if (ifMatch.Count == 0 || (ifMatch.Count == 1 && ifMatch[0].Equals(EntityTagHeaderValue.Any)))
        {
            return true;
        }
        if (ifMatch.Count == 1 && !ifMatch[0].IsWeak
            && long.TryParse(ifMatch[0].Tag.AsSpan().Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            expected = version;
            return true;
        }
        return false;
    }
}
