using System.Text;
using ScrutinyWorkflow.Web.Statements;

namespace ScrutinyWorkflow.Web.Tests.Statements;

public sealed class FolderStatementFilingTests
{
    private static readonly FilingFolder Release = new("Children and Families Scrutiny Panel", new DateOnly(2027, 1, 20), "rv-1", new DateTimeOffset(2027, 1, 11, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Filing_one_release_twice_leaves_the_first_copy_in_the_release_folder()
    {
        using var folder = new TemporaryFolder();
        var filing = new FolderStatementFiling(folder.Path);

        var first = await filing.FileAsync(Release, new("cover-report.docx", "x", Encoding.UTF8.GetBytes("first")), CancellationToken.None);
        var second = await filing.FileAsync(Release, new("cover-report.docx", "x", Encoding.UTF8.GetBytes("second")), CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(Path.Combine(folder.Path, "children-and-families-scrutiny-panel", "2027-01-20", "rv-1", "release-20270111-100000", "cover-report.docx"), first);
        Assert.Equal("first", await File.ReadAllTextAsync(first));
    }

    [Theory]
    [InlineData("Children & Families", "children-families")]
    [InlineData("Zoë's panel", "zoe-s-panel")]
    [InlineData("../..", "untitled")]
    public void Folder_names_are_plain_letters_digits_and_hyphens(string name, string slug)
    {
        Assert.Equal(slug, FilingFolder.Slug(name));
    }
}
