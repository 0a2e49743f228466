using System.Globalization;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Pages;
using ScrutinyWorkflow.Web.Reviews;
using ScrutinyWorkflow.Web.Statements;

namespace ScrutinyWorkflow.Web.Responses;

/// <summary>
/// The pages a person reaches from the link in their email: every question of theirs in the review, each with its
/// state; an answer written, previewed, checked as the panel will read it, submitted and amended until answers close.
/// Mail scanners open every link before the person does, so a GET only ever shows; only the person's POST, with its
/// antiforgery token, changes anything, and it answers 303 to a GET (or the page again, with what went wrong).
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
            // The token is in the URL: never send it on as a referrer, never cache the page, never frame it (the site's
            // content security policy, set for every response, says frame-ancestors 'none').
            var headers = context.HttpContext.Response.Headers;
            // Exactly what antiforgery sets for a page with a token, so it has nothing to override and warn about.
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
            headers["Referrer-Policy"] = "no-referrer";
            return await next(context);
        })
            // Whoever holds the link may use it, without an account: the link is its own credential.
            .AllowAnonymous();

        pages.MapGet("/{token}", Show);
        pages.MapGet("/{token}/check/{assignmentId}", Check);
        pages.MapPost("/{token}", Answer).RequireFormToken(RefusedFormAsync);
        return app;
    }

    private static async Task<IResult> Show(string token, string? done, string? question, string? followup, string? preview, HttpContext context, CancellationToken cancellationToken)
    {
        var links = LinkPages.For(context);
        if (await links.FindAsync(token, cancellationToken) is not { } found)
        {
            return await links.RefusedAsync(token, context, cancellationToken);
        }
        if (done == "submitted" && links.Confirmation(found, question) is { } confirmation)
        {
            return PagesRegistration.Show<AnswerSubmittedPage>(new { Model = confirmation });
        }
        if (done == "updated" && links.UpdateConfirmation(found, followup) is { } given)
        {
            return PagesRegistration.Show<UpdateGivenPage>(new { Model = given });
        }
        var message = done switch
        {
            "draft" => "Your draft is saved. It is not sent to the panel until you submit it.",
            "declined" => "Thank you: the scrutiny team has been told this question is not for you, and you will not be chased for it.",
            _ => null,
        };
        return await links.PageAsync(found, attempt: null, message, preview, StatusCodes.Status200OK, cancellationToken);
    }

    private static async Task<IResult> Check(string token, string assignmentId, HttpContext context, CancellationToken cancellationToken)
    {
        var links = LinkPages.For(context);
        if (await links.FindAsync(token, cancellationToken) is not { } found)
        {
            return await links.RefusedAsync(token, context, cancellationToken);
        }
        return await links.CheckPageAsync(found, assignmentId, cancellationToken) is { } model
            ? PagesRegistration.Show<CheckAnswerPage>(new { Model = model })
            // Nothing saved to check (or no longer theirs to answer): the question itself says why.
            : Results.Redirect($"/respond/{token}#q-{Uri.EscapeDataString(assignmentId)}");
    }

    private static async Task<IResult> Answer(string token, HttpContext context, IReviewCommands commands, IOfficerDirectory directory,
        CouncilClock clock, CancellationToken cancellationToken)
    {
        var links = LinkPages.For(context);
        if (await links.FindBeforeCommandAsync(token, cancellationToken) is not { } found)
        {
            return await links.RefusedAsync(token, context, cancellationToken);
        }
        if (!context.Request.HasFormContentType)
        {
            return await links.PageAsync(found, Attempt.Refused("Send the answer from the form on this page."), null, null, StatusCodes.Status400BadRequest, cancellationToken);
        }
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            var (error, status) = WhyUnreadable(ex);
            return await links.PageAsync(found, Attempt.Refused(error), null, null, status, cancellationToken);
        }
        var action = form["action"].ToString();
        if (action == Update)
        {
            return await UpdateAsync(found, form, context, commands, clock, cancellationToken);
        }
        var attempt = new Attempt(form["assignment"].ToString(), form["answer"], form["colleague"], form["reason"], []);
        async Task<IResult> Again(string message, int status, string? field = null) => action == Autosave
            ? Results.Json(new AutosaveOutcome(null, message), statusCode: status)
            : await links.PageAsync(found, attempt with { Errors = [new(field, message)] }, null, null, status, cancellationToken);

        var answerField = $"answer-{attempt.AssignmentId}";
        if (action == Continue && string.IsNullOrWhiteSpace(attempt.Text))
        {
            return await Again("Write an answer before continuing. To keep notes without submitting them, save a draft.", StatusCodes.Status400BadRequest, answerField);
        }

        if (action == "decline" && attempt.Colleague is { } named && !string.IsNullOrWhiteSpace(named) && !named.Contains('@', StringComparison.Ordinal))
        {
            // People know a colleague's name or job, rarely their exact address: find them in the directory, and let the
            // person choose when more than one matches.
            var colleagueField = $"colleague-{attempt.AssignmentId}";
            var matches = await directory.SearchAsync(named, MaxColleagueChoices, cancellationToken);
            switch (matches.Count)
            {
                case 0:
                    return await Again($"No one in the council's directory matches \u201c{named.Trim()}\u201d. Check the spelling, give their email address, or leave this empty.",
                        StatusCodes.Status400BadRequest, colleagueField);
                case 1:
                    attempt = attempt with { Colleague = matches[0].Email };
                    break;
                default:
                    attempt = attempt with
                    {
                        ColleagueChoices = matches,
                        Errors = [new(colleagueField, $"More than one person matches \u201c{named.Trim()}\u201d. Choose who should answer it.")],
                    };
                    return await links.PageAsync(found, attempt, null, null, StatusCodes.Status400BadRequest, cancellationToken);
            }
        }

        ReviewCommand command = action switch
        {
            "submit" => new SubmitAnswer(attempt.AssignmentId, attempt.Text ?? "", clock.Now, found.Respondent, form.TryGetValue("replacing", out var replacing) ? replacing.ToString() : null),
            "decline" => new DeclineQuestion(attempt.AssignmentId, attempt.Colleague, await directory.FindWithManagersAsync([attempt.Colleague], cancellationToken), attempt.Reason ?? "", clock.Now, found.Respondent),
            // A draft, an autosave, a preview and "Continue" all keep the text as a draft first.
            _ => new SaveAnswer(attempt.AssignmentId, attempt.Text ?? "", clock.Now, found.Respondent),
        };
        CommandOutcome outcome;
        try
        {
            outcome = await commands.HandleAsync(found.State.ReviewId, command, expectedVersion: null, cancellationToken);
        }
        catch (Exception ex) when (ReviewBusyExceptionHandler.IsBusy(ex))
        {
            context.Response.Headers.RetryAfter = ReviewBusyExceptionHandler.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return await Again("The service was busy, so nothing was saved. Your text is below: press the button again in a moment to send it.", StatusCodes.Status503ServiceUnavailable);
        }
        if (outcome is CommandRefused refused)
        {
            found = found with { State = refused.State };
            if (refused.Rejection.Code is RejectionCodes.NotYours or RejectionCodes.UnknownAssignment)
            {
                // The decider alone says whose questions a link reaches; a form naming another officer's, another
                // review's or none is told so in the person's terms, with their text kept below.
                attempt = attempt with { AssignmentId = "" };
                return await Again("That question is not one of yours. Answer from the form under your question on this page.", StatusCodes.Status400BadRequest);
            }
            var errors = refused.Rejection.Problems.Count > 0
                ? refused.Rejection.Problems.Select(p => new FieldError($"{p.Field}-{attempt.AssignmentId}", p.Message)).ToList()
                : [new FieldError(answerField, refused.Rejection.Message)];
            var status = refused.Rejection.Code == RejectionCodes.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
            return action == Autosave
                ? Results.Json(new AutosaveOutcome(null, errors[0].Message), statusCode: status)
                : await links.PageAsync(found, attempt with { Errors = errors }, null, null, status, cancellationToken);
        }
        var at = Uri.EscapeDataString(attempt.AssignmentId);
        return action switch
        {
            Autosave => Results.Json(new AutosaveOutcome(clock.Now.ToString("HH:mm", CultureInfo.InvariantCulture), null, StateAfter(outcome.State, attempt.AssignmentId, found.Respondent))),
            Continue => SeeOther(context, $"/respond/{token}/check/{at}"),
            Preview => SeeOther(context, $"/respond/{token}?preview={at}#preview-{at}"),
            "submit" => SeeOther(context, $"/respond/{token}?done=submitted&question={at}"),
            "decline" => SeeOther(context, $"/respond/{token}?done=declined&question={at}#q-{at}"),
            _ => SeeOther(context, $"/respond/{token}?done=draft&question={at}#q-{at}"),
        };
    }

    /// <summary>
    /// A form whose antiforgery token is missing or stale: nothing is saved, and the person's text is shown back to
    /// copy. A link that is not (or no longer) valid says so first, as it would with a good token; a form that could
    /// not be read at all gets the link's page saying why; the page's autosave script is answered in JSON, as ever.
    /// </summary>
    private static async Task<IResult> RefusedFormAsync(HttpContext context, Exception? unreadable)
    {
        var token = context.Request.RouteValues["token"] as string ?? "";
        var links = LinkPages.For(context);
        if (await links.FindAsync(token, context.RequestAborted) is not { } found)
        {
            return await links.RefusedAsync(token, context, context.RequestAborted);
        }
        if (unreadable is not null)
        {
            var (error, status) = WhyUnreadable(unreadable);
            return await links.PageAsync(found, Attempt.Refused(error), null, null, status, context.RequestAborted);
        }
        var form = FormTokens.FormAsRead(context);
        if (form["action"] == Autosave)
        {
            return Results.Json(new AutosaveOutcome(null, "This form had expired, so nothing was saved. Your text is below: press the button again to send it."), statusCode: StatusCodes.Status400BadRequest);
        }
        IReadOnlyList<KeptText> kept = [new("Your answer", form["answer"]), new("Why the question is not for you", form["reason"]), new("Your update", form["update"])];
        return PagesRegistration.Show<FormExpiredPage>(new { BackTo = $"/respond/{token}", NothingWas = "saved", Kept = kept }, StatusCodes.Status400BadRequest);
    }

    /// <summary>
    /// The person's update on one of their follow-ups: handed to the decider as theirs (a link holder, never the
    /// scrutiny team), which says whether it is theirs to give; a confirmation after, or the page again with why not.
    /// </summary>
    private static async Task<IResult> UpdateAsync(FoundLink found, IFormCollection form, HttpContext context, IReviewCommands commands, CouncilClock clock,
        CancellationToken cancellationToken)
    {
        var links = LinkPages.For(context);
        var followUpId = form["followup"].ToString();
        var typed = new UpdateAttempt(followUpId, form["update"].ToString(), form["progress"].ToString() is { Length: > 0 } p ? p : null, []);
        var progress = ReviewPages.FollowUpActions.ProgressOf(typed.Progress);
        List<FieldError> missing = [];
        if (string.IsNullOrWhiteSpace(typed.Text))
        {
            missing.Add(new($"update-{followUpId}", "Write your update"));
        }
        if (progress is null)
        {
            missing.Add(new($"progress-{followUpId}", "Say whether the work is in progress or done"));
        }
        if (missing.Count > 0)
        {
            return await links.PageAsync(found, null, null, null, StatusCodes.Status400BadRequest, cancellationToken, typed with { Errors = missing });
        }
        var command = new ActOnFollowUp(followUpId, new ProvideUpdate(typed.Text, progress!.Value, Actor.LinkHolder(found.Respondent.Email), clock.Now));
        CommandOutcome outcome;
        try
        {
            outcome = await commands.HandleAsync(found.State.ReviewId, command, expectedVersion: null, cancellationToken);
        }
        catch (Exception ex) when (ReviewBusyExceptionHandler.IsBusy(ex))
        {
            context.Response.Headers.RetryAfter = ReviewBusyExceptionHandler.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return await links.PageAsync(found, null, null, null, StatusCodes.Status503ServiceUnavailable, cancellationToken,
                typed with { Errors = [new(null, "The service was busy, so nothing was saved. Your update is below: press the button again in a moment to send it.")] });
        }
        if (outcome is CommandRefused refused)
        {
            var errors = refused.Rejection.Problems.Count > 0
                ? refused.Rejection.Problems.Select(problem => new FieldError(problem.Field.Contains("progress", StringComparison.OrdinalIgnoreCase) ? $"progress-{followUpId}" : $"update-{followUpId}", problem.Message)).ToList()
                : [new FieldError($"update-{followUpId}", refused.Rejection.Message)];
            return await links.PageAsync(found with { State = refused.State }, null, null, null,
                refused.Rejection.Code == RejectionCodes.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict, cancellationToken, typed with { Errors = errors });
        }
        return SeeOther(context, $"/respond/{found.Token}?done=updated&followup={Uri.EscapeDataString(followUpId)}");
    }

    private const string Update = "update";

    private const string Continue = "check";

    /// <summary>How many people a colleague's name may match before the person is asked to type more of it.</summary>
    private const int MaxColleagueChoices = 8;
    private const string Preview = "preview";
    private const string Autosave = "autosave";

    /// <summary>
    /// What the page's script is told after saving a draft as the person types: when (council time), or why not, and
    /// the question's state now, so its tag says "Draft saved" without the page being loaded again.
    /// </summary>
    private sealed record AutosaveOutcome(string? SavedAt, string? Error, QuestionState? State = null);

    private static QuestionState? StateAfter(ReviewState state, string assignmentId, Respondent respondent) =>
        state.FindAssignment(assignmentId) is { } assignment
            ? LinkPageModel.StateOf(state, assignment, state.Answers.GetValueOrDefault(assignment.QuestionId), respondent, draftPending: true)
            : null;

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
}

