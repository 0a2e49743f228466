using System.ComponentModel.DataAnnotations;
using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.FocusReports;

/// <summary>The "Scrutiny:FocusReports" section: where newly published focus reports are announced.</summary>
public sealed class FocusReportFeedOptions
{
    public const string Section = "Scrutiny:FocusReports";

    /// <summary>An RSS or Atom feed whose entries link to focus reports (PDF, Word, HTML); none: the daily look is off.</summary>
    public Uri? FeedUrl { get; set; }

    /// <summary>How long the feed, or one report on it, may take to download.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The panel a report that arrives unattended is proposed for (a draft cannot be made without one).</summary>
    public string PanelName { get; set; } = "Overview and Scrutiny Committee";

    /// <summary>That panel's address, where its statement goes.</summary>
    public string? PanelEmail { get; set; }

    /// <summary>
    /// How far ahead the proposed meeting is; the deadline proposed is the last that leaves the agenda's clear days.
    /// The scrutiny officer changes both (and the panel) when she checks the draft.
    /// </summary>
    [Range(2, 52)]
    public int WeeksToMeeting { get; set; } = 8;
}

/// <summary>What one look at the feed did. <see cref="Problem"/> says why the feed itself could not be read.</summary>
public sealed record FeedCheck(IReadOnlyList<DraftOpened> Opened, int AlreadySeen, IReadOnlyList<string> Refused, IReadOnlyList<string> Failed, string? Problem)
{
    public static FeedCheck Unreadable(string problem) => new([], 0, [], [], problem);
}

/// <summary>
/// Once a day: read the Ombudsman's feed, download each report not seen before, open a draft from it and tell the
/// scrutiny team. A report is remembered once it is a draft, or once it proved not to be a report, so neither is
/// looked at again; one that could not be downloaded, or found the readers busy, is tried again next time. The web
/// host runs this on its own schedule, the Functions app on a timer trigger with the same one.
/// </summary>
public sealed class FocusReportFeed(
    HttpClient http, IOptions<FocusReportFeedOptions> options, IOptions<ScrutinyOptions> scrutiny, IFocusReportsSeen seen, FocusReportDrafts drafts, ILogger<FocusReportFeed> logger)
{
    /// <summary>The Functions timer's schedule (NCRONTAB, UTC): 06:00 each day, before the team's working day in GMT and BST.</summary>
    public const string DailySchedule = "0 0 6 * * *";

    /// <summary>The same time for the web host's own schedule.</summary>
    public static readonly TimeOnly DailyAtUtc = new(6, 0);

    /// <summary>A feed of a few hundred entries is well under a megabyte; a larger answer is not a feed.</summary>
    private const long MaxFeedCharacters = 4 * 1024 * 1024;

    public async Task<FeedCheck> CheckAsync(CancellationToken cancellationToken)
    {
        if (options.Value.FeedUrl is not { } feedUrl)
        {
            return FeedCheck.Unreadable("Scrutiny:FocusReports:FeedUrl is not set.");
        }
        SyndicationFeed feed;
        try
        {
            feed = await ReadFeedAsync(feedUrl, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or XmlException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The focus report feed {FeedUrl} could not be read; it is looked at again tomorrow.", feedUrl);
            return FeedCheck.Unreadable($"The feed {feedUrl} could not be read: {ex.Message}");
        }

        List<DraftOpened> opened = [];
        List<string> refused = [], failed = [];
        var alreadySeen = 0;
        foreach (var link in feed.Items.Select(item => ReportLink(item, feedUrl)).OfType<Uri>().Distinct())
        {
            var key = link.AbsoluteUri;
            if (await seen.HasSeenAsync(key, cancellationToken))
            {
                alreadySeen++;
                continue;
            }
            switch (await OpenAsync(link, cancellationToken))
            {
                case DraftOpened draft:
                    await seen.RememberAsync(key, draft.ReviewId, cancellationToken);
                    opened.Add(draft);
                    break;
                case DraftRefused { TryAgain: false } notReport:
                    await seen.RememberAsync(key, notReport.Code, cancellationToken);
                    refused.Add($"{key}: {notReport.Title}");
                    break;
                case DraftRefused again:
                    failed.Add($"{key}: {again.Title}");
                    break;
            }
        }
        return new FeedCheck(opened, alreadySeen, refused, failed, null);
    }

    private async Task<SyndicationFeed> ReadFeedAsync(Uri feedUrl, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.DownloadTimeout);
        using var response = await http.GetAsync(feedUrl, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxFeedCharacters, Async = true };
        using var xml = XmlReader.Create(stream, settings);
        // SyndicationFeed reads synchronously: the whole (bounded) document is buffered first so no thread waits on the network.
        var document = new XmlDocument { XmlResolver = null };
        await Task.Run(() => document.Load(xml), timeout.Token);
        using var reader = new XmlNodeReader(document);
        return SyndicationFeed.Load(reader);
    }

    /// <summary>The report an entry announces: its enclosure when it has one, else its link.</summary>
    private static Uri? ReportLink(SyndicationItem item, Uri feedUrl)
    {
        var link = item.Links.FirstOrDefault(l => l.RelationshipType == "enclosure") ?? item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate");
        return link?.Uri is not { } uri ? null
            : Uri.TryCreate(item.BaseUri ?? feedUrl, uri, out var absolute) && absolute.Scheme is "http" or "https" ? absolute : null;
    }

    private async Task<DraftOutcome> OpenAsync(Uri link, CancellationToken cancellationToken)
    {
        var limit = scrutiny.Value.MaxUploadBytes;
        using var content = new MemoryStream();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.DownloadTimeout);
            using var response = await http.GetAsync(link, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            response.EnsureSuccessStatusCode();
            if (response.Content.Headers.ContentLength > limit)
            {
                return TooLarge(limit);
            }
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            // One byte past the limit is enough to know the report is too large, without holding more.
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, timeout.Token)) > 0)
            {
                if (content.Length + read > limit)
                {
                    return TooLarge(limit);
                }
                content.Write(buffer, 0, read);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "The focus report {Link} could not be downloaded; it is tried again next time.", link);
            return new DraftRefused("download-failed", "The report could not be downloaded.", ex.Message, TryAgain: true);
        }
        content.Position = 0;
        var fileName = Uri.UnescapeDataString(link.Segments[^1]);
        return await drafts.OpenAsync(link.AbsoluteUri, content, fileName, cancellationToken);
    }

    private static DraftRefused TooLarge(long limit) =>
        new("file-too-large", "The file is too large.", $"Reports can be up to {limit / (1024 * 1024.0):0.#} MB.", TryAgain: false);
}
