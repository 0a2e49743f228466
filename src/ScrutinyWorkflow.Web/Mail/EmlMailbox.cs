namespace ScrutinyWorkflow.Web.Mail;

/// <summary>Reads the messages an <see cref="EmlMailSender"/> wrote into a folder.</summary>
public sealed class EmlMailbox(string folder)
{
    /// <summary>
    /// Every message in the folder, newest first. Files being written, and files that cannot be read or parsed,
    /// are left out rather than failing the whole list: one bad file must not hide the others.
    /// </summary>
    public IReadOnlyList<EmlMessage> List()
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }
        List<EmlMessage> messages = [];
        foreach (var path in Directory.EnumerateFiles(folder, "*" + EmlFolder.Extension))
        {
            var fileName = Path.GetFileName(path);
            if (EmlFolder.IsMessageFileName(fileName) && TryRead(path, fileName) is { } message)
            {
                messages.Add(message);
            }
        }
        return
        [
            .. messages
                .OrderByDescending(message => message.Date)
                .ThenBy(message => message.FileName, StringComparer.Ordinal),
        ];
    }

    /// <summary>
    /// The message in this file, or null when there is none, it cannot be read, or the name is not a plain
    /// ".eml" file name in this folder (so a name taken from a URL can never reach another file).
    /// </summary>
    public EmlMessage? Find(string fileName) =>
        PathOf(fileName) is { } path ? TryRead(path, fileName) : null;

    /// <summary>The message file's bytes exactly as written, or null on the same terms as <see cref="Find"/>.</summary>
    public byte[]? ReadRaw(string fileName)
    {
        if (PathOf(fileName) is not { } path)
        {
            return null;
        }
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private string? PathOf(string fileName)
    {
        if (!EmlFolder.IsMessageFileName(fileName))
        {
            return null;
        }
        var root = Path.GetFullPath(folder);
        var path = Path.GetFullPath(Path.Combine(root, fileName));
        // The name check already rules out separators; this is the second lock on the same door.
        return Path.GetDirectoryName(path) == Path.TrimEndingDirectorySeparator(root) && File.Exists(path) ? path : null;
    }

    private static EmlMessage? TryRead(string path, string fileName)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return EmlMessage.Read(fileName, stream);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
