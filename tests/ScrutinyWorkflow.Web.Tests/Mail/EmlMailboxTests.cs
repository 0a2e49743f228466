using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Tests.Mail;

public sealed class EmlMailboxTests : IDisposable
{
    private readonly TemporaryFolder temp = new();

    public void Dispose() => temp.Dispose();

    private string Folder => temp.Combine("mail");

    private async Task<string> SendAsync(OutgoingMail mail)
    {
        await new EmlMailSender(Folder).SendAsync(mail, CancellationToken.None);
        return EmlMessageFileName(mail.MessageId);
    }

    private string EmlMessageFileName(string messageId) =>
        new EmlMailbox(Folder).List().Single(message => message.MessageId == messageId).FileName;

    [Fact]
    public async Task Lists_messages_newest_first()
    {
        await SendAsync(Mails.Request("middle") with { Date = Mails.Sent });
        await SendAsync(Mails.Request("oldest") with { Date = Mails.Sent.AddDays(-1) });
        // Later in absolute time despite the earlier clock reading: offsets count.
        await SendAsync(Mails.Request("newest") with { Date = new DateTimeOffset(2024, 3, 5, 9, 0, 0, TimeSpan.FromHours(-5)) });

        var ids = new EmlMailbox(Folder).List().Select(message => message.MessageId);

        Assert.Equal(new[] { "newest", "middle", "oldest" }, ids);
    }

    [Fact]
    public async Task Lists_nothing_for_a_folder_that_does_not_exist_yet()
    {
        Assert.Empty(new EmlMailbox(temp.Combine("never-created")).List());
        Assert.Null(new EmlMailbox(temp.Combine("never-created")).Find("anything.eml"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Skips_temporary_unreadable_and_other_files_when_listing()
    {
        await SendAsync(Mails.Request("good"));
        await File.WriteAllTextAsync(Path.Combine(Folder, ".half-written.eml.0123.tmp"), "Message-ID: <x@y>\r\nDate: Tue, 01");
        await File.WriteAllTextAsync(Path.Combine(Folder, "garbage.eml"), "this is not a mail message");
        await File.WriteAllTextAsync(Path.Combine(Folder, "bad-date.eml"), "From: a@b.example\r\nDate: someday\r\n\r\nhello");
        await File.WriteAllTextAsync(Path.Combine(Folder, "notes.txt"), "From: a@b.example\r\nDate: Tue, 01 Dec 2020 09:00:00 +0000\r\n\r\nhi");

        var messages = new EmlMailbox(Folder).List();

        Assert.Equal("good", Assert.Single(messages).MessageId);
    }

    [Fact]
    public async Task Finds_a_message_by_its_file_name()
    {
        var fileName = await SendAsync(Mails.Request());

        var message = new EmlMailbox(Folder).Find(fileName);

        Assert.NotNull(message);
        Assert.Equal(fileName, message.FileName);
        Assert.Equal(Mails.Request().Subject, message.Subject);
    }

    [Fact]
    public async Task Finds_nothing_for_an_unknown_file_name()
    {
        await SendAsync(Mails.Request());

        Assert.Null(new EmlMailbox(Folder).Find("no-such-message-0123456789abcdef0123.eml"));
        Assert.Null(new EmlMailbox(Folder).ReadRaw("no-such-message-0123456789abcdef0123.eml"));
    }

    [Theory]
    [InlineData("../outside.eml")]
    [InlineData("..\\outside.eml")]
    [InlineData("sub/inside.eml")]
    [InlineData("sub\\inside.eml")]
    [InlineData("./sub/../../outside.eml")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData(" outside.eml")]
    [InlineData(".hidden.eml")]
    [InlineData("inside:stream.eml")]
    [InlineData("inside\0.eml")]
    [InlineData("inside.txt")]
    public async Task Rejects_a_name_that_is_not_a_plain_message_file_name_in_the_folder(string name)
    {
        // Real, parseable messages wait at each place a bad name might reach, so only the name check can say no.
        var valid = await File.ReadAllTextAsync(Path.Combine(Folder, await SendAsync(Mails.Request())));
        Directory.CreateDirectory(Path.Combine(Folder, "sub"));
        await File.WriteAllTextAsync(temp.Combine("outside.eml"), valid);
        await File.WriteAllTextAsync(Path.Combine(Folder, "sub", "inside.eml"), valid);
        await File.WriteAllTextAsync(Path.Combine(Folder, ".hidden.eml"), valid);
        await File.WriteAllTextAsync(Path.Combine(Folder, "inside.txt"), valid);

        var mailbox = new EmlMailbox(Folder);

        Assert.Null(mailbox.Find(name));
        Assert.Null(mailbox.ReadRaw(name));
    }

    [Fact]
    public async Task Rejects_an_absolute_path_to_a_real_message()
    {
        var fileName = await SendAsync(Mails.Request());
        var copy = temp.Combine("copy.eml");
        File.Copy(Path.Combine(Folder, fileName), copy);

        Assert.Null(new EmlMailbox(Folder).Find(copy));
        Assert.Null(new EmlMailbox(Folder).Find(Path.GetFullPath(Path.Combine(Folder, fileName))));
    }

    [Fact]
    public async Task Reads_the_raw_file_byte_for_byte()
    {
        var fileName = await SendAsync(Mails.Request());

        var raw = new EmlMailbox(Folder).ReadRaw(fileName);

        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Folder, fileName)), raw);
    }
}
