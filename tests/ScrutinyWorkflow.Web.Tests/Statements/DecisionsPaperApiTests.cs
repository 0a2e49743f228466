using System.Net;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Testing;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Statements;

namespace ScrutinyWorkflow.Web.Tests.Statements;

/// <summary>A decisions review's paper at the addresses the position statement has.</summary>
public sealed class DecisionsPaperApiTests
{
    [Fact]
    public async Task The_statement_addresses_give_the_decisions_paper_as_word_and_html_and_no_cover_report()
    {
        // The engine cannot store a decisions review yet (its serializer has no name for DecisionsRecorded), so the
        // reviews are served by a fake of its read port: the addresses, documents and gathering are what is tested.
        var id = Web.Reviews.ReviewsApi.NewReviewId();
        var review = SampleDecisionsPapers.Review() with { ReviewId = id };
        await using var world = new TestWorld();
        world.Services.Add(services => services.AddSingleton<IReviewQueries>(new FakeReviewQueries([review, .. SampleDecisionsPapers.EarlierPapers()])));
        var client = world.App.CreateClient();

        var word = await client.GetAsync($"/api/reviews/{id}/statement.docx");
        Assert.Equal(HttpStatusCode.OK, word.StatusCode);
        Assert.Equal($"{id}-{StatementDocuments.DecisionsFileName}", word.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        using (var document = WordprocessingDocument.Open(new MemoryStream(await word.Content.ReadAsByteArrayAsync()), isEditable: false))
        {
            var text = document.MainDocumentPart!.Document.Body!.InnerText;
            Assert.Contains("Ombudsman decisions: November 2026", text, StringComparison.Ordinal);
            Assert.Contains("25 008 221", text, StringComparison.Ordinal);
            Assert.Contains(SampleDecisionsPapers.OpenRecommendation, text, StringComparison.Ordinal);
        }

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync($"/reviews/{id}/statement"));
        Assert.Equal("Ombudsman decisions: November 2026", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(4, page.QuerySelectorAll("table.decisions tbody tr").Length);
        Assert.Equal(3, page.QuerySelectorAll("table.progress tbody tr").Length);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/reviews/{id}/cover-report.docx")).StatusCode);
    }
}
