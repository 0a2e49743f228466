using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Documents;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.FocusReports;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Pages;
using ScrutinyWorkflow.Web.Reviews;
using ScrutinyWorkflow.Web.Routing;
using ScrutinyWorkflow.Web.SignIn;
using ScrutinyWorkflow.Web.Statements;

namespace ScrutinyWorkflow.Web.ReviewPages;

/// <summary>
/// The scrutiny officer's pages: start a review, check its draft, send it, and run it. Each GET shows; each form
/// posts back here, is handed to the command port exactly as the JSON API does it (with the version the page showed,
/// so a change made meanwhile by someone else is refused rather than overwritten), and answers 303 to a GET, or the
/// same page with the decider's problems against their fields.
/// </summary>
public static class ScrutinyOfficerPages
{
    // Room for the multipart boundaries and the other form fields around the file.
    private const long FormOverheadBytes = 1024 * 1024;

    private const string Stale = "Someone else changed this review since you opened this page, so nothing was changed. The page now shows the review as it is: check it and try again.";

    public static IEndpointRouteBuilder MapScrutinyOfficerPages(this IEndpointRouteBuilder app)
    {
        // The start form carries a file: the framework reads it, to find the token, within the upload's own limit.
        var uploadLimit = app.ServiceProvider.GetRequiredService<IOptions<ScrutinyOptions>>().Value.MaxUploadBytes + FormOverheadBytes;
        // Readers may open every page (what they see is theirs to read); only the team may post a form.
        app.MapGet("/reviews/new", NewReview).AddEndpointFilter(SameOriginReferrer).RequireAuthorization(ScrutinyPolicies.Reader);
        app.MapPost("/reviews/new", StartReview).AddEndpointFilter(SameOriginReferrer).RequireAuthorization(ScrutinyPolicies.Officer)
            .RequireFormToken(StartRefused).AcceptsUpTo(uploadLimit);

        var pages = app.MapGroup("/reviews/{id}").AddEndpointFilter(SameOriginReferrer).AddEndpointFilter(ReviewProblems.RefuseImpossibleIds)
            .RequireFormToken(Expired);
        var reads = pages.MapGroup("").RequireAuthorization(ScrutinyPolicies.Reader);
        var changes = pages.MapGroup("").RequireAuthorization(ScrutinyPolicies.Officer);
        reads.MapGet("/", ShowReview);
        reads.MapGet("/draft", ShowDraft);
        reads.MapGet("/draft/questions/{questionId}", EditDraftQuestion);
        changes.MapPost("/draft/questions/{questionId}", SaveDraftQuestion);
        reads.MapGet("/draft/questions/{questionId}/remove", ConfirmRemoval);
        changes.MapPost("/draft/questions/{questionId}/arrange", ArrangeDraft);
        reads.MapGet("/draft/check", CheckDraft);
        changes.MapPost("/dispatch", Dispatch);
        reads.MapGet("/questions/new", NewQuestion);
        changes.MapPost("/questions/new", AddQuestion);
        changes.MapPost("/officers/{email}/remind", Remind);
        reads.MapGet("/release", CheckRelease);
        changes.MapPost("/release", Release);
        foreach (var action in ReviewPageActions.All)
        {
            reads.MapGet(action.Path, (string id, HttpContext context, IReviewQueries queries, CancellationToken cancellationToken) =>
                ShowActionAsync(action, id, context, queries, cancellationToken));
            changes.MapPost(action.Path, (string id, HttpContext context, IReviewQueries queries, IReviewCommands commands, IOfficerDirectory directory, CouncilClock clock, CancellationToken cancellationToken) =>
                DoActionAsync(action, id, context, queries, commands, directory, clock, cancellationToken));
        }
        return app;
    }

    /// <summary>A review page's form posted without its antiforgery token (or unreadable): nothing changed, and the way back.</summary>
    private static Task<IResult> Expired(HttpContext context, Exception? unreadable) => Task.FromResult<IResult>(PagesRegistration.Show<FormExpiredPage>(
        new { BackTo = $"/reviews/{Uri.EscapeDataString(context.Request.RouteValues["id"] as string ?? "")}" }, StatusCodes.Status400BadRequest));

