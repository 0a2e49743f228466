using System.Net;

namespace ScrutinyWorkflow.Web.Tests.EndToEnd;

public sealed class SummerTimeTests : IAsyncLifetime
{
    // Monday 15 March 2027, in GMT.
    private readonly TestWorld world = new(new DateTimeOffset(2027, 3, 15, 10, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task The_escalation_after_the_clocks_go_forward_goes_at_nine_british_summer_time_not_nine_gmt()
    {
        // Deadline Wednesday 31 March 2027, three days after British Summer Time starts: 09:00 that day is 08:00 UTC.
        var id = await world.App.CreateReviewAsync(AssuranceReviewScenario.RequestWithDates(new DateOnly(2027, 3, 31), new DateOnly(2027, 4, 14)));
        Assert.Equal(HttpStatusCode.Accepted, (await world.App.CreateClient().PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody())).StatusCode);
        await world.App.AtAsync(new DateTimeOffset(2027, 3, 30, 12, 0, 0, TimeSpan.Zero));

        await world.App.AtAsync(new DateTimeOffset(2027, 3, 31, 7, 59, 0, TimeSpan.Zero));
        Assert.DoesNotContain(world.App.Mailbox.List(), IsEscalation);

        await world.App.AtAsync(new DateTimeOffset(2027, 3, 31, 8, 0, 0, TimeSpan.Zero));
        Assert.Contains(world.App.Mailbox.List(), IsEscalation);
    }

    private static bool IsEscalation(Web.Mail.EmlMessage mail) => mail.TextBody.Contains("has not yet answered", StringComparison.Ordinal);
}
