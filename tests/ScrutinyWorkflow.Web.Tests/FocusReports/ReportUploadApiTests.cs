using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ScrutinyWorkflow.Testing;
using ScrutinyWorkflow.Web.Tests.EndToEnd;

namespace ScrutinyWorkflow.Web.Tests.FocusReports;

public sealed class ReportUploadApiTests : IAsyncLifetime
{
    private readonly TestWorld world = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await world.DisposeAsync();

    private static string Sample(string name) => Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "reports", name);

    private static MultipartFormDataContent Form(byte[] file, string fileName, Dictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        foreach (var (name, value) in fields ?? new()
        {
            ["panelName"] = "Children and Families Scrutiny Panel",
            ["panelEmail"] = "panel@council.example",
            ["meetingDate"] = "2027-01-20",
            ["deadline"] = "2027-01-08",
        })
        {
            form.Add(new StringContent(value), name);
        }
        return form;
    }

    [Theory]
    [InlineData("children-in-care.pdf")]
    [InlineData("children-out-of-school.docx")]
    [InlineData("adult-social-care-charging.html")]
    public async Task A_published_report_becomes_a_draft_with_its_areas_and_questions_in_order_and_nobody_asked_yet(string sample)
    {
        var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Sample(Path.ChangeExtension(sample, ".expected.json")))).RootElement;

        var response = await (await world.App.UploaderAsync()).PostAsync("/api/reviews/from-report", Form(await File.ReadAllBytesAsync(Sample(sample)), sample));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var review = (await response.Content.ReadFromJsonAsync<Web.Reviews.ReviewView>())!;
        Assert.Equal("draft", review.Status);
        Assert.Equal(expected.GetProperty("title").GetString(), review.FocusReport!.Title);
        Assert.Equal(expected.GetProperty("published").GetString(), review.FocusReport.Published);
        Assert.Equal(
            expected.GetProperty("areas").EnumerateArray().Select(a => a.GetProperty("heading").GetString()),
            review.Areas.Select(a => a.Heading));
        Assert.Equal(
            expected.GetProperty("areas").EnumerateArray().Select(a => a.GetProperty("questions").GetArrayLength()),
            review.Areas.Select(a => a.Questions.Count));
        Assert.All(review.Areas.SelectMany(a => a.Questions), q => Assert.NotNull(q.Source));
        Assert.Empty(review.Assignments);
        await world.App.RunRunnerAsync();
        Assert.Empty(world.App.Mailbox.List());
    }

    [Fact]
    public async Task A_draft_from_a_report_is_sent_only_after_the_scrutiny_officer_names_who_answers()
    {
        var created = await (await world.App.UploaderAsync()).PostAsync("/api/reviews/from-report",
            Form(await File.ReadAllBytesAsync(Sample("children-in-care.pdf")), "children-in-care.pdf"));
        var review = (await created.Content.ReadFromJsonAsync<Web.Reviews.ReviewView>())!;
        var client = world.App.CreateClient();

        var early = await client.PostAsync($"/api/reviews/{review.Id}/dispatch", Api.NoBody());
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);

        var routed = new
        {
            areas = review.Areas.Select(a => new
            {
                heading = a.Heading,
                questions = a.Questions.Select(q => new { id = q.Id, text = q.Text, officers = new[] { AssuranceReviewScenario.Tom } }),
            }),
        };
        var edited = await client.PutAsJsonAsync($"/api/reviews/{review.Id}/questions", routed);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.All((await edited.Content.ReadFromJsonAsync<Web.Reviews.ReviewView>())!.Areas.SelectMany(a => a.Questions), q => Assert.NotNull(q.Source));

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/api/reviews/{review.Id}/dispatch", Api.NoBody())).StatusCode);
        await world.App.RunRunnerAsync();
        var request = Assert.Single(world.App.Mailbox.List());
        Assert.Contains($"{review.Areas.Sum(a => a.Questions.Count)} questions for you", request.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_file_is_a_400_saying_what_to_do_and_leaves_no_draft()
    {
        var pdf = await File.ReadAllBytesAsync(Sample("children-in-care.pdf"));

        var response = await (await world.App.UploaderAsync()).PostAsync("/api/reviews/from-report", Form(pdf[..(pdf.Length / 3)], "children-in-care.pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Empty((await world.App.CreateClient().GetFromJsonAsync<Web.Reviews.ReviewListView>("/api/reviews"))!.Reviews);
    }

    [Fact]
    public async Task A_web_page_far_larger_than_any_focus_report_is_refused_unparsed_saying_how_to_save_it_and_leaves_no_draft()
    {
        // The sample report's page, its body padded past 5 MB: under the upload limit, over the web page limit.
        var sample = await File.ReadAllTextAsync(Sample("adult-social-care-charging.html"));
        var end = sample.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        var padding = string.Concat(Enumerable.Repeat("<p>An appendix paragraph, set out at length as published.</p>\n", 6 * 1024 * 1024 / 60));
        var page = System.Text.Encoding.UTF8.GetBytes(sample[..end] + padding + sample[end..]);

        var response = await (await world.App.UploaderAsync()).PostAsync("/api/reviews/from-report", Form(page, "saved-page.html"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("web-page-too-large", problem.GetProperty("code").GetString());
        Assert.Contains("HTML only", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await world.App.CreateClient().GetFromJsonAsync<Web.Reviews.ReviewListView>("/api/reviews"))!.Reviews);
        // The same page cut to the report itself is read.
        Assert.Equal(HttpStatusCode.Created, (await (await world.App.UploaderAsync()).PostAsync("/api/reviews/from-report", Form(System.Text.Encoding.UTF8.GetBytes(sample), "saved-page.html"))).StatusCode);
    }

    [Fact]
    public async Task A_file_over_the_upload_limit_is_refused_and_the_service_keeps_running()
    {
        await using var small = world.App.WithWebHostBuilder(b => b.UseSetting("Scrutiny:MaxUploadBytes", "4096"));
        var client = await small.UploaderAsync();

        var response = await client.PostAsync("/api/reviews/from-report", Form(new byte[64 * 1024], "big.pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("file-too-large", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/reviews")).StatusCode);
    }

    [Fact]
    public async Task An_upload_without_a_multipart_boundary_is_named_as_unreadable_not_as_too_large()
    {
        using var body = new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--x--\r\n"u8.ToArray());
        body.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");

        var response = await (await world.App.UploaderAsync()).PostAsync("/api/reviews/from-report", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("upload-unreadable", problem.GetProperty("code").GetString());
        Assert.Contains("boundary", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_of_ten_thousand_parts_is_named_as_too_many_parts_not_as_too_large()
    {
        using var form = Form("%PDF-1.4"u8.ToArray(), "report.pdf");
        for (var i = 0; i < 10_000; i++)
        {
            form.Add(new StringContent("x"), $"field{i}");
        }

        var response = await (await world.App.UploaderAsync()).PostAsync("/api/reviews/from-report", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("too-many-parts", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Missing_form_fields_are_each_named()
    {
        var response = await (await world.App.UploaderAsync()).PostAsync("/api/reviews/from-report",
            Form(await File.ReadAllBytesAsync(Sample("children-in-care.pdf")), "children-in-care.pdf", new() { ["panelName"] = "Panel", ["deadline"] = "soon" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["deadline", "meetingDate", "panelEmail"], errors.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task A_request_that_is_not_a_form_is_a_415_naming_the_form_type()
    {
        var response = await (await world.App.UploaderAsync()).PostAsJsonAsync("/api/reviews/from-report", new { file = "report.pdf" });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unsupported-content-type", problem.GetProperty("code").GetString());
        Assert.Contains("multipart/form-data", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_without_the_antiforgery_token_is_refused_and_leaves_no_draft()
    {
        var response = await world.App.CreateClient().PostAsync("/api/reviews/from-report",
            Form(await File.ReadAllBytesAsync(Sample("children-in-care.pdf")), "children-in-care.pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("antiforgery-token", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Empty((await world.App.CreateClient().GetFromJsonAsync<Web.Reviews.ReviewListView>("/api/reviews"))!.Reviews);
    }

    [Fact]
    public async Task Reading_that_runs_past_the_time_limit_is_refused_and_leaves_no_draft()
    {
        // A limit well under a millisecond has run out before reading starts, whatever the machine is doing.
        await using var hurried = world.App.WithWebHostBuilder(b => b.UseSetting("Scrutiny:IngestionTimeout", "00:00:00.0000001"));
        var client = await hurried.UploaderAsync();

        var response = await client.PostAsync("/api/reviews/from-report", Form(await File.ReadAllBytesAsync(Sample("benchmark-40-pages.pdf")), "benchmark-40-pages.pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("report-took-too-long", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Empty((await client.GetFromJsonAsync<Web.Reviews.ReviewListView>("/api/reviews"))!.Reviews);
    }

    [Fact]
    public async Task An_upload_while_every_reading_slot_is_taken_is_told_to_try_again_and_the_next_one_is_read()
    {
        await using var one = world.App.WithWebHostBuilder(b => b.UseSetting("Scrutiny:MaxConcurrentIngestions", "1"));
        var client = await one.UploaderAsync();
        var readings = one.Services.GetRequiredService<Web.FocusReports.FocusReportReader>().Readings;
        var pdf = await File.ReadAllBytesAsync(Sample("children-in-care.pdf"));

        await readings.WaitAsync();
        var busy = await client.PostAsync("/api/reviews/from-report", Form(pdf, "children-in-care.pdf"));
        readings.Release();
        var after = await client.PostAsync("/api/reviews/from-report", Form(pdf, "children-in-care.pdf"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal("reading-busy", (await busy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    [Fact]
    public async Task A_pdf_decompression_bomb_is_refused_with_its_own_code_and_leaves_no_draft()
    {
        var bomb = HostilePdfs.PdfWithExpandingPage(expandedBytes: 48L * 1024 * 1024);

        var response = await (await world.App.UploaderAsync()).PostAsync("/api/reviews/from-report", Form(bomb, "report.pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("pdf-too-large-expanded", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Empty((await world.App.CreateClient().GetFromJsonAsync<Web.Reviews.ReviewListView>("/api/reviews"))!.Reviews);
    }
}
