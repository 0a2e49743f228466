using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Documents;

namespace ScrutinyWorkflow.Web.Reviews;

/// <summary>
/// Starts a review from a focus report as the Ombudsman publishes it. The extracted areas and questions become a
/// draft with nobody asked yet: nothing is sent until the scrutiny officer has checked them and dispatched it.
/// </summary>
public static class ReportUploadApi
{
    // Room for the multipart boundaries and the other form fields around the file.
    private const long FormOverheadBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapReportUploadApi(this IEndpointRouteBuilder app)
    {
        // No cookies or sign-in ride on this API, so there is no ambient credential for a forged form to borrow.
        app.MapPost("/api/reviews/from-report", CreateFromReport).DisableAntiforgery().WithTags("Reviews");
        return app;
    }

    private static async Task<Results<Created<ReviewView>, ProblemHttpResult>> CreateFromReport(
        HttpContext context, IOptions<ScrutinyOptions> options, ReviewService reviews, ReviewDecider decider, CouncilClock clock, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxUploadBytes;
        if (context.Request.ContentLength > limit + FormOverheadBytes)
        {
            return TooLarge(limit);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit + FormOverheadBytes;
        }
        if (!context.Request.HasFormContentType)
        {
            return ReviewProblems.Invalid([new("file", "Send the report as multipart/form-data, with the document in a field named 'file'.")]);
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit + FormOverheadBytes }, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (InvalidDataException)
        {
            // The form reader's own limits (body length, header size) say the upload is larger than allowed or malformed.
            return TooLarge(limit);
        }

        var problems = new List<Problem>();
        var file = form.Files.GetFile("file");
        if (file is not { Length: > 0 })
        {
            problems.Add(new("file", "Choose the focus report to upload (PDF, Word .docx, HTML or text)."));
        }
        if (!ReviewRequestParser.TryParseDate(form["meetingDate"], out var meetingDate))
        {
            problems.Add(new("meetingDate", "Give the panel meeting date as yyyy-MM-dd."));
        }
        if (!ReviewRequestParser.TryParseDate(form["deadline"], out var deadline))
        {
            problems.Add(new("deadline", "Give the response deadline as yyyy-MM-dd."));
        }
        var panel = new Panel(form["panelName"].ToString(), form["panelEmail"].ToString());
        if (string.IsNullOrWhiteSpace(panel.Name))
        {
            problems.Add(new("panelName", "Give the name of the scrutiny panel."));
        }
        if (!EmailAddress.IsValid(panel.Email))
        {
            problems.Add(new("panelEmail", "Give the panel's email address (the statement is sent there)."));
        }
        if (problems.Count > 0 || file is null)
        {
            return ReviewProblems.Invalid(problems);
        }
        if (file.Length > limit)
        {
            return TooLarge(limit);
        }

        IngestionOutcome outcome;
        // A bound on the work one upload can cause, whatever a hostile file tries: the readers stop when it runs out.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.IngestionTimeout);
        await using (var content = file.OpenReadStream())
        {
            try
            {
                outcome = ReportIngestion.Ingest(content, file.FileName, IngestionLimits.Default with { MaxUploadBytes = limit }, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return TypedResults.Problem(
                    title: "The report took too long to read.",
                    detail: "Reading this file took longer than a focus report should. Upload the accessible (text) version of the report, or enter the areas and questions by hand.",
                    statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["code"] = "report-took-too-long" });
            }
        }
        if (outcome is IngestionRejected rejected)
        {
            return TypedResults.Problem(title: rejected.Title, detail: rejected.Detail, statusCode: StatusCodes.Status400BadRequest,
                extensions: new Dictionary<string, object?> { ["code"] = rejected.Code });
        }
        var report = ((Ingested)outcome).Report;

        // The officer can supply what the report did not make plain; these form fields win over extraction.
        var title = string.IsNullOrWhiteSpace(form["title"]) ? report.Title : form["title"].ToString().Trim();
        YearMonth? published = YearMonth.TryParse(form["published"], out var given) ? given : report.Published;
        if (string.IsNullOrWhiteSpace(title))
        {
            problems.Add(new("title", "The report's title could not be found: add a 'title' field with it."));
        }
        if (published is null)
        {
            problems.Add(new("published", "The report's publication month could not be found: add a 'published' field as yyyy-MM."));
        }

        var id = ReviewsApi.NewReviewId();
        var areas = report.Areas.Select(a => new AreaInput(a.Heading,
            [.. a.Questions.Select(q => new QuestionInput(q.Text, [], Source: new QuestionSource(q.Source.Page, q.Source.Reason, q.Source.Confidence)))])).ToList();
        var command = new DraftReview(id, new FocusReport(title ?? "", published ?? default), panel, meetingDate, deadline, areas, [], clock.Now);
        if (problems.Count > 0)
        {
            // Report everything at once: what the pure decider says of the rest, without appending anything.
            var more = decider.Decide(command, ReviewState.Initial) is Rejected r ? r.Rejection.Problems.Select(FormField) : [];
            return ReviewProblems.Invalid([.. problems, .. more.Where(p => problems.All(q => q.Field != p.Field))]);
        }

        var handled = await reviews.HandleAsync(id, command, cancellationToken);
        return handled.Decision switch
        {
            Rejected r => r.Rejection.Code == RejectionCodes.Invalid ? ReviewProblems.Invalid(r.Rejection.Problems.Select(FormField)) : ReviewProblems.For(r.Rejection),
            _ => TypedResults.Created($"/api/reviews/{id}", ReviewView.From(handled.State)),
        };
    }

    /// <summary>The decider names fields as the JSON API has them; this form names a few differently.</summary>
    private static Problem FormField(Problem problem) => problem with
    {
        Field = problem.Field switch
        {
            "focusReport.title" => "title",
            "panel.name" => "panelName",
            "panel.email" => "panelEmail",
            var other => other,
        },
    };

    private static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(
            title: "The file is too large.",
            detail: $"Reports can be up to {limit / (1024 * 1024.0):0.#} MB. Upload the accessible (text) version of the report, or enter the questions by hand.",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["code"] = "file-too-large" });
}
