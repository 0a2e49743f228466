namespace ScrutinyWorkflow.Web.Hosting;

/// <summary>
/// Files that readers must never see half written: the link key, a filed statement, a message in the mail folder.
/// Each is written to a temporary name of its own beside the target and then moved into place, so two writers
/// never write into each other's file and a crash leaves at most a stray temporary file that no reader looks at.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes the file whole. With <paramref name="replace"/> false an existing file wins and is left as it is (the
    /// call returns false), which is what makes a retried write idempotent. With <paramref name="flush"/> false the
    /// bytes may still be only in the page cache when the file appears: for a caller whose own journal already holds
    /// them durably (<see cref="JournalledFolder"/>).
    /// </summary>
    public static bool Write(string path, ReadOnlySpan<byte> content, bool replace, bool flush = true)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        if (!replace && File.Exists(path))
        {
            return false;
        }
        // A leading dot and a .tmp ending: folder readers that list by extension never pick it up.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Small files, written once: plain synchronous I/O keeps this usable from start-up code too.
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                if (flush)
                {
                    // The move below must never publish a file whose bytes are only in the page cache.
                    stream.Flush(flushToDisk: true);
                }
            }
            try
            {
                File.Move(temporary, path, overwrite: replace);
                return true;
            }
            catch (IOException) when (!replace && File.Exists(path))
            {
                // Another writer got there between the check and the move: their copy stands.
                return false;
            }
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stray temporary file is harmless: nothing reads it.
        }
    }
}
