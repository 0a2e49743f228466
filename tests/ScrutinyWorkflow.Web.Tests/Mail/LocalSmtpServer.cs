using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ScrutinyWorkflow.Web.Tests.Mail;

/// <summary>A message as an SMTP server received it: the envelope and the DATA as sent (dot-stuffing undone).</summary>
internal sealed record SmtpDelivery(string? SignedInAs, string MailFrom, IReadOnlyList<string> RcptTo, string Data);

/// <summary>
/// A small SMTP server (RFC 5321) on a free loopback port: EHLO, AUTH PLAIN, MAIL FROM, RCPT TO, DATA, RSET, QUIT.
/// It answers 550 to a recipient it is told to refuse, and keeps every message it accepts.
/// </summary>
internal sealed class LocalSmtpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();

    public LocalSmtpServer()
    {
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public ConcurrentQueue<SmtpDelivery> Delivered { get; } = new();

    public HashSet<string> Refuses { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>"user:password" the server accepts with AUTH PLAIN.</summary>
    public string? Credentials { get; set; }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 relay.council.example ESMTP ready");
        string? signedInAs = null;
        string? mailFrom = null;
        List<string> rcptTo = [];
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-relay.council.example");
                    await writer.WriteLineAsync("250-8BITMIME");
                    await writer.WriteLineAsync(Credentials is null ? "250 SIZE 35882577" : "250 AUTH PLAIN");
                    break;
                case "AUTH":
                    var plain = Encoding.UTF8.GetString(Convert.FromBase64String(argument.Split(' ')[^1])).Split('\0');
                    if (Credentials == $"{plain[1]}:{plain[2]}")
                    {
                        signedInAs = plain[1];
                        await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                    }
                    else
                    {
                        await writer.WriteLineAsync("535 5.7.8 Authentication credentials invalid");
                    }
                    break;
                case "MAIL":
                    if (Credentials is not null && signedInAs is null)
                    {
                        await writer.WriteLineAsync("530 5.7.0 Authentication required");
                        break;
                    }
                    mailFrom = Address(argument);
                    rcptTo = [];
                    await writer.WriteLineAsync("250 2.1.0 OK");
                    break;
                case "RCPT":
                    var to = Address(argument);
                    if (Refuses.Contains(to))
                    {
                        await writer.WriteLineAsync($"550 5.1.1 <{to}>: Recipient address rejected: User unknown");
                        break;
                    }
                    rcptTo.Add(to);
                    await writer.WriteLineAsync("250 2.1.5 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith('.') ? dataLine[1..] : dataLine).Append("\r\n");
                    }
                    Delivered.Enqueue(new SmtpDelivery(signedInAs, mailFrom ?? "", rcptTo, data.ToString()));
                    await writer.WriteLineAsync("250 2.0.0 Ok: queued");
                    break;
                case "RSET":
                case "NOOP":
                    await writer.WriteLineAsync("250 2.0.0 OK");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 2.0.0 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 5.5.2 Command not recognised");
                    break;
            }
        }
    }

    // "FROM:<a@b> SIZE=123" -> "a@b"
    private static string Address(string argument)
    {
        var start = argument.IndexOf('<', StringComparison.Ordinal);
        var end = argument.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? argument[(start + 1)..end] : "";
    }
}
