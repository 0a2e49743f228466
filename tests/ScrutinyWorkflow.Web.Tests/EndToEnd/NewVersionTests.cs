using System.Net;
using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.EndToEnd;

/// <summary>After the panel has had the statement, a late answer and a correction make version 2, filed beside version 1 and sent to the panel once.</summary>
public sealed class NewVersionTests
{
    private const string Panel = "panel@council.example";
    private const string Team = "scrutiny@council.example";
    private const string LateAnswer3 = "We commission 42 supported accommodation places; a needs assessment in March will say whether that is enough.";
    private const string Corrected2 = "Every presentation is referred to the MASH within one working day and a joint assessment is completed with housing advice.";

    [Fact]
    public async Task A_late_answer_accepted_after_release_is_released_again_as_version_two_filed_beside_version_one_and_only_the_panel_is_mailed_again()
    {
        await using var world = new TestWorld();
        var app = world.App;
        var client = app.CreateClient();
        var id = await ReleasedAtDeadlineAsync(app);
        var version1 = await app.GetReviewAsync(id);
        Assert.Equal(("completed", 1, 1), (version1.Status, version1.StatementVersion, version1.ReleasedVersion));
        var mailsAtRelease = app.Mailbox.List().Count;

        // Wednesday 13 January: Siân's answer on supported accommodation arrives by email, and Tom's answer needs a correction.
        await app.AtAsync(Uk(2027, 1, 13, 10));
        var q3 = version1.Assignments.Single(a => a.Question == Q3).Id;
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/reviews/{id}/assignments/{q3}/late-answer", new { text = LateAnswer3 })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/reviews/{id}/questions/Q2/correct", new { text = Corrected2 })).StatusCode);
        await app.RunRunnerAsync();
        var version2 = await app.GetReviewAsync(id);
        Assert.Equal(("assembled", 2, 1), (version2.Status, version2.StatementVersion, version2.ReleasedVersion));
        var check = Assert.Single(app.Mailbox.List(), m => m.Subject.EndsWith("version 2 of the position statement is ready for you to check", StringComparison.Ordinal));
        Assert.Contains("Question 3: an answer received after the deadline was added", check.TextBody, StringComparison.Ordinal);
        var draft = await client.GetStringAsync($"/api/reviews/{id}/statement");
        Assert.Contains("Not yet released", draft, StringComparison.Ordinal);
        Assert.Contains("Changes since the last version", draft, StringComparison.Ordinal);

        // A correction to an answer nobody gave is refused and changes nothing.
        var refused = await client.PostAsJsonAsync($"/api/reviews/{id}/questions/Q5/correct", new { text = "Something." });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("no-answer-to-correct", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await app.AtAsync(Uk(2027, 1, 13, 15));
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/reviews/{id}/release", Api.NoBody())).StatusCode);
        await app.RunRunnerAsync();

        var released = await app.GetReviewAsync(id);
        Assert.Equal(("completed", 2, 2), (released.Status, released.StatementVersion, released.ReleasedVersion));

        // Two versions filed, each in its own folder, version 1 as it was.
        var appendices = Directory.GetFiles(Path.Combine(world.DataPath, "panel"), "position-statement.docx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, appendices.Count);
        Assert.EndsWith("release-20270111-100000", Path.GetDirectoryName(appendices[0]), StringComparison.Ordinal);
        Assert.EndsWith("release-20270113-150000-version-2", Path.GetDirectoryName(appendices[1]), StringComparison.Ordinal);
        Assert.Equal(appendices[1], released.FiledLocation);
        var (first, second) = (WordText(appendices[0]), WordText(appendices[1]));
        Assert.DoesNotContain(LateAnswer3, first, StringComparison.Ordinal);
        Assert.Contains(Answer2, first, StringComparison.Ordinal);
        Assert.DoesNotContain("Changes since the last version", first, StringComparison.Ordinal);
        Assert.Contains(LateAnswer3, second, StringComparison.Ordinal);
        Assert.Contains(Corrected2, second, StringComparison.Ordinal);
        Assert.Contains("2, replacing version 1", second, StringComparison.Ordinal);
        Assert.Contains("Question 2: the answer was corrected", second, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(Path.Combine(Path.GetDirectoryName(appendices[1])!, "position-statement.html"));
        Assert.Contains("Question 3: an answer received after the deadline was added", html, StringComparison.Ordinal);

        // The panel mailed twice, the second time saying what changed; since the first release only the team and the panel heard.
        var toPanel = app.Mailbox.List().Where(m => m.To.Any(t => t.Contains(Panel, StringComparison.Ordinal))).ToList();
        Assert.Equal(2, toPanel.Count);
        var notice = Assert.Single(toPanel, m => m.Subject.StartsWith("Position statement (version 2):", StringComparison.Ordinal));
        Assert.Contains("replacing version 1", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("Question 2: the answer was corrected", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("Question 3: an answer received after the deadline was added", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("3 of 8 questions were answered", notice.TextBody, StringComparison.Ordinal);
        var since = app.Mailbox.List().Count - mailsAtRelease;
        Assert.Equal(2, since);
        Assert.All(app.Mailbox.List().Where(m => m.Subject.Contains("version 2", StringComparison.Ordinal)),
            m => Assert.True(m.To.Single().Contains(Team, StringComparison.Ordinal) || m.To.Single().Contains(Panel, StringComparison.Ordinal)));

        // Releasing again changes nothing and mails nobody.
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/reviews/{id}/release", Api.NoBody())).StatusCode);
        await app.AtAsync(Uk(2027, 1, 14, 10));
        Assert.Equal(mailsAtRelease + 2, app.Mailbox.List().Count);
    }

    private static string WordText(string path)
    {
        using var word = WordprocessingDocument.Open(path, isEditable: false);
        return word.MainDocumentPart!.Document.Body!.InnerText;
    }
}
