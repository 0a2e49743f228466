using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Web.Reviews;

namespace ScrutinyWorkflow.Web.Responses;

/// <summary>
/// The page an officer reaches from the link in their email. Mail scanners open every link before the person
/// does, so GET only ever shows; only the person's POST, with its antiforgery token, changes anything.
/// </summary>
public static class ResponsePages
{
    public static IEndpointRouteBuilder MapResponsePages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/respond").AddEndpointFilter(async (context, next) =>
        {
            // The token is in the URL: never send it on as a referrer, never cache the page, never frame it.
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            return await next(context);
        });

        pages.MapGet("/{token}", Show);
        // Checked by hand below, so a stale form gets a page that keeps the person's text, not a bare 400.
        pages.MapPost("/{token}", Answer).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Show(string token, string? done, HttpContext context, ResponseLinks links, ILinkIndex index,
        IReviewQueries queries, IAntiforgery antiforgery, CouncilClock clock, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, links, index, queries, cancellationToken) is not { } found)
        {
            return NotRecognised();
        }
        var message = done switch
        {
            "draft" => "Your draft is saved. It is not sent to the panel until you submit it.",
            "submitted" => "Thank you: your answer is submitted. You can amend it until the deadline, unless every question is answered first: then the statement is compiled straight away.",
            _ => null,
        };
        return Render(found, clock.Now, context, antiforgery, text: null, message, error: null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> Answer(string token, HttpContext context, ResponseLinks links, ILinkIndex index,
        IReviewQueries queries, IReviewCommands commands, IAntiforgery antiforgery, CouncilClock clock, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, links, index, queries, cancellationToken) is not { } found)
        {
            return NotRecognised();
        }
        if (!context.Request.HasFormContentType)
        {
            return Render(found, clock.Now, context, antiforgery, null, null, "Send the answer from the form on this page.", StatusCodes.Status400BadRequest);
        }
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return Render(found, clock.Now, context, antiforgery, null, null,
                "Your answer was far too long to save, so nothing was saved. Shorten it and send it again; detail can go in an appendix to the panel report.",
                StatusCodes.Status413PayloadTooLarge);
        }
        var text = form["answer"].ToString();
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Render(found, clock.Now, context, antiforgery, text, null,
                "This form had expired, so nothing was saved. Your text is below: press the button again to send it.", StatusCodes.Status400BadRequest);
        }

        var submit = form["action"] == "submit";
        ReviewCommand command = submit
            ? new SubmitAnswer(found.Assignment.Id, text, clock.Now)
            : new SaveAnswer(found.Assignment.Id, text, clock.Now);
        return await commands.HandleAsync(found.State.ReviewId, command, expectedVersion: null, cancellationToken) switch
        {
            CommandRefused r => Render(found with { State = r.State, Assignment = r.State.FindAssignment(found.Assignment.Id) ?? found.Assignment }, clock.Now, context, antiforgery, text,
                null, Explain(r.Rejection), r.Rejection.Code == RejectionCodes.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict),
            _ => SeeOther(context, $"/respond/{token}?done={(submit ? "submitted" : "draft")}"),
        };
    }

    /// <summary>Post, redirect, get: a refresh after answering never sends the answer twice.</summary>
    private static IResult SeeOther(HttpContext context, string location)
    {
        context.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private sealed record Found(ReviewState State, Assignment Assignment, AreaOfFocus Area, Question Question);

    private static async Task<Found?> FindAsync(string token, ResponseLinks links, ILinkIndex index, IReviewQueries queries, CancellationToken cancellationToken)
    {
        if (!ResponseLinks.LooksLikeToken(token) || await index.FindAsync(links.HashOf(token), cancellationToken) is not { } target)
        {
            return null;
        }
        if (await queries.FindAsync(target.ReviewId, cancellationToken) is not { } review || review.State.FindAssignment(target.AssignmentId) is not { } assignment)
        {
            return null;
        }
        var (area, question) = review.State.Placing(assignment.QuestionId);
        return new Found(review.State, assignment, area, question);
    }

    private static string Explain(Rejection rejection) =>
        rejection.Problems.Count > 0 ? string.Join(" ", rejection.Problems.Select(p => p.Message)) : rejection.Message;

    private static IResult Render(Found found, DateTimeOffset now, HttpContext context, IAntiforgery antiforgery, string? text, string? message, string? error, int status)
    {
        var (state, assignment, area, question) = found;
        var answer = state.Answers.GetValueOrDefault(question.QuestionId);
        var officerName = state.Officers.GetValueOrDefault(assignment.OfficerEmail)?.Name ?? assignment.OfficerEmail;

        var html = new StringBuilder();
        html.Append("<p class=\"caption\">").Append(E(state.Panel!.Name)).Append("</p>")
            .Append("<h1>Answer a scrutiny question</h1>")
            .Append("<p>Focus report: <cite>").Append(E(state.FocusReport!.Title)).Append("</cite> (").Append(E(state.FocusReport.Published.ToDisplayString())).Append(")</p>")
            .Append("<p>Asked of: ").Append(E(officerName)).Append("</p>");
        if (error is not null)
        {
            html.Append("<div class=\"error\" role=\"alert\"><h2>There is a problem</h2><p>").Append(E(error)).Append("</p></div>");
        }
        if (message is not null)
        {
            html.Append("<div class=\"notice\" role=\"status\"><p>").Append(E(message)).Append("</p></div>");
        }
        html.Append("<h2>").Append(E(area.Heading)).Append("</h2>")
            .Append("<p class=\"question\" id=\"question\">").Append(E(question.Text)).Append("</p>");

        if (answer is not null)
        {
            var by = state.FindAssignment(answer.SubmittedBy) is { } a ? state.Officers.GetValueOrDefault(a.OfficerEmail)?.Name ?? a.OfficerEmail : "a colleague";
            html.Append("<p>Answered by ").Append(E(by)).Append(" on ").Append(E(LongDate.Format(DateOnly.FromDateTime(answer.SubmittedAt.DateTime)))).Append(".</p>");
        }

        if (assignment.Outcome == AssignmentOutcome.Reassigned)
        {
            html.Append("<p>This request has been passed to a colleague, so this link no longer accepts answers. Thank you.</p>");
            status = status == StatusCodes.Status200OK ? StatusCodes.Status410Gone : status;
        }
        else if (!state.TakesAnswerFrom(assignment.Id, now))
        {
            html.Append("<p>Responses to this review have closed, so this link no longer accepts answers.</p>");
            if (answer is not null)
            {
                html.Append("<h2>The answer given</h2><div class=\"answer\">").Append(E(answer.Text).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</div>");
            }
            status = status == StatusCodes.Status200OK ? StatusCodes.Status410Gone : status;
        }
        else
        {
            var value = text ?? answer?.Text ?? assignment.SavedText ?? "";
            var tokens = antiforgery.GetAndStoreTokens(context);
            html.Append("<form method=\"post\" novalidate>")
                .Append("<input type=\"hidden\" name=\"").Append(E(tokens.FormFieldName)).Append("\" value=\"").Append(E(tokens.RequestToken ?? "")).Append("\">")
                .Append("<label for=\"answer\">Your answer</label>")
                .Append("<p class=\"hint\" id=\"answer-hint\">Answer by the end of ").Append(E(LongDate.Format(state.Deadline)))
                .Append(answer is null ? ". Save a draft to come back later; the panel sees only what you submit." : ". Any change you submit replaces the answer the panel will see.")
                .Append("</p><textarea id=\"answer\" name=\"answer\" rows=\"12\" aria-describedby=\"answer-hint\">").Append(E(value)).Append("</textarea>")
                .Append("<div class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"submit\">")
                .Append(answer is null ? "Submit answer" : "Submit amended answer")
                .Append("</button>");
            if (answer is null)
            {
                html.Append("<button type=\"submit\" name=\"action\" value=\"draft\" class=\"secondary\">Save draft</button>");
            }
            html.Append("</div></form>");
        }
        return Results.Content(Page("Answer a scrutiny question", html.ToString()), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static IResult NotRecognised() => Results.Content(
        Page("Link not recognised", "<h1>This link is not recognised</h1><p>Check that you used the whole link from your email. If it still does not work, the request may have been withdrawn: contact the scrutiny team.</p>"),
        "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound);

    private static string Page(string title, string body) => HtmlPage.Render($"{title} - Scrutiny Workflow", Style, body);

    private const string Style =
        "body{font-family:Arial,Helvetica,sans-serif;font-size:1.1875rem;line-height:1.4;color:#0b0c0c;margin:0}" +
        "main{max-width:40em;margin:0 auto;padding:1.5rem}.caption{color:#505a5f;margin-bottom:0}" +
        ".question{font-size:1.25rem;font-weight:bold;border-left:5px solid #1d70b8;padding-left:1rem}" +
        "label{display:block;font-weight:bold;margin-top:1.5rem}.hint{color:#505a5f;margin-top:.25rem}" +
        "textarea{width:100%;box-sizing:border-box;font:inherit;border:2px solid #0b0c0c;padding:.5rem}" +
        "textarea:focus,button:focus{outline:3px solid #ffdd00;outline-offset:0}" +
        ".buttons{margin-top:1rem;display:flex;gap:1rem;flex-wrap:wrap}" +
        "button{font:inherit;padding:.5rem 1rem;border:0;background:#00703c;color:#fff;cursor:pointer;box-shadow:0 2px 0 #002d18}" +
        "button.secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}" +
        ".error{border:5px solid #d4351c;padding:1rem;margin:1rem 0}.error h2{margin-top:0}" +
        ".notice{border:5px solid #00703c;padding:0 1rem;margin:1rem 0}.answer{border-left:5px solid #b1b4b6;padding-left:1rem}";

    private static string E(string text) => HtmlPage.Encode(text);
}
