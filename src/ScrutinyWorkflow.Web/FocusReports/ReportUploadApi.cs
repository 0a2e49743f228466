using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Documents;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Pages;
using ScrutinyWorkflow.Web.Reviews;
using ScrutinyWorkflow.Web.Routing;
using ScrutinyWorkflow.Web.SignIn;

namespace ScrutinyWorkflow.Web.FocusReports;

/// <summary>
/// Starts a review from a focus report as the Ombudsman publishes it. The extracted areas and questions become a
/// draft with the officers the routing rules propose and nobody asked yet: nothing is sent until the scrutiny officer
/// has checked them and dispatched it.
/// </summary>
public static class ReportUploadApi
{
    // Room for the multipart boundaries and the other form fields around the file.
    private const long FormOverheadBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapReportUploadApi(this IEndpointRouteBuilder app)
    {
        // A form is the one thing another site can post without asking, so the upload carries an antiforgery token
        // from GET, which the framework checks, reading the form within the upload's own limit.
        var limit = app.ServiceProvider.GetRequiredService<IOptions<ScrutinyOptions>>().Value.MaxUploadBytes + FormOverheadBytes;
        app.MapGet("/api/reviews/from-report", UploadToken).WithTags("Reviews").RequireAuthorization(ScrutinyPolicies.Officer);
        app.MapPost("/api/reviews/from-report", CreateFromReport)
            .RequireAuthorization(ScrutinyPolicies.Officer)
            .RequiresContentType("multipart/form-data")
            .RequireFormToken((_, unreadable) => Task.FromResult<IResult>(unreadable is not null
                ? Unreadable(UnreadableForms.Classify(unreadable), limit - FormOverheadBytes)
                : Problem("antiforgery-token",
                    "The upload's antiforgery token is missing or does not match.",
                    "GET /api/reviews/from-report first (keeping its cookie), then send its token in the RequestVerificationToken header or the form; nothing was created.")))
            .AcceptsUpTo(limit)
            .WithTags("Reviews");
        return app;
    }

    private static Ok<UploadToken> UploadToken(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new UploadToken(tokens.RequestToken!, tokens.HeaderName!, tokens.FormFieldName));
    }

    private static async Task<Results<Created<ReviewView>, ProblemHttpResult>> CreateFromReport(
        HttpContext context, IOptions<ScrutinyOptions> options, FocusReportReader reader, DraftRouting routing, IOfficerDirectory directory,
        IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxUploadBytes;
        var (form, fault) = await ReadFormAsync(context, limit + FormOverheadBytes, cancellationToken);
        if (form is null)
        {
            return Unreadable(fault ?? FormFault.TooLarge, limit);
        }
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return ReviewProblems.Invalid([new("file", "Choose the focus report to upload (PDF, Word .docx, HTML or text), sent as multipart/form-data in a field named 'file'.")]);
        }
        if (file.Length > limit)
        {
            return TooLarge(limit);
        }

        IngestionOutcome outcome;
        await using (var content = file.OpenReadStream())
        {
            outcome = await reader.ReadAsync(content, file.FileName, cancellationToken);
        }
        if (outcome is not Ingested { Report: var report } read)
        {
            var rejected = (IngestionRejected)outcome;
            return Problem(rejected.Code, rejected.Title, rejected.Detail,
                rejected.Code == FocusReportReader.Busy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest);
        }

        // What the scrutiny officer typed wins over what was read from the report. Each question gets the officers
        // the routing rules propose, for her to confirm or change before dispatch.
        var id = ReviewsApi.NewReviewId();
        var draft = ReportDraft.From(id, read, clock.Now);
        var areas = routing.Propose(draft.Areas);
        var command = draft with
        {
            Title = string.IsNullOrWhiteSpace(form["title"]) ? report.Title : form["title"].ToString(),
            Published = ReviewRequests.Month(form["published"]) ?? report.Published,
            PanelName = form["panelName"],
            PanelEmail = form["panelEmail"],
            MeetingDate = ReviewRequests.Date(form["meetingDate"]),
            Deadline = ReviewRequests.Date(form["deadline"]),
            Areas = areas,
            KnownOfficers = await directory.FindWithManagersAsync(ReviewRequests.OfficersNamed(areas), cancellationToken),
        };
        return await commands.HandleAsync(id, command, expectedVersion: null, cancellationToken) switch
        {
            (CommandApplied or CommandReceived) and var done => TypedResults.Created($"/api/reviews/{id}", ReviewView.From(done.State)),
            var other => ReviewProblems.For(other, FormField),
        };
    }

    /// <summary>The form, or why it could not be read; a request that is not a form reads as an empty one.</summary>
    internal static async Task<(IFormCollection? Form, FormFault? Fault)> ReadFormAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > limit)
        {
            return (null, FormFault.TooLarge);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit;
        }
        if (!context.Request.HasFormContentType)
        {
            return (FormCollection.Empty, null);
        }
        try
        {
            return (await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, cancellationToken), null);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or InvalidDataException)
        {
            // The form reader's own limits and checks: too large, too many parts, or not a form at all.
            return (null, UnreadableForms.Classify(ex));
        }
    }

    /// <summary>A form the reader refused, named for what was wrong with it.</summary>
    private static ProblemHttpResult Unreadable(FormFault fault, long limit) => fault switch
    {
        FormFault.TooLarge => TooLarge(limit),
        FormFault.TooManyParts => Problem("too-many-parts", "The upload has too many parts.",
            "Send the report in one field named 'file', with the panel and dates as the other fields; an upload of thousands of fields or files is not read. Nothing was created."),
        FormFault.TooSlow => Problem("upload-too-slow", "The upload arrived too slowly.", "Check the connection and send it again. Nothing was created.", StatusCodes.Status408RequestTimeout),
        _ => Problem("upload-unreadable", "The upload could not be read as a form.",
            "Send it as multipart/form-data with the boundary its Content-Type header names (curl -F does this). Nothing was created."),
    };

    /// <summary>The decider names fields as the JSON API has them; this form names a few differently.</summary>
    private static Problem FormField(Problem problem) => problem with
    {
        Field = problem.Field switch
        {
            "focusReport.title" => "title",
            "focusReport.published" => "published",
            "panel.name" => "panelName",
            "panel.email" => "panelEmail",
            var other => other,
        },
    };

    private static ProblemHttpResult TooLarge(long limit) => Problem(
        "file-too-large",
        "The file is too large.",
        $"Reports can be up to {limit / (1024 * 1024.0):0.#} MB. Upload the accessible (text) version of the report, or enter the questions by hand.");

    private static ProblemHttpResult Problem(string code, string title, string detail, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status,
            extensions: new Dictionary<string, object?> { ["code"] = code });
}

/// <summary>What an upload must send back: the token, in this header or this form field, with the cookie that came with it.</summary>
public sealed record UploadToken(string Token, string HeaderName, string FormFieldName);
