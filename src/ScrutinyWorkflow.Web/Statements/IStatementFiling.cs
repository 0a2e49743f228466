using System.Globalization;
using System.Text;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Statements;

/// <summary>One document of a release, as filed.</summary>
public sealed record FiledDocument(string FileName, string ContentType, ReadOnlyMemory<byte> Content);

/// <summary>
/// Where a release's documents go: by panel, meeting date and review, then one folder per release, so a later release
/// is a new version beside the first and never replaces it. A version after the first says which it is in its folder's
/// name, so two versions released in the same second still have a folder each.
/// </summary>
public sealed record FilingFolder(string Panel, DateOnly MeetingDate, string ReviewId, DateTimeOffset ReleasedAt, int Version = 1)
{
    public static FilingFolder For(ReviewState review) => new(
        review.Panel!.Name,
        review.MeetingDate,
        review.ReviewId,
        review.ReleasedAt ?? throw new InvalidOperationException($"Review {review.ReviewId} has not been released."),
        Math.Max(review.StatementVersion, 1));

    /// <summary>The folder names, each safe in a path, a blob name and a SharePoint library.</summary>
    public IReadOnlyList<string> Segments =>
    [
        Slug(Panel),
        MeetingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Slug(ReviewId),
        "release-" + ReleasedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + (Version > 1 ? $"-version-{Version}" : ""),
    ];

    public string Path => string.Join('/', Segments);

    /// <summary>Letters and digits kept, every other run of characters one hyphen: "Children &amp; Families" is "children-families".</summary>
    public static string Slug(string text)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().Trim('-');
        return result.Length == 0 ? "untitled" : result;
    }
}

/// <summary>Files a released statement's documents where the panel keeps its papers, and says where each went.</summary>
public interface IStatementFiling
{
    /// <summary>
    /// Files the document in the release's folder. A document already filed there under that name is left as it is:
    /// filing one release twice makes one document. Returns its location (path or URL).
    /// </summary>
    Task<string> FileAsync(FilingFolder folder, FiledDocument document, CancellationToken cancellationToken);
}

/// <summary>The embedded default: a local folder (the data folder's <c>panel</c>), in the release's sub-folders.</summary>
public sealed class FolderStatementFiling(string root) : IStatementFiling
{
    public Task<string> FileAsync(FilingFolder folder, FiledDocument document, CancellationToken cancellationToken)
    {
        if (System.IO.Path.GetFileName(document.FileName) != document.FileName || document.FileName.Length == 0)
        {
            throw new ArgumentException("File names must be plain names.", nameof(document));
        }
        var path = System.IO.Path.Combine([root, .. folder.Segments, document.FileName]);
        // Written whole or not at all; a copy already there is this release's, and stays.
        AtomicFile.Write(path, document.Content.Span, replace: false);
        return Task.FromResult(System.IO.Path.GetFullPath(path));
    }
}
