using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MimeKit;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Tests.Mail;

/// <summary>
/// A message our sender writes reads back the same in other mail tools: Python's <c>email</c> package (through
/// <c>read_back.py</c>) and MimeKit, each checked against what was sent rather than against our own reader.
/// </summary>
public sealed class ReadBackTests : IDisposable
{
    private static readonly OutgoingMail Sent = Mails.Request() with
    {
        From = new MailAddress("scrutiny@council.example", "Équipe de contrôle"),
        To = [new MailAddress("head.of.service@council.example", "Siân Llewellyn"), new MailAddress("data.team@council.example")],
        Cc = [new MailAddress("zoe.fairbrother@council.example", "Zoë Fairbrother"), new MailAddress("owen.price@council.example", "Price, Owen")],
        Subject = "Siân, your answer to “Children in Care” — question 3 📋",
        TextBody = "Dear Siân,\n\nPlease answer “question 3” = the one on placements.\n\n    indented   \nlast line",
        HtmlBody = "<p>Dear Siân,</p>\n<p style=\"color:red\">Please answer “question 3” — 📋</p>\n",
        Date = new DateTimeOffset(2024, 3, 5, 9, 30, 15, TimeSpan.FromHours(1)),
    };

    private const string SentMessageId = "<review-42%2Frequest%2Fhead.of.service@scrutiny-workflow.local>";

    private readonly TemporaryFolder temp = new();

    public void Dispose() => temp.Dispose();

    private async Task<string> SendAsync()
    {
        await new EmlMailSender(temp.Path).SendAsync(Sent, CancellationToken.None);
        return Mails.OnlyFile(temp.Path);
    }

    [Fact]
    public async Task Python_email_reads_the_headers_and_both_parts_as_they_were_sent()
    {
        var path = await SendAsync();

        var (exitCode, output) = await ReadWithPythonAsync(path, Expected(Sent));

        Assert.True(exitCode == 0, output);
        Assert.Equal("same", output.Trim());
    }

    [Fact]
    public async Task The_Python_check_fails_when_a_header_or_a_part_differs()
    {
        var path = await SendAsync();
        var expected = Expected(Sent with { Subject = Sent.Subject.Replace("Siân", "Sian", StringComparison.Ordinal), HtmlBody = "<p>other</p>" });

        var (exitCode, output) = await ReadWithPythonAsync(path, expected);

        Assert.Equal(1, exitCode);
        Assert.Contains("subject: expected", output, StringComparison.Ordinal);
        Assert.Contains("html: expected", output, StringComparison.Ordinal);
        Assert.DoesNotContain("text: expected", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MimeKit_reads_the_headers_and_both_parts_as_they_were_sent()
    {
        using var message = MimeMessage.Load(await SendAsync());

        Assert.Equal(Pairs([Sent.From]), Pairs(message.From));
        Assert.Equal(Pairs(Sent.To), Pairs(message.To));
        Assert.Equal(Pairs(Sent.Cc), Pairs(message.Cc));
        Assert.Equal(Sent.Subject, message.Subject);
        Assert.Equal(Sent.Date, message.Date);
        Assert.Equal(Sent.Date.Offset, message.Date.Offset);
        Assert.Equal(SentMessageId, $"<{message.MessageId}>");
        var body = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], body.Select(part => part.ContentType.MimeType));
        Assert.Equal(Sent.TextBody, Lf(message.TextBody));
        Assert.Equal(Sent.HtmlBody, Lf(message.HtmlBody));
    }

    private static Dictionary<string, object?> Expected(OutgoingMail mail) => new()
    {
        ["content_type"] = "multipart/alternative",
        ["from"] = Pairs([mail.From]),
        ["to"] = Pairs(mail.To),
        ["cc"] = Pairs(mail.Cc),
        ["subject"] = mail.Subject,
        ["date"] = mail.Date.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        ["message_id"] = SentMessageId,
        ["text"] = mail.TextBody,
        ["html"] = mail.HtmlBody,
        ["defects"] = Array.Empty<string>(),
    };

    private static List<string[]> Pairs(IEnumerable<MailAddress> addresses) =>
        [.. addresses.Select(address => new[] { address.Name ?? "", address.Email })];

    private static List<string[]> Pairs(InternetAddressList addresses) =>
        [.. addresses.Mailboxes.Select(mailbox => new[] { mailbox.Name ?? "", mailbox.Address })];

    private static string? Lf(string? text) => text?.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static async Task<(int ExitCode, string Output)> ReadWithPythonAsync(string emlPath, Dictionary<string, object?> expected)
    {
        var start = new ProcessStartInfo("python3")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Mail", "read_back.py"), emlPath },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        // Differences quote non-ASCII text; whatever the machine's locale, it must reach us intact.
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        // The serializer escapes every non-ASCII character, so the script reads the JSON under any locale.
        await python.StandardInput.WriteAsync(JsonSerializer.Serialize(expected));
        python.StandardInput.Close();
        var output = python.StandardOutput.ReadToEndAsync();
        var errors = python.StandardError.ReadToEndAsync();
        // A ceiling for a loaded machine, not an expected time: the script reads a few messages in well under a second.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await python.WaitForExitAsync(timeout.Token);
        return (python.ExitCode, await output + await errors);
    }
}
