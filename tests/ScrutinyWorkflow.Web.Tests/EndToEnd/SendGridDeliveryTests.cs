using System.Text.Json.Nodes;
using ScrutinyWorkflow.Web.Tests.Mail;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.EndToEnd;

/// <summary>A review dispatched through the SendGrid adapter to a local SendGrid that refuses one officer's address.</summary>
public sealed class SendGridDeliveryTests : IAsyncLifetime
{
    private readonly TestWorld world = new();
    private FakeSendGrid sendGrid = null!;

    public async Task InitializeAsync()
    {
        sendGrid = await FakeSendGrid.StartAsync();
        foreach (var (key, value) in sendGrid.Settings())
        {
            world.Settings[key] = value!;
        }
    }

    public async Task DisposeAsync()
    {
        await world.DisposeAsync();
        await sendGrid.DisposeAsync();
    }

    private List<string> Recipients() =>
        [.. sendGrid.Requests.Select(r => (string)JsonNode.Parse(r.Body)!["personalizations"]![0]!["to"]![0]!["email"]!)];

    [Fact]
    public async Task Every_other_officer_is_reached_once_and_the_scrutiny_team_is_told_who_was_refused()
    {
        sendGrid.Refuses.Add(Zoe);
        var id = await CreateAndDispatchAsync(world.App);

        await world.App.AtAsync(Uk(2026, 12, 14, 10, 1));
        await world.App.AtAsync(Uk(2026, 12, 14, 11, 1));
        await world.App.AtAsync(Uk(2026, 12, 14, 13, 1));

        var recipients = Recipients();
        Assert.Equal(1, recipients.Count(r => r == Head));
        Assert.Equal(1, recipients.Count(r => r == Data));
        Assert.Equal(1, recipients.Count(r => r == Tom));
        Assert.Equal(1, recipients.Count(r => r == Zoe));
        var notice = JsonNode.Parse(Assert.Single(sendGrid.Requests, r => Recipient(r) == "scrutiny@council.example").Body)!;
        var text = (string)notice["content"]![0]!["value"]!;
        Assert.Contains("Zoë Fairbrother (zoe.fairbrother@council.example)", text, StringComparison.Ordinal);
        Assert.Contains("Does not contain a valid address", text, StringComparison.Ordinal);
        Assert.Equal(5, sendGrid.Requests.Count);
        Assert.Empty(world.App.Mailbox.List());
        Assert.Equal("open", (await world.App.GetReviewAsync(id)).Status);
    }

    private static string Recipient(ReceivedRequest request) =>
        (string)JsonNode.Parse(request.Body)!["personalizations"]![0]!["to"]![0]!["email"]!;
}
