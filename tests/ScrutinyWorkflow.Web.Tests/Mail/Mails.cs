using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Tests.Mail;

/// <summary>Sample mail for the tests: one realistic request, varied per test with <c>with</c>.</summary>
internal static class Mails
{
    public static readonly DateTimeOffset Sent = new(2024, 3, 5, 9, 30, 15, TimeSpan.Zero);

    public static OutgoingMail Request(string messageId = "review-42/request/head.of.service") => new(
        messageId,
        new MailAddress("scrutiny@council.example", "Scrutiny Team"),
        [new MailAddress("head.of.service@council.example", "Siân Llewellyn")],
        [],
        "Question for you: Children in Care focus report",
        "Dear Siân,\n\nPlease answer question 3 by 19 March 2024.\n\nScrutiny Team\n",
        "<p>Dear Siân,</p>\n<p>Please answer <a href=\"https://app.example/respond/abc\">question 3</a> by 19 March 2024.</p>\n",
        Sent);

    public static string OnlyFile(string folder)
    {
        var files = Directory.GetFiles(folder);
        Assert.Single(files);
        return files[0];
    }
}
