using System.Text;
using Azure.Storage.Blobs;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Statements;

namespace ScrutinyWorkflow.Web.Tests.Statements;

/// <summary>Filing to Azure Blob Storage, against Azurite.</summary>
public sealed class BlobStatementFilingTests : IAsyncLifetime
{
    private static readonly FilingFolder Release = new("Children & Families Scrutiny Panel", new DateOnly(2027, 1, 20), "rv-1", new DateTimeOffset(2027, 1, 11, 10, 0, 0, TimeSpan.Zero));

    private Azurite azurite = null!;
    private BlobContainerClient container = null!;

    public async Task InitializeAsync()
    {
        azurite = await Azurite.StartAsync();
        container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("exampleshire");
    }

    public async Task DisposeAsync() => await azurite.DisposeAsync();

    private static FiledDocument Document(string text) => new("position-statement.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_statement_is_filed_by_panel_meeting_date_review_and_release_with_its_content_type_and_metadata()
    {
        var location = await new BlobStatementFiling(container).FileAsync(Release, Document("first"), CancellationToken.None);

        Assert.EndsWith("/exampleshire/children-families-scrutiny-panel/2027-01-20/rv-1/release-20270111-100000/position-statement.docx", location, StringComparison.Ordinal);
        var properties = (await container.GetBlobClient(Release.Path + "/position-statement.docx").GetPropertiesAsync()).Value;
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", properties.ContentType);
        Assert.Equal("rv-1", properties.Metadata["review"]);
        Assert.Equal("Children%20%26%20Families%20Scrutiny%20Panel", properties.Metadata["panel"]);
        Assert.Equal("2027-01-20", properties.Metadata["meetingdate"]);
    }

    [Fact]
    public async Task Filing_one_release_twice_makes_one_document_and_never_overwrites_it()
    {
        var filing = new BlobStatementFiling(container);

        var first = await filing.FileAsync(Release, Document("first"), CancellationToken.None);
        var second = await filing.FileAsync(Release, Document("second"), CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Single(container.GetBlobs());
        Assert.Equal("first", (await container.GetBlobClient(Release.Path + "/position-statement.docx").DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task A_later_release_is_a_new_version_beside_the_first()
    {
        var filing = new BlobStatementFiling(container);

        await filing.FileAsync(Release, Document("first"), CancellationToken.None);
        await filing.FileAsync(Release with { ReleasedAt = Release.ReleasedAt.AddDays(2) }, Document("second"), CancellationToken.None);

        Assert.Equal(2, container.GetBlobs().Count());
    }

    [Fact]
    public async Task Version_two_released_in_the_same_second_as_version_one_is_filed_beside_it_and_both_are_kept()
    {
        var filing = new BlobStatementFiling(container);

        await filing.FileAsync(Release, Document("version 1"), CancellationToken.None);
        var second = await filing.FileAsync(Release with { Version = 2 }, Document("version 2"), CancellationToken.None);

        Assert.EndsWith("/rv-1/release-20270111-100000-version-2/position-statement.docx", second, StringComparison.Ordinal);
        Assert.Equal("version 1", (await container.GetBlobClient(Release.Path + "/position-statement.docx").DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal("version 2", (await container.GetBlobClient((Release with { Version = 2 }).Path + "/position-statement.docx").DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task A_file_name_that_would_leave_the_release_folder_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => new BlobStatementFiling(container).FileAsync(Release, Document("x") with { FileName = "../../secrets.txt" }, CancellationToken.None));
    }
}
