using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Reviews;

namespace ScrutinyWorkflow.Web.Responses;

/// <summary>
/// The page a person reaches from the link in their email: every question of theirs in the review, each with its
/// state, answered in turn. Mail scanners open every link before the person does, so GET only ever shows; only the
/// person's POST, with its antiforgery token, changes anything.
/// </summary>
public static class ResponsePages
{
    /// <summary>The formatting an answer may use, as the statement's Word and HTML renderings understand it (README: "Answers are Markdown").</summary>
    public const string FormattingHint =
        "You can format your answer: a blank line between paragraphs, \"- \" for bullets, \"1. \" for numbered lists, **bold**, *italic*, [link text](https://...) and tables as | Column | Column | rows. It appears formatted in the panel's Word statement.";

    public static IEndpointRouteBuilder MapResponsePages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/respond").AddEndpointFilter(async (context, next) =>
        {
            // The token is in the URL: never send it on as a referrer, never cache the page, never frame it.
            var headers = context.HttpContext.Response.Headers;
            // Exactly what antiforgery sets for a page with a token, so it has nothing to override and warn about.
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            return await next(context);
        });

        pages.MapGet("/{token}", Show);
        // Checked by hand below, so a stale form gets a page that keeps the person's text, not a bare 400.
        pages.MapPost("/{token}", Answer).DisableAntiforgery();
        return app;
    }

    /// <summary>What the person typed and what went wrong with it, shown back against its question.</summary>
    private sealed record Attempt(string AssignmentId, string? Text, string? Colleague, string? Reason, string Error);

    private sealed record Found(ReviewState State, Respondent Respondent);

    private static async Task<IResult> Show(string token, string? done, string? question, HttpContext context, ResponseLinks links, ILinkIndex index,
        IReviewQueries queries, IAntiforgery antiforgery, CouncilClock clock, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, links, index, queries, cancellationToken) is not { } found)
        {
            return await LinkRefusals.WithdrawnPageAsync(token, context, cancellationToken) ?? NotRecognised();
        }
        var message = done switch
        {
            "draft" => "Your draft is saved. It is not sent to the panel until you submit it.",
            "submitted" => "Thank you: your answer is submitted. You can amend it until answers close.",
            "declined" => "Thank you: the scrutiny team has been told this question is not for you, and you will not be chased for it.",
            _ => null,
        };
        return Render(found, clock.Now, context, antiforgery, attempt: null, message, question, StatusCodes.Status200OK);
    }

    private static async Task<IResult> Answer(string token, HttpContext context, ResponseLinks links, ILinkIndex index,
        IReviewQueries queries, IReviewCommands commands, IOfficerDirectory directory, IAntiforgery antiforgery, CouncilClock clock, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, links, index, queries, cancellationToken) is not { } found)
        {
            return await LinkRefusals.WithdrawnPageAsync(token, context, cancellationToken) ?? NotRecognised();
        }
        if (!context.Request.HasFormContentType)
        {
            return Render(found, clock.Now, context, antiforgery, new Attempt("", null, null, null, "Send the answer from the form on this page."), null, null, StatusCodes.Status400BadRequest);
        }
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            var (error, status) = WhyUnreadable(ex);
            return Render(found, clock.Now, context, antiforgery, new Attempt("", null, null, null, error), null, null, status);
        }
        var attempt = new Attempt(form["assignment"].ToString(), form["answer"], form["colleague"], form["reason"], "");
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Render(found, clock.Now, context, antiforgery, attempt with { Error = "This form had expired, so nothing was saved. Your text is below: press the button again to send it." },
                null, null, StatusCodes.Status400BadRequest);
        }
        // Only the person's own questions (or, for a manager, the escalated officer's) can be reached from their link.
        if (!found.State.AssignmentsFor(found.Respondent).Any(a => a.Id == attempt.AssignmentId))
        {
            return Render(found, clock.Now, context, antiforgery, attempt with { AssignmentId = "", Error = "That question is not one of yours. Answer from the form under your question on this page." },
                null, null, StatusCodes.Status400BadRequest);
        }

        var action = form["action"].ToString();
        ReviewCommand command = action switch
        {
            "submit" => new SubmitAnswer(attempt.AssignmentId, attempt.Text ?? "", clock.Now, found.Respondent),
            "decline" => new DeclineQuestion(attempt.AssignmentId, attempt.Colleague, await directory.FindWithManagersAsync([attempt.Colleague], cancellationToken), attempt.Reason ?? "", clock.Now, found.Respondent),
            _ => new SaveAnswer(attempt.AssignmentId, attempt.Text ?? "", clock.Now, found.Respondent),
        };
        CommandOutcome outcome;
        try
        {
            outcome = await commands.HandleAsync(found.State.ReviewId, command, expectedVersion: null, cancellationToken);
        }
        catch (Exception ex) when (ReviewBusyExceptionHandler.IsBusy(ex))
        {
            context.Response.Headers.RetryAfter = ReviewBusyExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Render(found, clock.Now, context, antiforgery, attempt with { Error = "The service was busy, so nothing was saved. Your text is below: press the button again in a moment to send it." },
                null, null, StatusCodes.Status503ServiceUnavailable);
        }
        return outcome switch
        {
            CommandRefused r => Render(found with { State = r.State }, clock.Now, context, antiforgery, attempt with { Error = Explain(r.Rejection) }, null, null,
                r.Rejection.Code == RejectionCodes.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict),
            _ => SeeOther(context, $"/respond/{token}?done={action switch { "submit" => "submitted", "decline" => "declined", _ => "draft" }}&question={attempt.AssignmentId}#q-{attempt.AssignmentId}"),
        };
    }

    /// <summary>
    /// What went wrong reading the form, in the person's terms. The form reader says which of its limits a form broke
    /// only in its messages, so those are what is matched; anything else is taken as too large.
    /// </summary>
    private static (string Error, int Status) WhyUnreadable(Exception ex) => ex switch
    {
        InvalidDataException { InnerException: InvalidOperationException } => (
            "Your answer contains a character that cannot be saved (a control character such as NUL, usually pasted in from another program), so nothing was saved. Retype the part you pasted and send it again.",
            StatusCodes.Status400BadRequest),
        InvalidDataException when ex.Message.Contains("count limit", StringComparison.OrdinalIgnoreCase) => (
            "The form had far more fields than the page sends, so nothing was saved. Send your answer from the form on this page.",
            StatusCodes.Status400BadRequest),
        BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } => (
            "Your answer arrived too slowly to be saved, so nothing was saved. Check your connection and send it again.",
            StatusCodes.Status408RequestTimeout),
        _ => (
            "Your answer was far too long to save, so nothing was saved. Shorten it and send it again; detail can go in an appendix to the panel report.",
            StatusCodes.Status413PayloadTooLarge),
    };

    /// <summary>Post, redirect, get: a refresh after answering never sends the answer twice.</summary>
    private static IResult SeeOther(HttpContext context, string location)
    {
        context.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static async Task<Found?> FindAsync(string token, ResponseLinks links, ILinkIndex index, IReviewQueries queries, CancellationToken cancellationToken)
    {
        if (await links.CheckAsync(token, index, cancellationToken) is not LinkValid { Target: var target })
        {
            return null;
        }
        return await queries.FindAsync(target.ReviewId, cancellationToken) is { } review
            ? new Found(review.State, Respondent.FromKey(target.RespondentKey))
            : null;
    }

    private static string Explain(Rejection rejection) =>
        rejection.Problems.Count > 0 ? string.Join(" ", rejection.Problems.Select(p => p.Message)) : rejection.Message;

    private static IResult Render(Found found, DateTimeOffset now, HttpContext context, IAntiforgery antiforgery, Attempt? attempt, string? message, string? messageFor, int status)
    {
        var (state, respondent) = found;
        var officer = state.OfficerOrAddress(respondent.OnBehalfOf ?? respondent.Email);
        var order = state.Questions.Select((q, i) => (q.QuestionId, i)).ToDictionary(x => x.QuestionId, x => x.i);
        var mine = state.AssignmentsFor(respondent)
            .OrderBy(a => order.GetValueOrDefault(a.QuestionId, int.MaxValue))
            .ThenBy(a => QuestionIds.NumberOf(a.Id))
            .ToList();
        var tokens = antiforgery.GetAndStoreTokens(context);

        var html = new StringBuilder();
        html.Append("<p class=\"caption\">").Append(E(state.Panel!.Name)).Append("</p>")
            .Append("<h1>").Append(respondent.OnBehalfOf is null ? "Your scrutiny questions" : $"Scrutiny questions for {E(officer.Name)}").Append("</h1>")
            .Append("<p>Focus report: <cite>").Append(E(state.FocusReport!.Title)).Append("</cite> (").Append(E(state.FocusReport.Published.ToDisplayString())).Append(")</p>");
        if (respondent.OnBehalfOf is not null)
        {
            html.Append("<p>These were escalated to you as ").Append(E(officer.Name)).Append("'s manager. An answer you give here is recorded as given by you on their behalf, and the statement names you as reporter.</p>");
        }
        html.Append(state.TakesAnswersAt(now) && state.LastAnswerDay is { } lastDay
            ? $"<p class=\"deadline\">Answers close at the end of {E(LongDate.FormatWithDay(lastDay))}.</p>"
            : "<p class=\"deadline\">Responses to this review have closed, so this page no longer accepts answers.</p>");
        if (attempt is { Error.Length: > 0 } && !mine.Any(a => a.Id == attempt.AssignmentId && state.TakesAnswerFrom(a.Id, now, respondent)))
        {
            // Nowhere on the page to put the text back: show it here, so nothing typed is lost.
            html.Append("<div class=\"error\" role=\"alert\"><h2>There is a problem</h2><p>").Append(E(attempt.Error)).Append("</p>");
            if (!string.IsNullOrEmpty(attempt.Text))
            {
                html.Append("<label for=\"kept\">Your text, kept for you to copy</label><textarea id=\"kept\" readonly rows=\"6\">").Append(E(attempt.Text)).Append("</textarea>");
            }
            html.Append("</div>");
        }
        if (message is not null && messageFor is null)
        {
            html.Append("<div class=\"notice\" role=\"status\"><p>").Append(E(message)).Append("</p></div>");
        }

        var answerable = 0;
        foreach (var assignment in mine)
        {
            var (heading, question) = state.Placing(assignment.QuestionId);
            var answer = state.Answers.GetValueOrDefault(assignment.QuestionId);
            var takes = state.TakesAnswerFrom(assignment.Id, now, respondent);
            answerable += takes ? 1 : 0;
            html.Append("<section class=\"question\" id=\"q-").Append(E(assignment.Id)).Append("\" aria-labelledby=\"h-").Append(E(assignment.Id)).Append("\">")
                .Append("<p class=\"area\">").Append(E(heading)).Append("</p>")
                .Append("<h2 id=\"h-").Append(E(assignment.Id)).Append("\">").Append(E(question.Text)).Append("</h2>")
                .Append("<p class=\"state\"><strong class=\"tag\">").Append(E(StateOf(state, assignment, answer, respondent))).Append("</strong></p>");
            if (attempt is { Error.Length: > 0 } && attempt.AssignmentId == assignment.Id && takes)
            {
                html.Append("<div class=\"error\" role=\"alert\"><h3>There is a problem</h3><p>").Append(E(attempt.Error)).Append("</p></div>");
            }
            if (message is not null && messageFor == assignment.Id)
            {
                html.Append("<div class=\"notice\" role=\"status\"><p>").Append(E(message)).Append("</p></div>");
            }
            if (takes)
            {
                var mineAttempt = attempt?.AssignmentId == assignment.Id ? attempt : null;
                // A saved draft is its officer's own: a manager answering on their behalf starts from a blank page.
                var value = mineAttempt?.Text ?? answer?.Text ?? (respondent.OnBehalfOf is null ? assignment.SavedText : null) ?? "";
                var field = $"answer-{assignment.Id}";
                html.Append("<form method=\"post\" novalidate>")
                    .Append(Hidden(tokens.FormFieldName, tokens.RequestToken ?? "")).Append(Hidden("assignment", assignment.Id))
                    .Append("<label for=\"").Append(E(field)).Append("\">").Append(answer is null ? "Your answer" : "The answer (any change you submit replaces it)").Append("</label>")
                    .Append("<p class=\"hint\" id=\"hint-").Append(E(field)).Append("\">").Append(E(FormattingHint)).Append("</p>")
                    .Append("<textarea id=\"").Append(E(field)).Append("\" name=\"answer\" rows=\"10\" aria-describedby=\"hint-").Append(E(field)).Append("\">").Append(E(value)).Append("</textarea>")
                    .Append("<div class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"submit\">").Append(answer is null ? "Submit answer" : "Submit amended answer").Append("</button>");
                if (answer is null)
                {
                    html.Append("<button type=\"submit\" name=\"action\" value=\"draft\" class=\"secondary\">Save draft</button>");
                }
                html.Append("</div></form>");
                if (assignment.IsOpen && respondent.OnBehalfOf is null)
                {
                    html.Append("<details").Append(mineAttempt?.Reason is not null ? " open" : "").Append("><summary>This question is not for me</summary>")
                        .Append("<form method=\"post\" novalidate>")
                        .Append(Hidden(tokens.FormFieldName, tokens.RequestToken ?? "")).Append(Hidden("assignment", assignment.Id))
                        .Append("<label for=\"colleague-").Append(E(assignment.Id)).Append("\">Who should answer it (their email address, if you know)</label>")
                        .Append("<input type=\"email\" id=\"colleague-").Append(E(assignment.Id)).Append("\" name=\"colleague\" value=\"").Append(E(mineAttempt?.Colleague ?? "")).Append("\" autocomplete=\"off\">")
                        .Append("<label for=\"reason-").Append(E(assignment.Id)).Append("\">Why it is not for you</label>")
                        .Append("<textarea id=\"reason-").Append(E(assignment.Id)).Append("\" name=\"reason\" rows=\"3\">").Append(E(mineAttempt?.Reason ?? "")).Append("</textarea>")
                        .Append("<div class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"decline\" class=\"secondary\">Tell the scrutiny team</button></div>")
                        .Append("</form></details>");
                }
            }
            else if (answer is not null && assignment.IsCurrent)
            {
                html.Append("<div class=\"answer\">").Append(E(answer.Text).ReplaceLineEndings("<br>")).Append("</div>");
            }
            html.Append("</section>");
        }
        if (mine.Count == 0 || mine.All(a => !a.IsCurrent))
        {
            html.Append("<p>None of these questions is with you any more, so this link no longer accepts answers. Thank you.</p>");
        }
        // A page with nothing left to answer says so with its status too, for anything that reads links automatically.
        if (answerable == 0 && status == StatusCodes.Status200OK)
        {
            status = StatusCodes.Status410Gone;
        }
        return Results.Content(Page("Answer scrutiny questions", html.ToString()), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>Each question's state as the person needs it: not started, draft saved, submitted, or what happened to it.</summary>
    private static string StateOf(ReviewState state, Assignment assignment, Answer? answer, Respondent respondent)
    {
        string Name(Respondent who) => who.OnBehalfOf is { } officer
            ? $"{state.OfficerOrAddress(who.Email).Name} on behalf of {state.OfficerOrAddress(officer).Name}"
            : who == respondent ? "you" : state.OfficerOrAddress(who.Email).Name;
        string On(DateTimeOffset at) => LongDate.Format(DateOnly.FromDateTime(at.DateTime));

        return assignment.Outcome switch
        {
            AssignmentOutcome.Reassigned => "Passed to a colleague: no answer needed from you",
            AssignmentOutcome.Declined => "You said this is not for you: the scrutiny team has been told",
            AssignmentOutcome.Withdrawn => "Withdrawn from the review: no answer needed",
            AssignmentOutcome.ClosedEarly => "Not answered: the review was closed early",
            AssignmentOutcome.NoResponse => "No response received",
            _ when answer is not null => (answer.Late ? $"Answered by {Name(answer.SubmittedBy)} (accepted late) on {On(answer.SubmittedAt)}" : $"Answered by {Name(answer.SubmittedBy)} on {On(answer.SubmittedAt)}")
                + (answer.LastAmendment is { } amended ? $", amended by {Name(amended.By)} on {On(amended.At)}" : ""),
            _ when assignment.SavedText is not null && respondent.OnBehalfOf is null => "Draft saved: not yet submitted",
            _ => "Not started",
        };
    }

    private static string Hidden(string name, string value) => $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">";

    private static IResult NotRecognised() => Results.Content(
        Page("Link not recognised", "<h1>This link is not recognised</h1><p>Check that you used the whole link from your email. If it still does not work, the request may have been withdrawn: contact the scrutiny team.</p>"),
        "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound);

    private static string Page(string title, string body) => HtmlPage.Render($"{title} - Scrutiny Workflow", Style, body);

    private const string Style =
        "body{font-family:Arial,Helvetica,sans-serif;font-size:1.1875rem;line-height:1.4;color:#0b0c0c;margin:0}" +
        "main{max-width:40em;margin:0 auto;padding:1.5rem}.caption,.area{color:#505a5f;margin-bottom:0}" +
        ".question{border-top:1px solid #b1b4b6;margin-top:2rem;padding-top:1rem}.question h2{font-size:1.25rem;margin-top:.25rem}" +
        ".tag{display:inline-block;background:#f3f2f1;padding:.1rem .5rem;font-size:1rem}" +
        "label{display:block;font-weight:bold;margin-top:1rem}.hint{color:#505a5f;margin:.25rem 0 .5rem}" +
        "textarea,input{width:100%;box-sizing:border-box;font:inherit;border:2px solid #0b0c0c;padding:.5rem}" +
        "textarea:focus,input:focus,button:focus,summary:focus{outline:3px solid #ffdd00;outline-offset:0}" +
        ".buttons{margin-top:1rem;display:flex;gap:1rem;flex-wrap:wrap}" +
        "button{font:inherit;padding:.5rem 1rem;border:0;background:#00703c;color:#fff;cursor:pointer;box-shadow:0 2px 0 #002d18}" +
        "button.secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}" +
        "details{margin-top:1rem}summary{color:#1d70b8;text-decoration:underline;cursor:pointer}" +
        ".error{border:5px solid #d4351c;padding:1rem;margin:1rem 0}.error h2,.error h3{margin-top:0}" +
        ".notice{border:5px solid #00703c;padding:0 1rem;margin:1rem 0}.answer{border-left:5px solid #b1b4b6;padding-left:1rem}";

    private static string E(string text) => HtmlPage.Encode(text);
}
