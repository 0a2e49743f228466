namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// Delivers mail into a local folder, one RFC 5322 <c>.eml</c> file per message, for running on one machine with
/// no mail server: the files open in any mail client and the app lists them at <c>/mail</c>.
/// </summary>
/// <remarks>
/// Idempotent per message id: the file name comes from the id, and a message whose file exists is not written
/// again. Each message is written to a temporary file and then moved into place without overwriting, so a crash
/// never leaves half a message and two senders racing with one id leave exactly one file.
/// </remarks>
public sealed class EmlMailSender(string folder) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        // Render first: a mail that cannot be written is an error on every attempt, not only the first.
        var bytes = Render(mail, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        Directory.CreateDirectory(folder);
        var fileName = EmlFolder.FileNameFor(mail.MessageId);
        var path = Path.Combine(folder, fileName);
        if (File.Exists(path))
        {
            return;
        }

        var temporaryPath = Path.Combine(folder, EmlFolder.TemporaryFileNameFor(fileName));
        try
        {
            await using (var stream = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                // The move below must never publish a file whose bytes are only in the page cache.
                stream.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temporaryPath, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another sender delivered the same message between our check and our move: that copy stands.
            }
        }
        finally
        {
            TryDelete(temporaryPath);
        }
    }

    private static byte[] Render(OutgoingMail mail, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using var message = MimeComposer.Compose(mail);
        message.WriteTo(MimeComposer.FileFormat, buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary file is harmless: readers skip it and it never becomes a message.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
