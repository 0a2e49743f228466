using System.Globalization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Graph;

namespace ScrutinyWorkflow.Web.Officers;

/// <summary>
/// The officer directory in the council's Entra ID, read through Microsoft Graph as the app (application
/// permissions): a user by UPN or mail address gives their display name, job title and mail; their manager is whom
/// escalations go to; their mailbox's automatic replies say who is away. Answers are kept for
/// <c>Scrutiny:Graph:CacheFor</c> (minutes), so a review's lookups do not each go to Graph, and a change in Entra ID
/// shows within minutes.
/// </summary>
public sealed class GraphOfficerDirectory(GraphServiceClient graph, IMemoryCache cache, IOptions<GraphOptions> options, ILogger<GraphOfficerDirectory> logger) : IOfficerDirectory
{
    private static readonly string[] UserFields = ["id", "displayName", "jobTitle", "mail", "userPrincipalName"];

    private readonly TimeSpan cacheFor = options.Value.CacheFor;

    public Task<Officer?> FindAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var address = Officer.NormaliseEmail(email);
        return CachedAsync($"officer:{address}", () => LookUpAsync(address, cancellationToken));
    }

    public Task<AutomaticReplies?> FindAutomaticRepliesAsync(string email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var address = Officer.NormaliseEmail(email);
        return CachedAsync($"away:{address}", async () =>
        {
            if (await UserAsync(address, cancellationToken) is not { Id: { } id })
            {
                return null;
            }
            var settings = await graph.Users[id].MailboxSettings.GetAsync(cancellationToken: cancellationToken);
            return Away(settings?.AutomaticRepliesSetting);
        });
    }

    public async Task<IReadOnlyList<Officer>> SearchAsync(string text, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        // $search takes words in quotes; a quote or backslash in the text would end the phrase early.
        var words = new string([.. text.Trim().Where(c => c is not ('"' or '\\'))]);
        if (words.Length == 0 || limit <= 0)
        {
            return [];
        }
        var page = await graph.Users.GetAsync(request =>
        {
            request.QueryParameters.Search = $"\"displayName:{words}\" OR \"mail:{words}\"";
            request.QueryParameters.Select = UserFields;
            request.QueryParameters.Top = Math.Min(limit, 100);
            request.Headers.Add("ConsistencyLevel", "eventual");
        }, cancellationToken);
        List<Officer> found = [];
        if (page is null)
        {
            return found;
        }
        var pages = PageIterator<User, UserCollectionResponse>.CreatePageIterator(graph, page, user =>
        {
            if (ToOfficer(user, managerEmail: null) is { } officer)
            {
                found.Add(officer);
            }
            return found.Count < limit;
        }, request =>
        {
            request.Headers.Add("ConsistencyLevel", "eventual");
            return request;
        });
        await pages.IterateAsync(cancellationToken);
        return found;
    }

    private async Task<Officer?> LookUpAsync(string address, CancellationToken cancellationToken)
    {
        if (await UserAsync(address, cancellationToken) is not { Id: { } id } user)
        {
            logger.LogInformation("Entra ID has no user with the address {Email}.", address);
            return null;
        }
        string? managerEmail = null;
        try
        {
            var manager = await graph.Users[id].Manager.GetAsync(cancellationToken: cancellationToken) as User;
            managerEmail = manager?.Mail ?? manager?.UserPrincipalName;
        }
        catch (ODataError e) when (e.ResponseStatusCode == 404)
        {
            // No manager: escalations go to the scrutiny team.
        }
        return ToOfficer(user, managerEmail is { Length: > 0 } ? managerEmail : null);
    }

    /// <summary>A user by UPN (which is also the id path Graph takes); failing that, by their mail address.</summary>
    private async Task<User?> UserAsync(string address, CancellationToken cancellationToken)
    {
        try
        {
            return await graph.Users[address].GetAsync(request => request.QueryParameters.Select = UserFields, cancellationToken);
        }
        catch (ODataError e) when (e.ResponseStatusCode == 404)
        {
            var matches = await graph.Users.GetAsync(request =>
            {
                request.QueryParameters.Filter = $"mail eq '{address.Replace("'", "''", StringComparison.Ordinal)}'";
                request.QueryParameters.Select = UserFields;
            }, cancellationToken);
            return matches?.Value?.FirstOrDefault();
        }
    }

    private static Officer? ToOfficer(User user, string? managerEmail)
    {
        if ((user.Mail is { Length: > 0 } mail ? mail : user.UserPrincipalName) is not { } email || !Core.Reviews.EmailAddress.IsValid(Officer.NormaliseEmail(email)))
        {
            return null;
        }
        var name = user.DisplayName is { Length: > 0 } displayName ? displayName : email;
        // A blank job title would leave the statement's Designation column empty; say so instead.
        var designation = user.JobTitle is { Length: > 0 } title ? title : "Job title not set in the directory";
        return new Officer(email, Clean(name), Clean(designation), managerEmail).Normalised();
    }

    // A line break in a name or title would break the statement table and every mail header it reaches.
    private static string Clean(string text) => new([.. text.Trim().Select(c => char.IsControl(c) ? ' ' : c)]);

    private static AutomaticReplies? Away(AutomaticRepliesSetting? setting) => setting?.Status switch
    {
        AutomaticRepliesStatus.AlwaysEnabled => new AutomaticReplies(null, null),
        AutomaticRepliesStatus.Scheduled => new AutomaticReplies(Time(setting.ScheduledStartDateTime), Time(setting.ScheduledEndDateTime)),
        _ => null,
    };

    /// <summary>Graph's dateTimeTimeZone: a local date and time and the zone it is in (UTC for these settings, or a Windows or IANA zone).</summary>
    private static DateTimeOffset? Time(DateTimeTimeZone? value)
    {
        if (value?.DateTime is not { } text || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }
        var zone = value.TimeZone is { Length: > 0 } name && !name.Equals("UTC", StringComparison.OrdinalIgnoreCase) && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var found) ? found : TimeZoneInfo.Utc;
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    private async Task<T?> CachedAsync<T>(string key, Func<Task<T?>> lookUp)
    {
        if (cache.TryGetValue(key, out T? known))
        {
            return known;
        }
        var value = await lookUp();
        // "Not found" is kept as well, for the same few minutes: a draft naming someone new is checked again soon.
        cache.Set(key, value, cacheFor);
        return value;
    }
}