/// <summary>A link's review and the person it was sent to.</summary>
public sealed record FoundLink(string Token, ReviewState State, Respondent Respondent);

/// <summary>
/// Reads what a link's pages show: the review behind the token, the person's questions with their states and drafts,
/// and answers rendered exactly as the statement renders them.
/// </summary>
public sealed class LinkPages(ResponseLinks links, ILinkIndex index, IReviewQueries queries, StatementHtml html, IOptions<ScrutinyOptions> options, CouncilClock clock)
{
    // The constructor is looked up once: CreateInstance matched it against the services by reflection on every request.
    private static readonly ObjectFactory<LinkPages> Factory = ActivatorUtilities.CreateFactory<LinkPages>([]);

    /// <summary>Made for each request from its services, so the web host and the Functions worker need no registration for it.</summary>
    public static LinkPages For(HttpContext context) => Factory(context.RequestServices, null);

    public Task<FoundLink?> FindAsync(string token, CancellationToken cancellationToken) => FindAsync(token, queries.FindAsync, cancellationToken);

    /// <summary>The link's review for the person's answer to be decided on (<see cref="IReviewQueries.FindBeforeCommandAsync"/>).</summary>
    public Task<FoundLink?> FindBeforeCommandAsync(string token, CancellationToken cancellationToken) => FindAsync(token, queries.FindBeforeCommandAsync, cancellationToken);

