using System.Text;
using MimeKit;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Tests.Mail;

public sealed class EmlMailSenderTests : IDisposable
{
    private readonly TemporaryFolder temp = new();

    public void Dispose() => temp.Dispose();

    private string Folder => temp.Combine("mail");

    private async Task<(string Raw, EmlMessage Parsed)> SendAndReadAsync(OutgoingMail mail)
    {
        await new EmlMailSender(Folder).SendAsync(mail, CancellationToken.None);
        var path = Mails.OnlyFile(Folder);
        var raw = await File.ReadAllTextAsync(path);
        return (raw, EmlMessage.Parse(Path.GetFileName(path), raw));
    }

    private static string[] HeaderLines(string raw) =>
        raw[..raw.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");

    private static IEnumerable<string> HeaderNames(string raw) =>
        HeaderLines(raw)
            .Where(line => line.Length > 0 && line[0] is not (' ' or '\t'))
            .Select(line => line[..line.IndexOf(':', StringComparison.Ordinal)]);

    [Fact]
    public async Task Round_trips_a_message_with_a_non_ASCII_subject_and_names_both_parts_and_Cc()
    {
        var mail = Mails.Request() with
        {
            From = new MailAddress("scrutiny@council.example", "Équipe de contrôle"),
            To = [new MailAddress("head.of.service@council.example", "Siân Llewellyn"), new MailAddress("data.team@council.example")],
            Cc = [new MailAddress("zoe.fairbrother@council.example", "Zoë Fairbrother"), new MailAddress("owen.price@council.example", "Price, Owen")],
            Subject = "Réponse requise — question 3 “Children in Care” 📋",
            TextBody = "Línea uno\nLine two = 2\n\n    indented   \nlast",
            HtmlBody = "<p>Línea uno</p>\n<p style=\"color:red\">Zoë — 📋</p>",
        };

        var (_, parsed) = await SendAndReadAsync(mail);

        Assert.Equal(mail.MessageId, parsed.MessageId);
        Assert.Equal(mail.Date, parsed.Date);
        Assert.Equal("Équipe de contrôle <scrutiny@council.example>", parsed.From);
        Assert.Equal(new[] { "Siân Llewellyn <head.of.service@council.example>", "data.team@council.example" }, parsed.To);
        Assert.Equal(new[] { "Zoë Fairbrother <zoe.fairbrother@council.example>", "Price, Owen <owen.price@council.example>" }, parsed.Cc);
        Assert.Equal(mail.Subject, parsed.Subject);
        Assert.Equal(mail.TextBody, parsed.TextBody);
        Assert.Equal(mail.HtmlBody, parsed.HtmlBody);
    }

    [Fact]
    public async Task Writes_the_standard_headers_in_RFC_5322_form()
    {
        var mail = Mails.Request("review-42/request/1") with
        {
            Date = new DateTimeOffset(2020, 12, 1, 9, 5, 0, TimeSpan.FromHours(1)),
        };

        var (raw, _) = await SendAndReadAsync(mail);

        var headers = HeaderLines(raw);
        Assert.Contains("Date: Tue, 01 Dec 2020 09:05:00 +0100", headers);
        // Header names are case-insensitive; MimeKit spells this one "Message-Id".
        Assert.Contains(headers, line => line.Equals("Message-ID: <review-42%2Frequest%2F1@scrutiny-workflow.local>", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("From: Scrutiny Team <scrutiny@council.example>", headers);
        Assert.Contains("Subject: Question for you: Children in Care focus report", headers);
        Assert.Contains("MIME-Version: 1.0", headers);
        Assert.DoesNotContain("\r\nCc:", raw, StringComparison.Ordinal);
        Assert.Equal(
            new[] { "Content-Type", "Date", "From", "Message-ID", "MIME-Version", "Subject", "To" },
            HeaderNames(raw).Order(StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Writes_a_multipart_alternative_body_with_a_UTF_8_plain_part_then_an_HTML_part()
    {
        await new EmlMailSender(Folder).SendAsync(Mails.Request(), CancellationToken.None);
        var path = Mails.OnlyFile(Folder);

        using var message = MimeMessage.Load(path);
        var body = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Collection(
            body,
            plain => AssertQuotedPrintableUtf8(plain, "text/plain"),
            html => AssertQuotedPrintableUtf8(html, "text/html"));
        Assert.Contains("\r\nDear Si=C3=A2n,\r\n", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    private static void AssertQuotedPrintableUtf8(MimeEntity entity, string mimeType)
    {
        var part = Assert.IsType<TextPart>(entity);
        Assert.Equal(mimeType, part.ContentType.MimeType);
        Assert.Equal("utf-8", part.ContentType.Charset);
        Assert.Equal(ContentEncoding.QuotedPrintable, part.ContentTransferEncoding);
        Assert.False(part.IsAttachment);
    }

    [Fact]
    public async Task Writes_only_ASCII_with_CRLF_line_ends_and_short_lines_even_for_long_non_ASCII_content()
    {
        var longWord = string.Concat(Enumerable.Repeat("Überschrift", 40));
        var mail = Mails.Request() with
        {
            To = [.. Enumerable.Range(1, 12).Select(i => new MailAddress($"officer{i}@council.example", $"Officer Number {i}, Team {i}"))],
            Subject = "A rather long subject line about the Children in Care focus report " + longWord + " and more words after it",
            TextBody = longWord + "\n" + string.Concat(Enumerable.Repeat("word ", 300)) + "\n" + new string('=', 500),
            HtmlBody = "<p>" + longWord + "</p>",
        };

        await new EmlMailSender(Folder).SendAsync(mail, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(Mails.OnlyFile(Folder));

        Assert.All(bytes, b => Assert.InRange(b, (byte)1, (byte)127));
        var raw = Encoding.ASCII.GetString(bytes);
        Assert.DoesNotContain('\n', raw.Replace("\r\n", "", StringComparison.Ordinal));
        Assert.DoesNotContain('\r', raw.Replace("\r\n", "", StringComparison.Ordinal));
        // 998 is the RFC 5322 limit, and 78 its recommendation. MimeKit keeps the quoted-printable bodies within 78
        // and folds headers near it, though an encoded-word it splits from one long word can run a few characters past.
        var headerEnd = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.All(raw[..headerEnd].Split("\r\n"), line => Assert.True(line.Length <= 998, $"Header line of {line.Length} characters: {line}"));
        Assert.All(raw[(headerEnd + 4)..].Split("\r\n"), line => Assert.True(line.Length <= 78, $"Body line of {line.Length} characters: {line}"));

        var parsed = EmlMessage.Parse("x.eml", raw);
        Assert.Equal(mail.Subject, parsed.Subject);
        Assert.Equal(mail.TextBody, parsed.TextBody);
        Assert.Equal(12, parsed.To.Count);
        Assert.Equal("Officer Number 12, Team 12 <officer12@council.example>", parsed.To[11]);
    }

    [Fact]
    public async Task Quotes_a_display_name_with_a_comma_so_it_stays_one_mailbox()
    {
        var mail = Mails.Request() with { To = [new MailAddress("aisha.rahman@council.example", "Rahman, Aisha \"Director\"")] };

        var (raw, parsed) = await SendAndReadAsync(mail);

        Assert.Contains("\r\nTo: \"Rahman, Aisha \\\"Director\\\"\" <aisha.rahman@council.example>\r\n", raw, StringComparison.Ordinal);
        Assert.Equal(new[] { "Rahman, Aisha \"Director\" <aisha.rahman@council.example>" }, parsed.To);
    }

    [Fact]
    public async Task Encodes_a_non_ASCII_subject_and_name_as_RFC_2047_encoded_words()
    {
        var (raw, parsed) = await SendAndReadAsync(Mails.Request() with { Subject = "Siân" });

        Assert.Matches(@"\r\nSubject: =\?utf-8\?[bBqQ]\?[^?\s]+\?=\r\n", raw);
        Assert.Matches(@"\r\nTo: =\?utf-8\?[bBqQ]\?[^?\s]+\?=( Llewellyn)? <head\.of\.service@council\.example>\r\n", raw);
        Assert.Equal("Siân", parsed.Subject);
        Assert.Equal("Siân Llewellyn <head.of.service@council.example>", Assert.Single(parsed.To));
    }

    [Fact]
    public async Task Encodes_an_ASCII_subject_that_looks_like_an_encoded_word_so_it_reads_back_literally()
    {
        var (raw, parsed) = await SendAndReadAsync(Mails.Request() with { Subject = "Literal =?utf-8?B?SGk=?= text" });

        Assert.DoesNotContain("Subject: Literal", raw, StringComparison.Ordinal);
        Assert.Equal("Literal =?utf-8?B?SGk=?= text", parsed.Subject);
    }

    [Fact]
    public async Task A_line_break_in_the_subject_cannot_add_a_header()
    {
        var (raw, parsed) = await SendAndReadAsync(Mails.Request() with { Subject = "Hi\r\nBcc: evil@x" });

        Assert.DoesNotContain("Bcc", HeaderNames(raw));
        Assert.DoesNotContain("\r\nBcc:", raw, StringComparison.Ordinal);
        Assert.Equal("Hi Bcc: evil@x", parsed.Subject);
    }

    [Theory]
    [InlineData("Siân\r\nBcc: evil@x")]
    [InlineData("Mallory\nBcc: evil@x")]
    [InlineData("Mallory\rBcc: evil@x")]
    [InlineData("Mallory\u0085Bcc: evil@x")]
    public async Task A_line_break_in_a_display_name_cannot_add_a_header(string name)
    {
        var mail = Mails.Request() with { From = new MailAddress("scrutiny@council.example", name) };

        var (raw, parsed) = await SendAndReadAsync(mail);

        Assert.DoesNotContain("Bcc", HeaderNames(raw));
        Assert.Contains("Bcc: evil@x <scrutiny@council.example>", parsed.From, StringComparison.Ordinal);
        Assert.Empty(parsed.Cc);
    }

    [Theory]
    [InlineData("officer@council.example\r\nBcc: evil@x")]
    [InlineData("Officer <officer@council.example>")]
    [InlineData("officer@council.example, evil@x.example")]
    [InlineData("not an address")]
    [InlineData("")]
    public async Task Rejects_an_address_that_cannot_be_written_as_is_and_writes_nothing(string address)
    {
        var mail = Mails.Request() with { Cc = [new MailAddress(address)] };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new EmlMailSender(Folder).SendAsync(mail, CancellationToken.None));

        Assert.Contains("cannot be written into a header", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder) && Directory.EnumerateFileSystemEntries(Folder).Any());
    }

    [Fact]
    public async Task Rejects_a_mail_with_no_recipients()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => new EmlMailSender(Folder).SendAsync(Mails.Request() with { To = [] }, CancellationToken.None));

        Assert.Contains("no recipients", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_the_same_message_id_twice_leaves_one_file_with_the_first_content()
    {
        var sender = new EmlMailSender(Folder);
        await sender.SendAsync(Mails.Request(), CancellationToken.None);
        var path = Mails.OnlyFile(Folder);
        var first = await File.ReadAllBytesAsync(path);

        await sender.SendAsync(Mails.Request() with { Subject = "A retry that rendered differently", Date = Mails.Sent.AddMinutes(5) }, CancellationToken.None);

        Assert.Equal(path, Mails.OnlyFile(Folder));
        Assert.Equal(first, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Different_message_ids_give_different_files()
    {
        var sender = new EmlMailSender(Folder);

        // Ids that differ only in characters the readable part of the file name drops.
        await sender.SendAsync(Mails.Request("review-1/request/a"), CancellationToken.None);
        await sender.SendAsync(Mails.Request("review-1:request:a"), CancellationToken.None);
        await sender.SendAsync(Mails.Request("Review-1/request/a"), CancellationToken.None);

        Assert.Equal(3, Directory.GetFiles(Folder).Length);
    }

    [Fact]
    public async Task Concurrent_sends_of_the_same_message_id_leave_exactly_one_complete_file()
    {
        var senders = Enumerable.Range(0, 8).Select(_ => new EmlMailSender(Folder)).ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var sends = senders
            .Select((sender, i) => Task.Run(async () =>
            {
                await start.Task;
                await sender.SendAsync(Mails.Request() with { Subject = $"Attempt {i}" }, CancellationToken.None);
            }))
            .ToList();
        start.SetResult();
        await Task.WhenAll(sends);

        var path = Mails.OnlyFile(Folder);
        var parsed = EmlMessage.Parse(Path.GetFileName(path), await File.ReadAllTextAsync(path));
        Assert.Matches("^Attempt [0-7]$", parsed.Subject);
        Assert.Equal(Mails.Request().TextBody, parsed.TextBody);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("C:\\Windows\\system32")]
    [InlineData("..")]
    [InlineData("con")]
    [InlineData("ünïcödé id with spaces and a very long tail that goes on and on and on and on and on")]
    [InlineData("<>:\"|?*")]
    public async Task Names_the_file_safely_and_deterministically_whatever_the_message_id(string messageId)
    {
        await new EmlMailSender(Folder).SendAsync(Mails.Request(messageId), CancellationToken.None);

        var fileName = Path.GetFileName(Mails.OnlyFile(Folder));
        Assert.Matches("^[A-Za-z0-9-]{1,70}-[0-9a-f]{20}\\.eml$", fileName);
        using var elsewhere = new TemporaryFolder();
        await new EmlMailSender(elsewhere.Path).SendAsync(Mails.Request(messageId), CancellationToken.None);
        Assert.Equal(fileName, Path.GetFileName(Mails.OnlyFile(elsewhere.Path)));
        Assert.Equal(messageId, new EmlMailbox(Folder).Find(fileName)?.MessageId);
    }

    [Fact]
    public async Task Creates_a_missing_folder_and_leaves_no_temporary_file_behind()
    {
        var nested = temp.Combine("a", "b", "mail");

        await new EmlMailSender(nested).SendAsync(Mails.Request(), CancellationToken.None);

        var only = Mails.OnlyFile(nested);
        Assert.EndsWith(".eml", only, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Does_nothing_when_cancelled_before_writing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new EmlMailSender(Folder).SendAsync(Mails.Request(), cancelled.Token));

        Assert.False(Directory.Exists(Folder) && Directory.EnumerateFileSystemEntries(Folder).Any());
    }

    [Fact]
    public async Task Round_trips_awkward_subjects_names_and_bodies()
    {
        // A fixed seed: the same awkward cases every run, many more than one would write by hand.
        var random = new Random(20240305);
        string[] pool = ["a", "Z", "0", "9", " ", " ", ".", ",", ";", ":", "\"", "'", "\\", "(", ")", "<", ">", "@", "[", "]",
            "=", "?", "=?", "?=", "_", "-", "*", "/", "~", "é", "€", "🦊", "中", "\t", "\r", "\n", "\r\n"];
        string RandomText(int length) =>
            string.Concat(Enumerable.Range(0, length).Select(_ => pool[random.Next(pool.Length)]));
        // Header values are one line with single spaces inside; the writer's job there is to keep them one header.
        string OneLine(string text) =>
            string.Join(' ', text.Replace('\t', ' ').Replace('\r', ' ').Replace('\n', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries));

        for (var i = 0; i < 200; i++)
        {
            var mail = Mails.Request($"fuzz-{i}") with
            {
                To = [new MailAddress("head.of.service@council.example", OneLine(RandomText(random.Next(0, 90))))],
                Subject = OneLine(RandomText(random.Next(0, 200))),
                TextBody = RandomText(random.Next(0, 400)),
                HtmlBody = RandomText(random.Next(0, 400)),
            };
            var raw = await WriteAndReadBackAsync(mail);
            var parsed = EmlMessage.Parse("x.eml", raw);

            var name = mail.To[0].Name!;
            Assert.Equal(name.Length > 0 ? $"{name} <head.of.service@council.example>" : "head.of.service@council.example", parsed.To.Single());
            Assert.Equal(mail.Subject, parsed.Subject);
            Assert.Equal(mail.TextBody.ReplaceLineEndings("\n"), parsed.TextBody);
            Assert.Equal(mail.HtmlBody.ReplaceLineEndings("\n"), parsed.HtmlBody);
        }
    }

    private async Task<string> WriteAndReadBackAsync(OutgoingMail mail)
    {
        var folder = temp.Combine(mail.MessageId);
        await new EmlMailSender(folder).SendAsync(mail, CancellationToken.None);
        return await File.ReadAllTextAsync(Mails.OnlyFile(folder));
    }
}