    /// <summary>
    /// The start form posted without its antiforgery token: nothing saved, and what was typed shown back to copy (a
    /// chosen file must be chosen again). A form too large to read says so on the start page, as the handler would.
    /// </summary>
    private static Task<IResult> StartRefused(HttpContext context, Exception? unreadable)
    {
        if (unreadable is not null)
        {
            var services = context.RequestServices;
            var settings = services.GetRequiredService<IOptions<ScrutinyOptions>>().Value;
            return Task.FromResult(UnreadableStart(UnreadableForms.Classify(unreadable), settings, services.GetRequiredService<WorkingCalendar>(), services.GetRequiredService<CouncilClock>()));
        }
        var typed = StartForm.Read(FormTokens.FormAsRead(context));
        IReadOnlyList<KeptText> kept = [new("Focus report title", typed.Title), new("Panel", typed.PanelName), new("Panel email address", typed.PanelEmail), new("Questions", typed.Questions)];
        return Task.FromResult<IResult>(PagesRegistration.Show<FormExpiredPage>(new { BackTo = "/reviews/new", NothingWas = "saved", Kept = kept }, StatusCodes.Status400BadRequest));
    }

    // ---- Start a review ----

    private static IResult NewReview(IOptions<ScrutinyOptions> options, WorkingCalendar calendar, CouncilClock clock) =>
        StartPage(StartForm.Empty, [], options.Value, calendar, clock, StatusCodes.Status200OK);

    private static async Task<IResult> StartReview(HttpContext context, IOptions<ScrutinyOptions> options, WorkingCalendar calendar,
        FocusReportReader reader, DraftRouting routing, IOfficerDirectory directory, IReviewCommands commands, CouncilClock clock,
        IDataProtectionProvider keys, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var limit = settings.MaxUploadBytes;
        var (form, fault) = await ReportUploadApi.ReadFormAsync(context, limit + FormOverheadBytes, cancellationToken);
        if (form is null)
        {
            return UnreadableStart(fault ?? FormFault.TooLarge, settings, calendar, clock);
        }
        var typed = StartForm.Read(form);
        IResult Again(IReadOnlyList<FieldError> errors, int status) => StartPage(typed, errors, settings, calendar, clock, status);

        var file = form.Files.GetFile("file") is { Length: > 0 } chosen ? chosen : null;
        // The report uploaded before this page came back with an error, unless she has chosen another file or pasted questions instead.
        var usesKept = file is null && typed.KeptToken is not null && string.IsNullOrWhiteSpace(typed.Questions);
        var kept = usesKept ? KeptReports.Find(keys, typed.KeptToken) : null;
        typed = typed with { KeptToken = null };
        if (usesKept && kept is null)
        {
            return Again([new("file", "The report you uploaded earlier could not be kept. Choose the file again.")], StatusCodes.Status400BadRequest);
        }
        IReadOnlyList<AreaInput> areas;
        IReadOnlyList<string>? layoutDoubts = null;
        var title = typed.Title;
        var published = typed.PublishedMonth;
        if (kept is not null)
        {
            typed = typed with { KeptToken = KeptReports.Keep(keys, kept), KeptFileName = kept.FileName };
            title = string.IsNullOrWhiteSpace(title) ? kept.Title ?? "" : title;
            published ??= kept.Published;
            areas = kept.Areas;
        }
        else if (file is not null)
        {
            if (file.Length > limit)
            {
                return Again([new("file", $"The file is larger than {Megabytes(limit)} MB. Upload the accessible (text) version of the report, or paste its questions.")], StatusCodes.Status413PayloadTooLarge);
            }
            IngestionOutcome outcome;
            await using (var content = file.OpenReadStream())
            {
                outcome = await reader.ReadAsync(content, file.FileName, cancellationToken);
            }
            if (outcome is IngestionRejected rejected)
            {
                return Again([new("file", $"{rejected.Title} {rejected.Detail}")],
                    rejected.Code == FocusReportReader.Busy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest);
            }
            var read = (Ingested)outcome;
            var report = read.Report;
            layoutDoubts = read.Doubts;
            // What the scrutiny officer typed wins over what was read from the report.
            title = string.IsNullOrWhiteSpace(title) ? report.Title : title;
            published ??= report.Published;
            areas = [.. report.Areas.Select(a => new AreaInput(a.Heading, [.. a.Questions.Select(q => new QuestionInput(q.Text, [], Source: q.Source))]))];
            // Should anything else on the form be refused, the page comes back holding this report, not asking for the file again.
            var name = Path.GetFileName(file.FileName);
            typed = typed with
            {
                KeptToken = KeptReports.Keep(keys, new KeptReport(name, report.Title, report.Published, areas)),
                KeptFileName = name,
            };
        }
        else
        {
            areas = PastedQuestions.Read(typed.Questions);
        }

        // Each question gets the officers the routing rules propose, as the API's upload does, for her to confirm.
        areas = routing.Propose(areas);
        var known = await directory.FindWithManagersAsync(ReviewRequests.OfficersNamed(areas), cancellationToken);
        var id = ReviewsApi.NewReviewId();
        var command = new DraftReview(id, title, published, typed.PanelName, typed.PanelEmail, typed.Meeting.Date, typed.Deadline.Date, areas, known, clock.Now, typed.AutomaticRelease, layoutDoubts);
        return await DecideAsync(commands, id, command, expected: null, $"/reviews/{id}/draft", (errors, status) => Task.FromResult(Again(errors, status)),
            problem => StartField(problem, typed, file is not null || kept is not null), cancellationToken);
    }

