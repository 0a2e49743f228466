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
    public async Task<string> FileAsync(string reviewId, string fileName, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (Path.GetFileName(reviewId) != reviewId || Path.GetFileName(fileName) != fileName)
        {
            throw new ArgumentException("Review ids and file names must be plain names.");
        }
        var directory = Path.Combine(folder, reviewId);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        // Write beside, then move over: the panel's copy is never half written.
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await File.WriteAllBytesAsync(temp, content, cancellationToken);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
        return Path.GetFullPath(path);
    }
}
