using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Mail;

/// <summary>
/// Delivers mail into a local folder, one RFC 5322 <c>.eml</c> file per message, for running on one machine with
/// no mail server: the files open in any mail client and the app lists them at <c>/mail</c>.
/// </summary>
/// <remarks>
/// Idempotent per message id: the file name comes from the id, and a message whose file exists is not written
/// again. Each message is written to a temporary file and then moved into place without overwriting, so a crash
/// never leaves half a message and two senders racing with one id leave exactly one file. A message is on disk when
/// SendAsync returns; messages sent at the same time share one flush to disk (<see cref="JournalledFolder"/>), and a
/// sender made on the folder after a crash first puts back any message a flush kept that the disk had not yet written.
/// </remarks>
public sealed class EmlMailSender(string folder) : IMailSender, IDisposable
{
    private readonly JournalledFolder files = new(folder);

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        // Render first: a mail that cannot be written is an error on every attempt, not only the first.
        var bytes = Render(mail, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();

        // An existing file is this message already sent: it stands, and nothing is written again.
        await files.WriteAsync(EmlFolder.FileNameFor(mail.MessageId), bytes, cancellationToken);
    }

    public void Dispose() => files.Dispose();

    private static byte[] Render(OutgoingMail mail, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using var message = MimeComposer.Compose(mail);
        message.WriteTo(MimeComposer.FileFormat, buffer, cancellationToken);
        return buffer.ToArray();
    }
}
