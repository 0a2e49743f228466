using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Tests.Mail;

/// <summary>Reading messages other mail tools write: the sent-mail folder may hold a file someone dropped in.</summary>
public sealed class EmlMessageTests
{
    private const string ForeignMessage =
        "Return-Path: <bounce@elsewhere.example>\n" +
        "Message-ID:\n <CAF=abc.123@mail.elsewhere.example>\n" +
        "Date: 5 Mar 24 09:30 GMT (a comment)\n" +
        "From: \"O'Brien, Seán\" (Housing) <sean.obrien@council.example>\n" +
        "To: =?iso-8859-1?Q?Zo=EB?=\n  =?iso-8859-1?Q?_Fairbrother?= <zoe.fairbrother@council.example>,\n" +
        "\tdata.team@council.example\n" +
        "Subject: =?utf-8?q?Caf=C3=A9_review?= =?utf-8?b?IOKAlCBkdWU=?=\n" +
        "  tomorrow\n" +
        "MIME-Version: 1.0\n" +
        "Content-Type: multipart/mixed; boundary=outer\n" +
        "\n" +
        "--outer\n" +
        "Content-Type: multipart/alternative; boundary=\"inner; with semicolon\"\n" +
        "\n" +
        "--inner; with semicolon\n" +
        "Content-Type: text/plain; charset=\"UTF-8\"\n" +
        "Content-Transfer-Encoding: base64\n" +
        "\n" +
        "Q2Fmw6kgcmV2aWV3\nCmxpbmUgdHdv\n" +
        "--inner; with semicolon\n" +
        "Content-Type: text/html; charset=utf-8\n" +
        "Content-Transfer-Encoding: 8bit\n" +
        "\n" +
        "<p>Café review</p>\n" +
        "--inner; with semicolon--\n" +
        "--outer\n" +
        "Content-Type: text/plain\n" +
        "Content-Disposition: attachment; filename=notes.txt\n" +
        "\n" +
        "not the body\n" +
        "--outer--\n";

    [Fact]
    public void Reads_folded_headers_and_encoded_words_from_another_mailer()
    {
        var message = EmlMessage.Parse("foreign.eml", ForeignMessage);

        Assert.Equal("CAF=abc.123@mail.elsewhere.example", message.MessageId);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 9, 30, 0, TimeSpan.Zero), message.Date);
        Assert.Equal("O'Brien, Seán <sean.obrien@council.example>", message.From);
        Assert.Equal(new[] { "Zoë Fairbrother <zoe.fairbrother@council.example>", "data.team@council.example" }, message.To);
        Assert.Empty(message.Cc);
        Assert.Equal("Café review — due  tomorrow", message.Subject);
    }

    [Fact]
    public void Reads_the_plain_and_HTML_parts_of_a_nested_multipart_and_ignores_attachments()
    {
        var message = EmlMessage.Parse("foreign.eml", ForeignMessage);

        Assert.Equal("Café review\nline two", message.TextBody);
        Assert.Equal("<p>Café review</p>", message.HtmlBody);
    }

    [Fact]
    public void Reads_a_single_part_plain_text_message()
    {
        var message = EmlMessage.Parse(
            "plain.eml",
            "From: a@council.example\r\nTo: b@council.example\r\nDate: Tue, 01 Dec 2020 09:00:00 -0030\r\nSubject: Hello\r\n\r\nJust text.\r\n");

        Assert.Equal(new DateTimeOffset(2020, 12, 1, 9, 0, 0, TimeSpan.FromMinutes(-30)), message.Date);
        Assert.Equal("Just text.\n", message.TextBody);
        Assert.Equal("", message.HtmlBody);
        Assert.Equal("", message.MessageId);
    }

    [Theory]
    [InlineData("From: a@council.example\r\n\r\nbody", "no Date header")]
    [InlineData("From: a@council.example\r\nDate: 31 Feb 2024 10:00:00 +0000\r\n\r\nbody", "not an RFC 5322 date")]
    [InlineData("Date: Tue, 01 Dec 2020 09:00:00 +0000\r\n\r\nbody", "no From header")]
    public void Refuses_a_message_without_a_readable_date_or_sender(string content, string problem)
    {
        var error = Assert.Throws<FormatException>(() => EmlMessage.Parse("broken.eml", content));

        Assert.Contains("broken.eml", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