    /// <summary>The start page's fields, top to bottom.</summary>
    private static readonly string?[] StartFieldOrder =
        [null, "file", "questions", "title", "published-month", "panel-name", "panel-email", "meeting-day", "deadline-day", "release"];

    /// <summary>The start form, refused by the form reader, with what was wrong with it against the file.</summary>
    private static IResult UnreadableStart(FormFault fault, ScrutinyOptions settings, WorkingCalendar calendar, CouncilClock clock)
    {
        var (message, status) = fault switch
        {
            FormFault.TooLarge => ($"The file is larger than {Megabytes(settings.MaxUploadBytes)} MB. Upload the accessible (text) version of the report, or paste its questions.",
                StatusCodes.Status413PayloadTooLarge),
            FormFault.TooManyParts => ("The form had far more fields than this page sends, so nothing was saved. Fill in this page and press Continue.", StatusCodes.Status400BadRequest),
            FormFault.TooSlow => ("The file arrived too slowly, so nothing was saved. Check your connection, choose the file again and press Continue.", StatusCodes.Status408RequestTimeout),
            _ => ("The form arrived incomplete or could not be read, so nothing was saved. Choose the file again and press Continue.", StatusCodes.Status400BadRequest),
        };
        return StartPage(StartForm.Empty, [new("file", message)], settings, calendar, clock, status);
    }

    private static IResult StartPage(StartForm form, IReadOnlyList<FieldError> errors, ScrutinyOptions settings, WorkingCalendar calendar, CouncilClock clock, int status)
    {
        // A worked example of the clear-days rule on a meeting about six weeks away, so the rule is plain before it bites.
        var meeting = calendar.NextWorkingDayOnOrAfter(DateOnly.FromDateTime(clock.Now.DateTime).AddDays(42));
        var latest = ChaseSchedule.LatestDeadline(meeting, settings.ClearWorkingDaysBeforeMeeting, calendar);
        return PagesRegistration.Show<StartReviewPage>(new
        {
            Form = form,
            // The summary lists problems in the order of the fields on the page, whatever order they were found in.
            Errors = errors.OrderBy(e => Array.IndexOf(StartFieldOrder, e.FieldId) is var at and >= 0 ? at : int.MaxValue).ToList(),
            ClearDays = settings.ClearWorkingDaysBeforeMeeting,
            Example = $"For example, for a meeting on {LongDate.FormatWithDay(meeting)} the latest deadline is {LongDate.FormatWithDay(latest)}.",
            MaxUploadMegabytes = Megabytes(settings.MaxUploadBytes),
        }, status);
    }

    private static FieldError StartField(Problem problem, StartForm typed, bool uploaded) => problem.Field switch
    {
        "focusReport.title" => new("title", uploaded ? $"{problem.Message} The report did not say it." : problem.Message),
        "focusReport.published" => new("published-month", typed.Published.IsBlank
            ? (uploaded ? "Enter the month the report was published: the report did not say it." : "Enter the month the report was published")
            : "The month the report was published must be a real month, for example 12 2020"),
        "panel.name" => new("panel-name", problem.Message),
        "panel.email" => new("panel-email", problem.Message),
        "meetingDate" => new("meeting-day", DateMessage(typed.Meeting, "the panel meeting date", problem.Message)),
        "deadline" => new("deadline-day", DateMessage(typed.Deadline, "the deadline for answers", problem.Message)),
        "areas" when !uploaded && string.IsNullOrWhiteSpace(typed.Questions) => new("file", "Upload the focus report, or paste its questions"),
        _ => new(uploaded ? "file" : "questions", problem.Message),
    };

    // ---- The draft ----

