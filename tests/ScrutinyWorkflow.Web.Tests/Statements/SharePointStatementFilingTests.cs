using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Statements;

namespace ScrutinyWorkflow.Web.Tests.Statements;

/// <summary>Filing to a SharePoint document library through Graph, against a local server speaking Graph's wire format.</summary>
public sealed class SharePointStatementFilingTests : IAsyncLifetime
{
    private static readonly FilingFolder Release = new("Children and Families Scrutiny Panel", new DateOnly(2027, 1, 20), "rv-1", new DateTimeOffset(2027, 1, 11, 10, 0, 0, TimeSpan.Zero));
    private const string Item = "Scrutiny/Position statements/children-and-families-scrutiny-panel/2027-01-20/rv-1/release-20270111-100000/position-statement.docx";

    private FakeGraph graph = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        graph = await FakeGraph.StartAsync();
        http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await graph.DisposeAsync();
    }

    private SharePointStatementFiling Filing() => new(http, new FakeTokenCredential(), Options.Create(new FilingOptions
    {
        Target = "SharePoint",
        SharePoint = new SharePointOptions { SiteId = "site-1", DriveId = "drive-1", Folder = "Scrutiny/Position statements", GraphBaseUrl = graph.BaseUrl, ChunkBytes = SharePointOptions.ChunkMultiple },
    }), NullLogger<SharePointStatementFiling>.Instance);

    /// <summary>A document a little over three chunks long, so it goes up in four.</summary>
    private static FiledDocument Document()
    {
        var content = new byte[(3 * SharePointOptions.ChunkMultiple) + 12_345];
        new Random(7).NextBytes(content);
        return new FiledDocument("position-statement.docx", "application/octet-stream", content);
    }

    [Fact]
    public async Task A_statement_goes_up_in_chunks_through_an_upload_session_into_the_configured_folder()
    {
        var document = Document();

        var location = await Filing().FileAsync(Release, document, CancellationToken.None);

        Assert.Equal(document.Content.ToArray(), graph.Files[Item]);
        Assert.Equal($"https://council.sharepoint.example/sites/scrutiny/Shared%20Documents/{Item}", location);
        Assert.Empty(graph.Problems);
    }

    [Fact]
    public async Task A_dropped_chunk_is_resumed_from_where_the_session_got_to()
    {
        graph.DropChunk = 2;
        var document = Document();

        await Filing().FileAsync(Release, document, CancellationToken.None);

        Assert.Equal(1, graph.ResumeQueries);
        Assert.Equal(1, graph.SessionsCreated);
        Assert.Equal(document.Content.ToArray(), graph.Files[Item]);
    }

    [Fact]
    public async Task Filing_one_release_twice_makes_one_document()
    {
        var first = await Filing().FileAsync(Release, Document(), CancellationToken.None);
        var second = await Filing().FileAsync(Release, Document() with { Content = new byte[] { 1, 2, 3 } }, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(1, graph.SessionsCreated);
        Assert.Single(graph.Files);
    }

    [Fact]
    public async Task Version_two_is_filed_beside_version_one_in_the_library_and_both_are_kept()
    {
        var first = Document();
        var second = Document() with { Content = new byte[] { 1, 2, 3 } };

        await Filing().FileAsync(Release, first, CancellationToken.None);
        var location = await Filing().FileAsync(Release with { Version = 2 }, second, CancellationToken.None);

        Assert.EndsWith("/release-20270111-100000-version-2/position-statement.docx", location, StringComparison.Ordinal);
        Assert.Equal(2, graph.Files.Count);
        Assert.Equal(first.Content.ToArray(), graph.Files[Item]);
        Assert.Equal(second.Content.ToArray(), graph.Files[Item.Replace("release-20270111-100000", "release-20270111-100000-version-2", StringComparison.Ordinal)]);
    }
}
