using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.Statements;

/// <summary>The Word appendix, cover report and PDF, served as assembled for checking and as filed after release.</summary>
public sealed class StatementDocumentsApiTests
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static string BodyText(byte[] docx)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(docx), isEditable: false);
        Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document));
        return document.MainDocumentPart!.Document.Body!.InnerText;
    }

    [Fact]
    public async Task The_word_appendix_and_cover_report_are_served_for_checking_before_release_and_as_filed_after()
    {
        await using var world = new TestWorld();
        var app = world.App;
        var client = app.CreateClient();
        var id = await CreateAndDispatchAsync(app);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/reviews/{id}/statement.docx")).StatusCode);
        await SendRequestsAsync(app);
        await FirstAnswersAsync(app);
        await DeadlinePassesAsync(app);

        var appendix = await client.GetAsync($"/api/reviews/{id}/statement.docx");
        Assert.Equal(Docx, appendix.Content.Headers.ContentType!.MediaType);
        var assembled = BodyText(await appendix.Content.ReadAsByteArrayAsync());
        Assert.Contains("Not yet released", assembled, StringComparison.Ordinal);
        Assert.Contains(Q1, assembled, StringComparison.Ordinal);
        Assert.Contains("Service response to the LGSCO focus report", BodyText(await client.GetByteArrayAsync($"/api/reviews/{id}/cover-report.docx")), StringComparison.Ordinal);

        await ReleaseAsync(app, id);

        var filed = (await app.GetReviewAsync(id)).FiledLocation!;
        var released = BodyText(await client.GetByteArrayAsync($"/reviews/{id}/statement.docx"));
        Assert.DoesNotContain("Not yet released", released, StringComparison.Ordinal);
        Assert.Equal(BodyText(await File.ReadAllBytesAsync(filed)), released);
    }

    [Fact]
    public async Task The_appendix_is_served_as_pdf_made_by_libreoffice()
    {
        await using var world = new TestWorld();
        var id = await AssembledAtDeadlineAsync(world.App);

        var pdf = await world.App.CreateClient().GetAsync($"/api/reviews/{id}/statement.pdf");

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Papers_too_large_to_attach_are_linked_from_the_panels_email_instead()
    {
        await using var world = new TestWorld();
        world.Settings["Scrutiny:Statement:MaxAttachmentBytes"] = "0";
        var app = world.App;
        var id = await AssembledAtDeadlineAsync(app);

        await ReleaseAsync(app, id);

        var panelMail = Assert.Single(app.Mailbox.List(), m => m.Subject.StartsWith("Position statement:", StringComparison.Ordinal));
        Assert.Empty(panelMail.AttachmentNames!);
        Assert.Contains($"{ScrutinyApplication.PublicBaseUrl}/reviews/{id}/statement.docx", panelMail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("cover-report.docx", panelMail.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/reviews/{id}/cover-report.docx")).StatusCode);
    }
}