    private static async Task<IResult> ShowDraft(string id, string? done, string? question, IReviewQueries queries, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is not { } review)
        {
            return Results.NotFound();
        }
        if (review.State.Status == ReviewStatus.Discarded)
        {
            return Results.NotFound();
        }
        if (review.State.Status != ReviewStatus.Draft)
        {
            return SeeOther($"/reviews/{id}");
        }
        var message = done switch
        {
            "saved" => "The question is saved.",
            "moved" => "The question is moved.",
            "removed" => question is { Length: > 0 } ? $"Question {question} is removed." : "The question is removed.",
            "renamed" => "The area of focus is renamed.",
            "dates" => "The meeting date and deadline are changed.",
            _ => ReviewPageActions.All.FirstOrDefault(a => a.Done == done && a.Page == "/draft")?.Message,
        };
        return DraftPage(review, [], message, StatusCodes.Status200OK);
    }

    private static IResult DraftPage(ReviewSnapshot review, IReadOnlyList<FieldError> errors, string? message, int status) =>
        PagesRegistration.Show<DraftPage>(new { Model = DraftPageModel.From(review.State, review.Version), Errors = errors, Message = message }, status);

    private static async Task<IResult> ArrangeDraft(string id, string questionId, HttpContext context, IReviewQueries queries, IReviewCommands commands,
        IOfficerDirectory directory, CouncilClock clock, CancellationToken cancellationToken)
    {
        if (await FindDraftAsync(id, queries, cancellationToken) is not { } review)
        {
            return Results.NotFound();
        }
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var edit = form["edit"].ToString();
        var areas = edit == "remove" ? DraftEdits.Remove(review.State, questionId) : DraftEdits.Move(review.State, questionId, up: edit == "up");
        var command = new ReviseQuestions(areas, await directory.FindWithManagersAsync(ReviewRequests.OfficersNamed(areas), cancellationToken), clock.Now);
        return await DecideAsync(commands, id, command, Version(form), edit == "remove" ? $"/reviews/{id}/draft?done=removed&question={review.State.NumberOf(questionId)}" : $"/reviews/{id}/draft?done=moved#question-{questionId}",
            async (errors, status) => DraftPage(await queries.FindAsync(id, cancellationToken) ?? review, errors, null, status),
            problem => new(AnchorIn(areas, problem.Field), problem.Message), cancellationToken);
    }

    /// <summary>"Remove" asks once more, showing the question, before anything is removed.</summary>
    private static async Task<IResult> ConfirmRemoval(string id, string questionId, IReviewQueries queries, CancellationToken cancellationToken)
    {
        if (await FindDraftAsync(id, queries, cancellationToken) is not { } review || review.State.FindQuestion(questionId) is not { } question)
        {
            return Results.NotFound();
        }
        return PagesRegistration.Show<RemoveQuestionPage>(new
        {
            Id = id,
            review.Version,
            Title = review.State.FocusReport?.Title ?? "",
            QuestionId = questionId,
            Number = review.State.NumberOf(questionId),
            Area = review.State.Placing(questionId).Heading,
            question.Text,
        });
    }

    private static async Task<IResult> EditDraftQuestion(string id, string questionId, IReviewQueries queries, CancellationToken cancellationToken)
    {
        if (await FindDraftAsync(id, queries, cancellationToken) is not { } review)
        {
            return Results.NotFound();
        }
        var state = review.State;
        if (questionId == "new")
        {
            return QuestionPage(BlankQuestion(review, afterDispatch: false), StatusCodes.Status200OK);
        }
        if (state.FindQuestion(questionId) is not { } question)
        {
            return Results.NotFound();
        }
        return QuestionPage(BlankQuestion(review, afterDispatch: false) with
        {
            QuestionId = questionId,
            Number = state.NumberOf(questionId),
            Text = question.Text,
            Area = state.Placing(questionId).Heading,
            Officers = [.. question.OfficerEmails.Select(e => Choice(state, e))],
        }, StatusCodes.Status200OK);
    }

    private static async Task<IResult> SaveDraftQuestion(string id, string questionId, HttpContext context, IReviewQueries queries, IReviewCommands commands,
        IOfficerDirectory directory, CouncilClock clock, CancellationToken cancellationToken)
    {
        if (await FindDraftAsync(id, queries, cancellationToken) is not { } review)
        {
            return Results.NotFound();
        }
        var existing = questionId == "new" ? null : questionId;
        if (existing is not null && review.State.FindQuestion(existing) is null)
        {
            return Results.NotFound();
        }
        var (typed, picking) = await ReadQuestionAsync(context, review, existing, afterDispatch: false, directory, cancellationToken);
        if (picking)
        {
            return QuestionPage(typed, typed.Errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
        }
        var areas = DraftEdits.Put(review.State, existing, typed.Text, typed.Heading, [.. typed.Officers.Select(o => o.Email)]);
        var command = new ReviseQuestions(areas, await directory.FindWithManagersAsync(ReviewRequests.OfficersNamed(areas), cancellationToken), clock.Now);
        var (area, index) = Position(areas, existing);
        return await DecideAsync(commands, id, command, typed.Version, existing is null ? $"/reviews/{id}/draft?done=saved" : $"/reviews/{id}/draft?done=saved#question-{existing}",
            async (errors, status) => QuestionPage(typed with { Errors = errors, Version = (await queries.FindAsync(id, cancellationToken))?.Version ?? typed.Version }, status),
            problem => QuestionField(problem, $"areas[{area}].questions[{index}]", $"areas[{area}].heading", typed), cancellationToken);
    }

    private static async Task<IResult> CheckDraft(string id, IReviewQueries queries, IOfficersAway away, CancellationToken cancellationToken)
    {
        if (await FindDraftAsync(id, queries, cancellationToken) is not { } review)
        {
            return SeeOther($"/reviews/{id}");
        }
        return await CheckPageAsync(review, [], StatusCodes.Status200OK, away, cancellationToken);
    }

    private static async Task<IResult> CheckPageAsync(ReviewSnapshot review, IReadOnlyList<FieldError> errors, int status, IOfficersAway away, CancellationToken cancellationToken)
    {
        var officerCount = review.State.Questions.SelectMany(q => q.OfficerEmails).Distinct(StringComparer.Ordinal).Count();
        var warnings = (await away.AwayAsync(review.State, cancellationToken)).Select(a => a.Replies.Until is { } until
            ? $"{AuditSentences.Person(review.State, a.Email)}, away until {LongDate.FormatWithDay(DateOnly.FromDateTime(until.DateTime))}"
            : $"{AuditSentences.Person(review.State, a.Email)}, away with no return date").ToList();
        return PagesRegistration.Show<CheckDraftPage>(new { Model = DraftPageModel.From(review.State, review.Version), Errors = errors, Away = warnings, OfficerCount = officerCount }, status);
    }

    /// <summary>Sends the requests, then notes who is away past the deadline (as the API's dispatch does), so their chasers go to their managers early.</summary>
    private static async Task<IResult> Dispatch(string id, HttpContext context, IReviewQueries queries, IReviewCommands commands, IOfficersAway away,
        CouncilClock clock, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is not { } review)
        {
            return Results.NotFound();
        }
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var draft = DraftEdits.Current(review.State);
        var outcome = await HandleAsync(commands, id, new DispatchReview(clock.Now), Version(form), cancellationToken);
        if (outcome is CommandApplied or CommandReceived)
        {
            await away.RefreshReviewAsync(id, cancellationToken);
        }
        return await AnswerAsync(outcome, $"/reviews/{id}?done=sent",
            async (errors, status) => await CheckPageAsync(await queries.FindAsync(id, cancellationToken) ?? review, errors, status, away, cancellationToken),
            problem => new(AnchorIn(draft, problem.Field), problem.Message));
    }

    // ---- A running review ----

    private static async Task<IResult> ShowReview(string id, string? done, IReviewQueries queries, CouncilClock clock, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is not { } review)
        {
            return Results.NotFound();
        }
        if (review.State.Status == ReviewStatus.Draft)
        {
            return SeeOther($"/reviews/{id}/draft");
        }
        if (review.State.Status == ReviewStatus.Discarded)
        {
            return Results.NotFound();
        }
        return await ReviewPageAsync(review, [], Done(done, review.State.Kind), StatusCodes.Status200OK, queries, clock, cancellationToken);
    }

    private static async Task<IResult> ReviewPageAsync(ReviewSnapshot review, IReadOnlyList<FieldError> errors, string? message, int status,
        IReviewQueries queries, CouncilClock clock, CancellationToken cancellationToken)
    {
        var trail = await queries.AuditTrailAsync(review.State.ReviewId, cancellationToken) ?? [];
        var model = ReviewPageModel.From(review.State, review.Version, [.. trail.Select(e => e.Event)], clock.Now);
        var problem = await queries.RuntimeProblemAsync(review.State.ReviewId, cancellationToken);
        return PagesRegistration.Show<ReviewPage>(new { Model = model, Errors = errors, Message = message, RuntimeProblem = problem }, status);
    }

    private static string? Done(string? done, ReviewKind kind) => done switch
    {
        "sent" => "The review is sent. Each officer has been emailed one link to all their questions.",
        "reminded" => "The officer is reminded of their open questions.",
        "released" => $"The {StatusWords.PaperOf(kind)} is released: it is filed for the panel and the panel is emailed.",
        "question-added" => "The question is added and its officers are asked.",
        _ => ReviewPageActions.All.FirstOrDefault(a => a.Done == done)?.Message,
    };

    private static Task<IResult> Remind(string id, string email, HttpContext context, IReviewQueries queries, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken) =>
        ButtonAsync(id, context, queries, commands, clock, new RemindOfficer(email, clock.Now), $"/reviews/{id}?done=reminded#officers", cancellationToken);

    /// <summary>What the panel will get, as they will get it, with the button that sends it; the review's page when there is nothing to release.</summary>
    private static async Task<IResult> CheckRelease(string id, IReviewQueries queries, StatementDocuments documents, StatementHtml html,
        IOptions<ScrutinyOptions> scrutiny, IOptions<StatementOptions> statement, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is not { } review)
        {
            return Results.NotFound();
        }
        if (review.State.Status != ReviewStatus.Assembled)
        {
            return Results.Redirect($"/reviews/{id}#statement");
        }
        // A month's decisions go as their paper, built as its download is (the year's remedies, progress on recommendations).
        var decisions = StatementDocuments.IsDecisionsPaper(review.State) ? await documents.DecisionsPaperAsync(review.State, cancellationToken) : null;
        var paper = decisions is null ? StatementDocuments.Paper(review.State) : null;
        return PagesRegistration.Show<ReleaseCheckPage>(new
        {
            ReviewId = id,
            review.Version,
            Paper = paper,
            Decisions = decisions,
            Answers = decisions is null ? await html.RenderAnswersAsync(paper!) : await html.RenderAnswersAsync(decisions),
            CoverReportSent = paper is not null && documents.CoverReportForPanel(paper),
            statement.Value.AppendixNumber,
            scrutiny.Value.TeamName,
            scrutiny.Value.TeamEmail,
        });
    }

    private static Task<IResult> Release(string id, HttpContext context, IReviewQueries queries, IReviewCommands commands, CouncilClock clock, CancellationToken cancellationToken) =>
        ButtonAsync(id, context, queries, commands, clock, new ReleaseStatement(clock.Now), $"/reviews/{id}?done=released#statement", cancellationToken);

    /// <summary>A button on the review's page: done, or the page again with why not.</summary>
    private static async Task<IResult> ButtonAsync(string id, HttpContext context, IReviewQueries queries, IReviewCommands commands, CouncilClock clock,
        ReviewCommand command, string success, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is null)
        {
            return Results.NotFound();
        }
        var form = await context.Request.ReadFormAsync(cancellationToken);
        return await DecideAsync(commands, id, command, Version(form), success,
            async (errors, status) => await ReviewPageAsync((await queries.FindAsync(id, cancellationToken))!, errors, null, status, queries, clock, cancellationToken),
            problem => new(null, problem.Message), cancellationToken);
    }

    private static async Task<IResult> NewQuestion(string id, IReviewQueries queries, CancellationToken cancellationToken) =>
        await queries.FindAsync(id, cancellationToken) is { } review
            ? QuestionPage(BlankQuestion(review, afterDispatch: true), StatusCodes.Status200OK)
            : Results.NotFound();

    private static async Task<IResult> AddQuestion(string id, HttpContext context, IReviewQueries queries, IReviewCommands commands, IOfficerDirectory directory, CouncilClock clock, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is not { } review)
        {
            return Results.NotFound();
        }
        var (typed, picking) = await ReadQuestionAsync(context, review, null, afterDispatch: true, directory, cancellationToken);
        if (picking)
        {
            return QuestionPage(typed, typed.Errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
        }
        var officers = typed.Officers.Select(o => o.Email).ToList();
        var command = new Core.Reviews.AddQuestion(typed.Heading, typed.Text, officers, await directory.FindWithManagersAsync(officers, cancellationToken), clock.Now);
        return await DecideAsync(commands, id, command, typed.Version, $"/reviews/{id}?done=question-added#questions",
            async (errors, status) => QuestionPage(typed with { Errors = errors, Version = (await queries.FindAsync(id, cancellationToken))?.Version ?? typed.Version }, status),
            problem => QuestionField(problem, "", "area", typed), cancellationToken);
    }

    // ---- One-step actions ----

    private static async Task<IResult> ShowActionAsync(ReviewPageAction action, string id, HttpContext context, IReviewQueries queries, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is not { } review || !action.Applies(review.State, Item(context)))
        {
            return Results.NotFound();
        }
        return ActionPage(action.Form(review, Item(context), null), StatusCodes.Status200OK);
    }

    private static async Task<IResult> DoActionAsync(ReviewPageAction action, string id, HttpContext context, IReviewQueries queries, IReviewCommands commands,
        IOfficerDirectory directory, CouncilClock clock, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(id, cancellationToken) is not { } review || !action.Applies(review.State, Item(context)))
        {
            return Results.NotFound();
        }
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var typed = action.Form(review, Item(context), form);
        if (form["pick"].ToString() is { Length: > 0 } picked)
        {
            return ActionPage(typed with { Fields = [.. typed.Fields.Select(f => f.Kind == FieldKind.Officer ? f with { Value = picked } : f)] }, StatusCodes.Status200OK);
        }
        if (form["action"] == "search")
        {
            var text = typed.Fields.First(f => f.Kind == FieldKind.Officer).Value;
            return ActionPage(typed with { Results = [.. (await directory.SearchAsync(text, 10, cancellationToken)).Select(OfficerChoice.Of)] }, StatusCodes.Status200OK);
        }
        if (action.Unreadable?.Invoke(typed) is { } unreadable)
        {
            return ActionPage((typed with { Errors = [unreadable] }).WithErrorsOnFields(), StatusCodes.Status400BadRequest);
        }
        var signedIn = context.RequestServices.GetRequiredService<ICurrentOfficer>().SignedIn?.Email ?? "";
        var command = await action.Command(new ActionInput(review.State, Item(context), typed, directory, clock.Now, cancellationToken, signedIn));
        return await DecideAsync(commands, id, command, Version(form), action.SuccessFor(id),
            async (errors, status) => ActionPage((typed with { Errors = errors, Version = (await queries.FindAsync(id, cancellationToken))?.Version ?? typed.Version })
                .WithErrorsOnFields(), status),
            problem => action.FieldOf(problem, typed), cancellationToken);
    }

    private static IResult ActionPage(ActionForm form, int status) => PagesRegistration.Show<ActionPage>(new { Form = form }, status);

    private static string? Item(HttpContext context) =>
        (context.Request.RouteValues.GetValueOrDefault("assignmentId") ?? context.Request.RouteValues.GetValueOrDefault("questionId")
            ?? context.Request.RouteValues.GetValueOrDefault("area") ?? context.Request.RouteValues.GetValueOrDefault("followUpId")) as string;

    // ---- Shared ----

    /// <summary>
    /// Hands the command to the command port as the JSON API does, with the version the page showed: done is a 303 to
    /// a GET; a refusal or a stale page comes back as the page again, with the problems against their fields.
    /// </summary>
    private static async Task<IResult> DecideAsync(IReviewCommands commands, string id, ReviewCommand command, long? expected, string success,
        Func<IReadOnlyList<FieldError>, int, Task<IResult>> again, Func<Problem, FieldError> fieldOf, CancellationToken cancellationToken) =>
        await AnswerAsync(await HandleAsync(commands, id, command, expected, cancellationToken), success, again, fieldOf);

    /// <summary>The command's outcome, or null when the store stayed busy and nothing was recorded.</summary>
    private static async Task<CommandOutcome?> HandleAsync(IReviewCommands commands, string id, ReviewCommand command, long? expected, CancellationToken cancellationToken)
    {
        try
        {
            return await commands.HandleAsync(id, command, expected, cancellationToken);
        }
        catch (Exception ex) when (ReviewBusyExceptionHandler.IsBusy(ex))
        {
            return null;
        }
    }

    private static async Task<IResult> AnswerAsync(CommandOutcome? outcome, string success, Func<IReadOnlyList<FieldError>, int, Task<IResult>> again, Func<Problem, FieldError> fieldOf) =>
        outcome switch
        {
            null => await again([new(null, "The service was busy, so nothing was changed. Press the button again in a moment.")], StatusCodes.Status503ServiceUnavailable),
            CommandApplied or CommandReceived => SeeOther(success),
            CommandRefused { Rejection.Code: RejectionCodes.Invalid } refused => await again([.. refused.Rejection.Problems.Select(fieldOf)], StatusCodes.Status400BadRequest),
            CommandRefused refused => await again([new(null, refused.Rejection.Message)],
                refused.Rejection.Code == RejectionCodes.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict),
            _ => await again([new(null, Stale)], StatusCodes.Status409Conflict),
        };

    /// <summary>
    /// These pages' addresses hold no secret, so they relax the host's <c>no-referrer</c> to <c>same-origin</c>: under
    /// <c>no-referrer</c> a browser sends its form posts with <c>Origin: null</c>, which the host rightly refuses as
    /// possibly cross-site. Other sites still get no referrer.
    /// </summary>
    public static async ValueTask<object?> SameOriginReferrer(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.HttpContext.Response.Headers["Referrer-Policy"] = "same-origin";
        return await next(context);
    }

    private static async Task<ReviewSnapshot?> FindDraftAsync(string id, IReviewQueries queries, CancellationToken cancellationToken) =>
        await queries.FindAsync(id, cancellationToken) is { State.Status: ReviewStatus.Draft } review ? review : null;

    private static QuestionForm BlankQuestion(ReviewSnapshot review, bool afterDispatch) => new(
        review.State.ReviewId, review.State.FocusReport?.Title ?? "", review.Version, null, afterDispatch, "",
        review.State.Areas.Count > 0 ? review.State.Areas[0].Heading : QuestionForm.NewAreaChoice, "", [.. review.State.Areas.Select(a => a.Heading)], [], "", null, []);

    /// <summary>
    /// The question form as posted. Searching the directory, adding and removing an officer only show the form again
    /// with the change (<c>picking</c>); the review changes only when it is saved.
    /// </summary>
    private static async Task<(QuestionForm Form, bool Picking)> ReadQuestionAsync(HttpContext context, ReviewSnapshot review, string? questionId, bool afterDispatch,
        IOfficerDirectory directory, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var officers = form["officer"].OfType<string>().Select(Officer.NormaliseEmail).Where(e => e.Length > 0).Distinct().ToList();
        var typed = BlankQuestion(review, afterDispatch) with
        {
            QuestionId = questionId,
            Number = questionId is null ? 0 : review.State.NumberOf(questionId),
            Version = Version(form) ?? review.Version,
            Text = form["text"].ToString(),
            Area = form["area"].ToString(),
            NewArea = form["new-area"].ToString(),
            Search = form["search"].ToString(),
        };
        var picking = true;
        if (form["add"].ToString() is { Length: > 0 } add)
        {
            officers = [.. officers.Append(Officer.NormaliseEmail(add)).Distinct()];
        }
        else if (form["remove"].ToString() is { Length: > 0 } remove)
        {
            officers.Remove(Officer.NormaliseEmail(remove));
        }
        else if (form["action"] == "search")
        {
            typed = string.IsNullOrWhiteSpace(typed.Search)
                ? typed with { Errors = [new("search", "Enter part of an officer's name or email address to search for")] }
                : typed with { Results = [.. (await directory.SearchAsync(typed.Search.Trim(), 10, cancellationToken)).Select(OfficerChoice.Of)] };
        }
        else
        {
            picking = false;
        }
        var choices = new List<OfficerChoice>();
        foreach (var email in officers)
        {
            choices.Add(review.State.Officers.ContainsKey(email) ? Choice(review.State, email)
                : await directory.FindAsync(email, cancellationToken) is { } found ? OfficerChoice.Of(found) : new(email, email));
        }
        return (typed with { Officers = choices }, picking);
    }

    private static IResult QuestionPage(QuestionForm form, int status) => PagesRegistration.Show<QuestionPage>(new { Form = form }, status);

    private static OfficerChoice Choice(ReviewState state, string email) => OfficerChoice.Of(state.OfficerOrAddress(email));

    private static FieldError QuestionField(Problem problem, string questionPath, string headingPath, QuestionForm typed)
    {
        var field = questionPath.Length > 0 && problem.Field.StartsWith(questionPath + ".", StringComparison.Ordinal) ? problem.Field[(questionPath.Length + 1)..] : problem.Field;
        return field switch
        {
            "text" => new("text", problem.Message),
            _ when field.StartsWith("officers", StringComparison.Ordinal) => new("search", problem.Message),
            _ when field == headingPath || field == "area" => new(typed.Area == QuestionForm.NewAreaChoice ? "new-area" : "area", problem.Message),
            _ => new(null, problem.Message),
        };
    }

    private static (int Area, int Index) Position(IReadOnlyList<AreaInput> areas, string? questionId)
    {
        for (var a = 0; a < areas.Count; a++)
        {
            for (var q = 0; q < areas[a].Questions.Count; q++)
            {
                if (areas[a].Questions[q].QuestionId == questionId)
                {
                    return (a, q);
                }
            }
        }
        return (-1, -1);
    }

    /// <summary>The anchor of the question a problem's field names (<c>areas[1].questions[0].officers</c>), in the areas the command was given.</summary>
    private static string? AnchorIn(IReadOnlyList<AreaInput> areas, string field)
    {
        var match = System.Text.RegularExpressions.Regex.Match(field, @"^areas\[(\d+)\]\.questions\[(\d+)\]");
        return match.Success && int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) is var a && a < areas.Count
            && int.Parse(match.Groups[2].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) is var q && q < areas[a].Questions.Count
            && areas[a].Questions[q].QuestionId is { } id
            ? $"question-{id}"
            : null;
    }

    /// <summary>What to say about a date the decider refused: the boxes left empty or not a date are the form's to word, the rest the decider's.</summary>
    internal static string DateMessage(DateAnswer typed, string what, string deciderMessage) =>
        typed.IsBlank ? $"Enter {what}" : typed.Unreadable(Capitalised(what)) ?? deciderMessage;

    private static string Capitalised(string what) => what.StartsWith("the ", StringComparison.Ordinal) ? char.ToUpperInvariant(what[4]) + what[5..] : what;

    private static long? Version(IFormCollection form) =>
        long.TryParse(form["version"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : null;

    private static string Megabytes(long bytes) => (bytes / (1024 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>POST, redirect, GET: the 303 that makes the browser fetch the page with GET, so a refresh sends nothing again.</summary>
    internal static IResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
