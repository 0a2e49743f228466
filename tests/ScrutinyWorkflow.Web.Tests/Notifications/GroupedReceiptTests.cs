using System.Net;
using ScrutinyWorkflow.Web.Mail;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Notifications;

/// <summary>
/// An officer who answers several questions in a few minutes gets one receipt listing every reference, once they have
/// stopped for the product's quiet spell (five minutes), not one email an answer; the page's reference is immediate.
/// </summary>
public sealed class GroupedReceiptTests : IAsyncDisposable
{
    private static readonly string[] Questions = [.. Enumerable.Range(1, 5).Select(n => $"Housing question {n}: how many families were placed out of the borough in month {n}?")];

    private readonly TestWorld world = new();

    public async ValueTask DisposeAsync() => await world.DisposeAsync();

    [Fact]
    public async Task Five_answers_sent_within_four_minutes_get_one_receipt_listing_all_five_references_even_across_a_restart()
    {
        // The product's own wait, not the tests' default of none.
        world.Settings["Scrutiny:ReceiptQuietPeriod"] = "00:05:00";
        var id = await world.App.CreateReviewAsync(new
        {
            focusReport = new { title = "Housing: placing families well", published = "2020-12" },
            panel = new { name = "Children and Families Scrutiny Panel", email = "panel@council.example" },
            meetingDate = "2027-01-20",
            deadline = "2027-01-08",
            areas = new object[] { new { heading = "Placements", questions = Questions.Select(text => new { text, officers = new[] { Head } }).ToArray() } },
        });
        Assert.Equal(HttpStatusCode.Accepted, (await world.App.CreateClient().PostAsync($"/api/reviews/{id}/dispatch", Api.NoBody())).StatusCode);
        await world.App.AtAsync(Uk(2026, 12, 14, 10, 1));
        var link = world.App.LinkFor(Head, Questions[0]);
        var references = new List<string>();

        for (var n = 0; n < 5; n++)
        {
            await world.App.AtAsync(Uk(2026, 12, 16, 11, n));
            var submitted = await world.App.AnswerAsync(link, Questions[n], $"Answer {n + 1}: {n + 3} families.");
            Assert.Equal(HttpStatusCode.SeeOther, submitted.StatusCode);
            // The page gives the reference at once.
            var page = await world.App.Browser().GetStringAsync(submitted.Headers.Location);
            references.Add($"{id.ToUpperInvariant()}-Q{n + 1}-1");
            Assert.Contains(references[^1], page, StringComparison.Ordinal);
        }
        await world.App.AtAsync(Uk(2026, 12, 16, 11, 8));
        Assert.Empty(ReceiptsTo(Head));

        // A host stopped while the receipt waits sends it when its time comes: the wait is in the review's events.
        await world.RestartAsync();
        await world.App.AtAsync(Uk(2026, 12, 16, 11, 9));

        var receipt = Assert.Single(ReceiptsTo(Head));
        Assert.Equal("“Housing” review: your 5 answers were received", receipt.Subject);
        Assert.All(references, reference => Assert.Contains(reference, receipt.TextBody, StringComparison.Ordinal));
        Assert.All(Enumerable.Range(1, 5), n => Assert.Contains($"Answer {n}: {n + 2} families.", receipt.TextBody, StringComparison.Ordinal));
        await world.App.AtAsync(Uk(2026, 12, 16, 12, 0));
        Assert.Single(ReceiptsTo(Head));
    }

    private List<EmlMessage> ReceiptsTo(string email) =>
        [.. world.App.Mailbox.List().Where(m => m.Subject.Contains("was received", StringComparison.Ordinal) || m.Subject.Contains("were received", StringComparison.Ordinal))
            .Where(m => m.To.Single().Contains(email, StringComparison.Ordinal))];
}
