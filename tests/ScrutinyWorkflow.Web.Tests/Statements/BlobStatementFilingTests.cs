using System.Text;
using Azure.Storage.Blobs;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Statements;

namespace ScrutinyWorkflow.Web.Tests.Statements;

/// <summary>Filing to Azure Blob Storage, against Azurite.</summary>
public sealed class BlobStatementFilingTests : IAsyncLifetime
{
    private Azurite azurite = null!;
    private BlobContainerClient container = null!;

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartAsync();
        container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("statements");
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    [Fact]
    public async Task A_statement_is_filed_under_its_review_and_filing_it_again_replaces_it()
    {
        var filing = new BlobStatementFiling(container);

        var first = await filing.FileAsync("rv-1", "position-statement.html", "text/html", Encoding.UTF8.GetBytes("<p>First</p>"), CancellationToken.None);
        var second = await filing.FileAsync("rv-1", "position-statement.html", "text/html", Encoding.UTF8.GetBytes("<p>Second</p>"), CancellationToken.None);

        Assert.Equal(first, second);
        Assert.EndsWith("/statements/rv-1/position-statement.html", first, StringComparison.Ordinal);
        var blob = container.GetBlobClient("rv-1/position-statement.html");
        Assert.Equal("<p>Second</p>", (await blob.DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal("text/html", (await blob.GetPropertiesAsync()).Value.ContentType);
        Assert.Single(container.GetBlobs());
    }

    [Theory]
    [InlineData("../rv-1", "statement.html")]
    [InlineData("rv-1", "../../secrets.txt")]
    [InlineData("", "statement.html")]
    public async Task Names_that_would_leave_the_review_folder_are_refused(string reviewId, string fileName)
    {
        var filing = new BlobStatementFiling(container);

        await Assert.ThrowsAsync<ArgumentException>(() => filing.FileAsync(reviewId, fileName, "text/html", new byte[] { 1 }, CancellationToken.None));
    }
}