    private async Task<FoundLink?> FindAsync(string token, Func<string, CancellationToken, Task<ReviewSnapshot?>> find, CancellationToken cancellationToken)
    {
        if (await links.CheckAsync(token, index, cancellationToken) is not LinkValid { Target: var target })
        {
            return null;
        }
        return await find(target.ReviewId, cancellationToken) is { } review
            ? new FoundLink(token, review.State, Respondent.FromKey(target.RespondentKey))
            : null;
    }

    /// <summary>A withdrawn link's page (410), or "not recognised" (404) for anything else.</summary>
    public async Task<IResult> RefusedAsync(string token, HttpContext context, CancellationToken cancellationToken) =>
        await LinkRefusals.WithdrawnPageAsync(token, context, cancellationToken)
        ?? PagesRegistration.Show<LinkNotRecognisedPage>(new { }, StatusCodes.Status404NotFound);

    public async Task<IResult> PageAsync(FoundLink found, Attempt? attempt, string? message, string? preview, int status, CancellationToken cancellationToken,
        UpdateAttempt? update = null)
    {
        var (_, state, respondent) = found;
        var now = clock.Now;
        var questions = new List<LinkQuestion>();
        foreach (var assignment in Mine(found))
        {
            questions.Add(await QuestionAsync(found, assignment, state.DraftOf(assignment.Id, respondent), attempt?.AssignmentId == assignment.Id ? attempt : null));
        }
        var followUps = FollowUpsOf(found, update);
        var errors = attempt?.Errors ?? update?.Errors ?? [];
        // An error about a question whose form is not on the page (or about no question) links nowhere; its text is kept below it.
        var shown = errors.Select(e => e.FieldId is { } id
            && (questions.Any(q => q.TakesAnswer && id.EndsWith($"-{q.AssignmentId}", StringComparison.Ordinal))
                || followUps.Any(f => f.TakesUpdate && (id == f.UpdateId || id == f.ProgressId))) ? e : e with { FieldId = null }).ToList();
        var kept = shown.Any(e => e.FieldId is null) ? (attempt is { Text.Length: > 0 } ? attempt.Text : update is { Text.Length: > 0 } ? update.Text : null) : null;
        var previewed = preview is not null && state.DraftOf(preview, respondent) is { } draft && questions.Any(q => q.AssignmentId == preview && q.TakesAnswer)
            ? await html.RenderAnswerAsync(draft)
            : (Microsoft.AspNetCore.Components.MarkupString?)null;
        var model = new LinkPageModel(Review(found, now), questions, shown, message, null, kept, previewed is null ? null : preview, previewed) { FollowUps = followUps };
        // A page with nothing left to answer says so with its status too, for anything that reads links automatically.
        if (model.NothingLeft && status == StatusCodes.Status200OK)
        {
            status = StatusCodes.Status410Gone;
        }
        return PagesRegistration.Show<LinkPage>(new { Model = model }, status);
    }

