using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Tests.Shared;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Tests.Mail;

/// <summary>
/// The record of what a mail service accepted: the data folder's on one machine, an Azure Table (on Azurite here)
/// shared by every Durable host, so a message one host sent is never sent again by another.
/// </summary>
public sealed class SentMailRecordTests : IAsyncLifetime
{
    private readonly TemporaryFolder folder = new();
    private Azurite? azurite;

    public async Task InitializeAsync() => azurite = await Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        await azurite!.DisposeAsync();
        folder.Dispose();
    }

    private ISentMailRecord Record(string kind) => kind == "table"
        ? new TableSentMailRecord(new TableServiceClient(azurite!.ConnectionString))
        : new FolderSentMailRecord(folder.Path);

    [Theory]
    [InlineData("folder")]
    [InlineData("table")]
    public async Task A_recorded_id_is_known_to_every_instance_and_ids_differing_only_in_awkward_characters_stay_apart(string kind)
    {
        var first = Record(kind);
        var second = Record(kind);
        const string Id = "rv-1.5.2/undeliverable";

        Assert.False(await first.HasAsync(Id, CancellationToken.None));
        await first.RecordAsync(Id, CancellationToken.None);
        await second.RecordAsync(Id, CancellationToken.None);

        Assert.True(await second.HasAsync(Id, CancellationToken.None));
        Assert.False(await second.HasAsync("rv-1.5.2", CancellationToken.None));
        Assert.False(await second.HasAsync("rv-1.5.2?undeliverable", CancellationToken.None));
    }

    [Fact]
    public async Task Two_hosts_sharing_the_table_send_a_message_once_between_them()
    {
        var service = new CountingSender();
        var hostA = new OnceOnlyMailSender(service, Record("table"));
        var hostB = new OnceOnlyMailSender(service, Record("table"));
        var mail = new OutgoingMail("rv-2.3.1", new MailAddress("scrutiny@council.example"), [new MailAddress("tom.okafor@council.example")], [], "Subject", "Text", "<p>Html</p>", DateTimeOffset.UnixEpoch);

        await hostA.SendAsync(mail, CancellationToken.None);
        await hostB.SendAsync(mail, CancellationToken.None);
        await hostB.SendAsync(mail with { MessageId = "rv-2.3.2" }, CancellationToken.None);

        Assert.Equal(["rv-2.3.1", "rv-2.3.2"], service.Sent);
    }

    [Fact]
    public async Task Two_instances_registered_as_the_durable_runtime_is_deliver_a_message_to_sendgrid_once_between_them()
    {
        await using var sendGrid = await FakeSendGrid.StartAsync();
        var settings = new Dictionary<string, string?>(sendGrid.Settings())
        {
            ["Scrutiny:Runtime"] = "Durable",
            ["Scrutiny:Storage:ConnectionString"] = azurite!.ConnectionString,
            ["Scrutiny:TeamEmail"] = "scrutiny@council.example",
        };
        // Two instances of the app, each with its own data folder, as two Functions instances have.
        using var folderA = new TemporaryFolder();
        using var folderB = new TemporaryFolder();
        await using var instanceA = MailServices.Build(folderA.Path, settings);
        await using var instanceB = MailServices.Build(folderB.Path, settings);
        var mail = new OutgoingMail("rv-7.4.1", new MailAddress("scrutiny@council.example"), [new MailAddress("tom.okafor@council.example")], [], "Subject", "Text", "<p>Html</p>", DateTimeOffset.UnixEpoch);

        await instanceA.GetRequiredService<IMailSender>().SendAsync(mail, CancellationToken.None);
        await instanceB.GetRequiredService<IMailSender>().SendAsync(mail, CancellationToken.None);

        Assert.Single(sendGrid.Requests);
    }

    [Theory]
    [InlineData("Scrutiny:Storage:AccountName", "stscrutiny")]
    [InlineData("Scrutiny:Storage:ConnectionString", "UseDevelopmentStorage=true")]
    public void On_the_durable_runtime_the_sent_once_record_is_the_accounts_table_however_the_account_is_reached(string key, string value)
    {
        // In Azure only the account's name is set, reached with the app's identity: it is shared all the same.
        using var data = new TemporaryFolder();
        using var services = MailServices.Build(data.Path, new Dictionary<string, string?> { ["Scrutiny:Runtime"] = "Durable", [key] = value });

        Assert.IsType<TableSentMailRecord>(services.GetRequiredService<ISentMailRecord>());
    }

    private sealed class CountingSender : IMailSender
    {
        public List<string> Sent { get; } = [];

        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            Sent.Add(mail.MessageId);
            return Task.CompletedTask;
        }
    }
}
