using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Statements;

/// <summary>Files a compiled statement where the panel keeps its papers, and says where it went.</summary>
public interface IStatementFiling
{
    /// <summary>Files the document; filing the same review and name again replaces it. Returns its location (path or URL).</summary>
    Task<string> FileAsync(string reviewId, string fileName, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}

/// <summary>The embedded default: a local folder, one sub-folder per review.</summary>
public sealed class FolderStatementFiling(string folder) : IStatementFiling
{
    public Task<string> FileAsync(string reviewId, string fileName, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (Path.GetFileName(reviewId) != reviewId || Path.GetFileName(fileName) != fileName)
        {
            throw new ArgumentException("Review ids and file names must be plain names.");
        }
        var path = Path.Combine(folder, reviewId, fileName);
        // The panel's copy is never half written.
        AtomicFile.Write(path, content.Span, replace: true);
        return Task.FromResult(Path.GetFullPath(path));
    }
}