    public async Task<CheckAnswerModel?> CheckPageAsync(FoundLink found, string assignmentId, CancellationToken cancellationToken)
    {
        if (Mine(found).FirstOrDefault(a => a.Id == assignmentId) is not { } assignment
            || !found.State.TakesAnswerFrom(assignment.Id, clock.Now, found.Respondent)
            || found.State.DraftOf(assignment.Id, found.Respondent) is not { } text
            || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        // The question as it stands without the draft: the page shows the draft itself, as the panel will read it.
        var question = await QuestionAsync(found, assignment, draft: null, null);
        var theirs = found.State.Answers.GetValueOrDefault(assignment.QuestionId) is { } answer && answer.Writer.Email != found.Respondent.Email ? answer : null;
        return new CheckAnswerModel(Review(found, clock.Now), question, text, await html.RenderAnswerAsync(text), question.Answered,
            question.OthersWords, theirs?.Text);
    }

    public AnswerSubmittedModel? Confirmation(FoundLink found, string? assignmentId)
    {
        var state = found.State;
        if (Mine(found).FirstOrDefault(a => a.Id == assignmentId) is not { } assignment || !state.Answers.TryGetValue(assignment.QuestionId, out var answer))
        {
            return null;
        }
        var (heading, question) = state.Placing(assignment.QuestionId);
        var row = new LinkQuestion(assignment.Id, assignment.QuestionId, heading, question.Text, new("", "", ""), false, false, "", true, false, [], null, "", "", false,
            Number: state.NumberOf(assignment.QuestionId));
        return new AnswerSubmittedModel(Review(found, clock.Now), row, AnswerReference.Of(state, assignment.QuestionId), answer.Amendments.Count > 0);
    }

    /// <summary>The confirmation after an update, while the follow-up is this person's and holds words they gave.</summary>
    public UpdateGivenModel? UpdateConfirmation(FoundLink found, string? followUpId)
    {
        var actor = Actor.LinkHolder(found.Respondent.Email);
        return FollowUpsOf(found, null).FirstOrDefault(f => f.Id == followUpId) is { } followUp
            && found.State.FollowUps[followUp.Id].LatestUpdate is { } latest && latest.By == actor.Email
            ? new UpdateGivenModel(Review(found, clock.Now), followUp, latest.Progress == RecommendationProgress.Done)
            : null;
    }

    /// <summary>
    /// The open follow-ups this link's person owns, or that were escalated to them as a manager, recommendations first.
    /// Which show is a courtesy; whether their update is taken is the decider's to say (<see cref="RecommendationState.MayUpdate"/>).
    /// </summary>
    public IReadOnlyList<LinkFollowUp> FollowUpsOf(FoundLink found, UpdateAttempt? attempt)
    {
        var state = found.State;
        var actor = Actor.LinkHolder(found.Respondent.Email);
        var now = clock.Now;
        return [.. state.FollowUpsFor(found.Respondent)
            .Select(f =>
            {
                var typed = attempt?.FollowUpId == f.RecommendationId ? attempt : null;
                var remedy = state.DecisionOfRemedy(f.RecommendationId) is { } decision
                    ? (Decision: decision, Remedy: decision.Remedies.First(r => r.FollowUpId == f.RecommendationId))
                    : ((RecordedDecision Decision, RecordedRemedy Remedy)?)null;
                return new LinkFollowUp(
                    f.RecommendationId,
                    remedy is { } x ? $"Remedy for {x.Decision.Reference}" : $"Recommendation {f.RecommendationId}",
                    string.IsNullOrWhiteSpace(f.Text) && remedy is { } y ? y.Remedy.Text : f.Text,
                    RecommendationProgressRows.From(f, now).Status,
                    f.Status == RecommendationStatus.Open && f.CurrentRound is { Awaited: true } round ? round.Due : null,
                    [.. f.Rounds.Where(u => u.Update is not null).Select(u => u.Update!).Select(u => new EarlierWords(u.Text,
                        u.Progress == RecommendationProgress.Done ? "Done" : "In progress",
                        u.By == actor.Email ? "you" : u.ByScrutinyTeam ? "the scrutiny team" : state.OfficerOrAddress(u.By).Name,
                        Core.Calendar.LongDate.Format(DateOnly.FromDateTime(u.At.DateTime))))],
                    f.MayUpdate(actor),
                    typed?.Text ?? "",
                    typed?.Progress,
                    f.Owner is { } owner && owner.Email != actor.Email ? owner.Name : null,
                    remedy is { } z ? z.Decision.Reference : null,
                    remedy?.Remedy.Due);
            })];
    }

    private LinkReview Review(FoundLink found, DateTimeOffset now)
    {
        var (token, state, respondent) = found;
        var team = options.Value;
        // A decisions review's "report" is the month's decisions, named by its month already: no publication to give.
        return new LinkReview(token, state.ReviewId, state.Panel?.Name ?? "", ReviewPages.ReviewPageModel.TitleOf(state),
            state.Kind == ReviewKind.Decisions ? "" : state.FocusReport?.Published.ToDisplayString() ?? "",
            respondent.OnBehalfOf is { } officer ? state.OfficerOrAddress(officer).Name : null,
            state.LastAnswerDay, state.TakesAnswersAt(now), team.TeamName, team.TeamEmail);
    }

    private static List<Assignment> Mine(FoundLink found)
    {
        var state = found.State;
        // The person's own assignments (by the state's index) in the review's order: no pass over every question.
        return [.. state.AssignmentsFor(found.Respondent)
            .OrderBy(a => state.QuestionNumber(a.QuestionId) ?? int.MaxValue)
            .ThenBy(a => QuestionIds.NumberOf(a.Id))];
    }

    private async Task<LinkQuestion> QuestionAsync(FoundLink found, Assignment assignment, string? draft, Attempt? attempt)
    {
        var (_, state, respondent) = found;
        var (heading, question) = state.Placing(assignment.QuestionId);
        var answer = state.Answers.GetValueOrDefault(assignment.QuestionId);
        var takes = state.TakesAnswerFrom(assignment.Id, clock.Now, respondent);
        var questionState = LinkPageModel.StateOf(state, assignment, answer, respondent, draft is not null);
        var others = state.Assignments.Where(a => a.QuestionId == assignment.QuestionId && a.IsCurrent && a.OfficerEmail != assignment.OfficerEmail)
            .Select(a => state.OfficerOrAddress(a.OfficerEmail)).Select(o => string.IsNullOrWhiteSpace(o.Designation) ? o.Name : $"{o.Name} ({o.Designation})").Distinct().ToList();
        var shown = !takes && answer is not null && assignment.IsCurrent ? await html.RenderAnswerAsync(answer.Text) : (Microsoft.AspNetCore.Components.MarkupString?)null;
        return new LinkQuestion(assignment.Id, assignment.QuestionId, heading, question.Text, questionState, takes,
            CanDecline: takes && assignment.IsOpen && respondent.OnBehalfOf is null,
            Value: attempt?.Text ?? draft ?? answer?.Text ?? "",
            Answered: answer is not null,
            DraftPending: draft is not null,
            others, shown, attempt?.Colleague ?? "", attempt?.Reason ?? "",
            DeclineOpen: attempt is not null && (attempt.Reason is not null || attempt.Colleague is not null),
            IsCurrent: assignment.IsCurrent,
            OthersWords: answer is not null && answer.Writer.Email != respondent.Email ? state.OfficerOrAddress(answer.Writer.Email).Name : null,
            Number: state.NumberOf(assignment.QuestionId),
            ColleagueChoices: attempt is not null && attempt.AssignmentId == assignment.Id ? attempt.ColleagueChoices : null);
    }
}
