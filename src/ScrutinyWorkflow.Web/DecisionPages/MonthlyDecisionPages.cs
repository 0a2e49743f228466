using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Documents;
using ScrutinyWorkflow.Documents.Decisions;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.FocusReports;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Pages;
using ScrutinyWorkflow.Web.ReviewPages;
using ScrutinyWorkflow.Web.Reviews;
using ScrutinyWorkflow.Web.Routing;
using ScrutinyWorkflow.Web.SignIn;

namespace ScrutinyWorkflow.Web.DecisionPages;

/// <summary>
/// Recording a month's Ombudsman decisions about the council (issue 26): the statements uploaded or pasted (or none,
/// to enter them by hand), then a check page with every field read, the doubtful ones marked, and each decision's
/// officer proposed by the routing rules. Nothing is kept until she presses Create: the check page is the upload's
/// answer and holds the whole proposal in its own fields, and Create hands the decisions to the command port as the
/// Start a review page does, answering 303 to the new review's page or the check page with the decider's problems.
/// </summary>
public static partial class MonthlyDecisionPages
{
    // Room for the multipart boundaries and the other form fields around the file.
    private const long FormOverheadBytes = 1024 * 1024;

    // Every field of a month's decisions (about 15 for each, 6 for each remedy) however many the council had.
    private const int CheckFormFields = 20_000;

    public static IEndpointRouteBuilder MapDecisionPages(this IEndpointRouteBuilder app)
    {
        var uploadLimit = app.ServiceProvider.GetRequiredService<IOptions<ScrutinyOptions>>().Value.MaxUploadBytes + FormOverheadBytes;
        var pages = app.MapGroup("/reviews/decisions").AddEndpointFilter(ScrutinyOfficerPages.SameOriginReferrer);
        pages.MapGet("/new", NewDecisions).RequireAuthorization(ScrutinyPolicies.Reader);
        pages.MapPost("/new", ReadDecisionsAsync).RequireAuthorization(ScrutinyPolicies.Officer).RequireFormToken(StartRefused).AcceptsUpTo(uploadLimit);
        pages.MapPost("/check", CheckDecisionsAsync).RequireAuthorization(ScrutinyPolicies.Officer).RequireFormToken(CheckRefused)
            .WithFormOptions(valueCountLimit: CheckFormFields);
        return app;
    }

    // ---- The statements ----

    private static IResult NewDecisions(IOptions<ScrutinyOptions> options, WorkingCalendar calendar, CouncilClock clock) =>
        StartPage(DecisionsStartForm.Empty, [], new(options.Value, calendar, clock), StatusCodes.Status200OK);

    private static async Task<IResult> ReadDecisionsAsync(HttpContext context, IOptions<ScrutinyOptions> options, FocusReportReader reports, DraftRouting routing,
        WorkingCalendar calendar, CouncilClock clock, IDataProtectionProvider keys, CancellationToken cancellationToken)
    {
        var settings = new PageSettings(options.Value, calendar, clock);
        var reader = new DecisionReader(reports, calendar, options);
        var limit = settings.Options.MaxUploadBytes;
        var (form, fault) = await ReportUploadApi.ReadFormAsync(context, limit + FormOverheadBytes, cancellationToken);
        if (form is null)
        {
            return Unreadable(fault ?? FormFault.TooLarge, DecisionsStartForm.Empty, settings);
        }
        var typed = DecisionsStartForm.Read(form);
        IResult Again(string field, string message, int status) => StartPage(typed, [new(field, message)], settings, status);

        var rows = new List<DecisionRow>();
        var file = form.Files.GetFile("file") is { Length: > 0 } chosen ? chosen : null;
        // The statements read from the file uploaded before this page came back with an error, unless she has chosen another.
        var kept = file is null && typed.KeptToken is not null ? KeptDecisions.Find(keys, typed.KeptToken) : null;
        typed = typed with { KeptToken = null };
        if (file is null && form[KeptDecisions.Field].ToString().Length > 0 && kept is null)
        {
            return Again("file", "The statements you uploaded earlier could not be kept. Choose the file again.", StatusCodes.Status400BadRequest);
        }
        if (kept is not null)
        {
            rows.AddRange(kept.Decisions);
            typed = typed with { KeptToken = KeptDecisions.Keep(keys, kept), KeptFileName = kept.FileName };
        }
        else if (file is not null)
        {
            if (file.Length > limit)
            {
                return Again("file", TooLargeMessage(settings), StatusCodes.Status413PayloadTooLarge);
            }
            IngestionOutcome outcome;
            await using (var content = file.OpenReadStream())
            {
                outcome = await reader.ReadAsync(content, file.FileName, cancellationToken);
            }
            if (outcome is IngestionRejected rejected)
            {
                return Again("file", $"{rejected.Title} {rejected.Detail}", Status(rejected));
            }
            var name = Path.GetFileName(file.FileName);
            rows.AddRange(((DecisionsIngested)outcome).Decisions.Select(d => DecisionProposals.Row(d, name, routing)));
            // Should the pasted text beside it be refused, the page comes back holding these, not asking for the file again.
            typed = typed with { KeptToken = KeptDecisions.Keep(keys, new KeptUpload(name, rows)), KeptFileName = name };
        }
        if (!string.IsNullOrWhiteSpace(typed.Pasted))
        {
            IngestionOutcome outcome;
            using (var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(typed.Pasted)))
            {
                outcome = await reader.ReadAsync(content, "pasted.txt", cancellationToken);
            }
            if (outcome is IngestionRejected rejected)
            {
                return Again("pasted", $"{rejected.Title} {rejected.Detail}", Status(rejected));
            }
            rows.AddRange(((DecisionsIngested)outcome).Decisions.Select(d => DecisionProposals.Row(d, "the pasted text", routing)));
        }
        if (rows.Count > DecisionsCheckForm.MaxDecisions)
        {
            return Again("file", $"That is {rows.Count} decisions; one review holds at most {DecisionsCheckForm.MaxDecisions}. Record them in two reviews.", StatusCodes.Status400BadRequest);
        }
        // A month with no statements to upload is entered by hand, starting from one empty decision.
        var check = new DecisionsCheckForm(typed.Month.IsBlank ? DecisionProposals.MonthOf(rows) : typed.Month, typed.PanelName, typed.PanelEmail,
            typed.Meeting, typed.Deadline, rows.Count == 0 ? [DecisionRow.Blank] : rows);
        return CheckPage(check, [], settings, StatusCodes.Status200OK);
    }

    private static int Status(IngestionRejected rejected) =>
        rejected.Code == FocusReportReader.Busy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest;

    private static string TooLargeMessage(PageSettings settings) =>
        $"The file is larger than {Megabytes(settings.Options.MaxUploadBytes)} MB. Upload the statements as text or a web page, or paste them.";

    private static IResult Unreadable(FormFault fault, DecisionsStartForm typed, PageSettings settings)
    {
        var (message, status) = fault switch
        {
            FormFault.TooLarge => (TooLargeMessage(settings), StatusCodes.Status413PayloadTooLarge),
            FormFault.TooManyParts => ("The form had far more fields than this page sends, so nothing was read. Fill in this page and press Continue.", StatusCodes.Status400BadRequest),
            FormFault.TooSlow => ("The file arrived too slowly, so nothing was read. Check your connection, choose the file again and press Continue.", StatusCodes.Status408RequestTimeout),
            _ => ("The form arrived incomplete or could not be read, so nothing was read. Choose the file again and press Continue.", StatusCodes.Status400BadRequest),
        };
        return StartPage(typed, [new("file", message)], settings, status);
    }

    private static Task<IResult> StartRefused(HttpContext context, Exception? unreadable)
    {
        var services = context.RequestServices;
        var settings = new PageSettings(services.GetRequiredService<IOptions<ScrutinyOptions>>().Value, services.GetRequiredService<WorkingCalendar>(), services.GetRequiredService<CouncilClock>());
        if (unreadable is not null)
        {
            return Task.FromResult(Unreadable(UnreadableForms.Classify(unreadable), DecisionsStartForm.Empty, settings));
        }
        var typed = DecisionsStartForm.Read(FormTokens.FormAsRead(context));
        IReadOnlyList<KeptText> kept = [new("Decision statements", typed.Pasted), new("Panel", typed.PanelName), new("Panel email address", typed.PanelEmail)];
        return Task.FromResult<IResult>(PagesRegistration.Show<FormExpiredPage>(new { BackTo = "/reviews/decisions/new", NothingWas = "read", Kept = kept }, StatusCodes.Status400BadRequest));
    }

    private static IResult StartPage(DecisionsStartForm form, IReadOnlyList<FieldError> errors, PageSettings settings, int status) =>
        PagesRegistration.Show<RecordDecisionsPage>(new
        {
            Form = form,
            Errors = errors,
            MaxUploadMegabytes = Megabytes(settings.Options.MaxUploadBytes),
            settings.ClearDays,
            Example = settings.ClearDaysExample(),
        }, status);

    /// <summary>What both pages need to say about the upload's limit and the clear-days rule.</summary>
    private sealed record PageSettings(ScrutinyOptions Options, WorkingCalendar Calendar, CouncilClock Clock)
    {
        public int ClearDays => Options.ClearWorkingDaysBeforeMeeting;

        /// <summary>A worked example of the clear-days rule on a meeting about six weeks away, so the rule is plain before it bites.</summary>
        public string ClearDaysExample()
        {
            var meeting = Calendar.NextWorkingDayOnOrAfter(DateOnly.FromDateTime(Clock.Now.DateTime).AddDays(42));
            var latest = ChaseSchedule.LatestDeadline(meeting, ClearDays, Calendar);
            return $"For example, for a meeting on {LongDate.FormatWithDay(meeting)} the latest deadline is {LongDate.FormatWithDay(latest)}.";
        }
    }

    // ---- The check ----

    private static async Task<IResult> CheckDecisionsAsync(HttpContext context, IOptions<ScrutinyOptions> options, IOfficerDirectory directory, IReviewCommands commands,
        WorkingCalendar calendar, CouncilClock clock, CancellationToken cancellationToken)
    {
        var settings = new PageSettings(options.Value, calendar, clock);
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var typed = DecisionsCheckForm.Read(form);
        IResult Again(DecisionsCheckForm shown, IReadOnlyList<FieldError> errors, int status) => CheckPage(shown, errors, settings, status);

        // Every button but Create only changes the page: nothing is kept until the review is created.
        var action = form["action"].ToString();
        if (form["pick"].ToString().Split('|', 2) is [var pickFor, var picked] && Index(pickFor, typed.Decisions.Count) is { } pickAt)
        {
            return Again(typed with { Decisions = Replace(typed.Decisions, pickAt, typed.Decisions[pickAt] with { Officer = picked }) }, [], StatusCodes.Status200OK);
        }
        if (action == "add-decision" && typed.Decisions.Count < DecisionsCheckForm.MaxDecisions)
        {
            return Again(typed with { Decisions = [.. typed.Decisions, DecisionRow.Blank] }, [], StatusCodes.Status200OK);
        }
        if (RemoveDecision().Match(action) is { Success: true } removeDecision && Index(removeDecision.Groups[1].Value, typed.Decisions.Count) is { } removeAt)
        {
            return Again(typed with { Decisions = [.. typed.Decisions.Where((_, i) => i != removeAt)] }, [], StatusCodes.Status200OK);
        }
        if (AddRemedy().Match(action) is { Success: true } addRemedy && Index(addRemedy.Groups[1].Value, typed.Decisions.Count) is { } addTo
            && typed.Decisions[addTo].Remedies.Count < DecisionsCheckForm.MaxRemedies)
        {
            var row = typed.Decisions[addTo];
            return Again(typed with { Decisions = Replace(typed.Decisions, addTo, row with { Remedies = [.. row.Remedies, RemedyRow.Blank] }) }, [], StatusCodes.Status200OK);
        }
        if (RemoveRemedy().Match(action) is { Success: true } removeRemedy && Index(removeRemedy.Groups[1].Value, typed.Decisions.Count) is { } removeFrom
            && Index(removeRemedy.Groups[2].Value, typed.Decisions[removeFrom].Remedies.Count) is { } remedyAt)
        {
            var row = typed.Decisions[removeFrom];
            return Again(typed with { Decisions = Replace(typed.Decisions, removeFrom, row with { Remedies = [.. row.Remedies.Where((_, j) => j != remedyAt)] }) }, [], StatusCodes.Status200OK);
        }
        if (Search().Match(action) is { Success: true } search && Index(search.Groups[1].Value, typed.Decisions.Count) is { } searchAt)
        {
            var text = typed.Decisions[searchAt].Officer.Trim();
            return text.Length == 0
                ? Again(typed, [new(DecisionsCheckForm.Prefix(searchAt) + "officer", "Enter part of an officer's name or email address to search for")], StatusCodes.Status400BadRequest)
                : Again(typed with { SearchFor = DecisionsCheckForm.Prefix(searchAt), Results = [.. (await directory.SearchAsync(text, 10, cancellationToken)).Select(OfficerChoice.Of)] },
                    [], StatusCodes.Status200OK);
        }

        if (typed.Unreadable() is { Count: > 0 } unreadable)
        {
            return Again(typed, unreadable, StatusCodes.Status400BadRequest);
        }
        var decisions = typed.Inputs();
        var known = await directory.FindWithManagersAsync(decisions.Select(d => d.OfficerEmail), cancellationToken);
        // Ids are made here, at the edge, as the Start a review page makes them.
        var id = ReviewsApi.NewReviewId();
        var command = new DraftDecisionsReview(id, typed.ChosenMonth, typed.PanelName, typed.PanelEmail, typed.Meeting.Date, typed.Deadline.Date, decisions, known, clock.Now);
        CommandOutcome? outcome;
        try
        {
            outcome = await commands.HandleAsync(id, command, null, cancellationToken);
        }
        catch (Exception ex) when (ReviewBusyExceptionHandler.IsBusy(ex))
        {
            outcome = null;
        }
        return outcome switch
        {
            null => Again(typed, [new(null, "The service was busy, so nothing was created. Press Create the review again in a moment.")], StatusCodes.Status503ServiceUnavailable),
            CommandApplied or CommandReceived => ScrutinyOfficerPages.SeeOther($"/reviews/{id}"),
            CommandRefused { Rejection.Code: RejectionCodes.Invalid } refused => Again(typed, [.. refused.Rejection.Problems.Select(p => CheckField(p, typed))], StatusCodes.Status400BadRequest),
            CommandRefused refused => Again(typed, [new(null, refused.Rejection.Message)], StatusCodes.Status409Conflict),
            _ => Again(typed, [new(null, "Nothing was created. Press Create the review again.")], StatusCodes.Status409Conflict),
        };
    }

    private static Task<IResult> CheckRefused(HttpContext context, Exception? unreadable)
    {
        // Too large to read or not: nothing was created, and what she typed is shown back to copy.
        var typed = unreadable is null ? DecisionsCheckForm.Read(FormTokens.FormAsRead(context)) : null;
        IReadOnlyList<KeptText> kept = typed is null ? [] :
        [
            new("Panel", typed.PanelName),
            .. typed.Decisions.Select((d, i) => new KeptText($"Decision {i + 1}{(d.Reference.Length > 0 ? $" ({d.Reference})" : "")}: summary", d.Summary)),
        ];
        return Task.FromResult<IResult>(PagesRegistration.Show<FormExpiredPage>(new { BackTo = "/reviews/decisions/new", NothingWas = "created", Kept = kept }, StatusCodes.Status400BadRequest));
    }

    private static IResult CheckPage(DecisionsCheckForm form, IReadOnlyList<FieldError> errors, PageSettings settings, int status) =>
        PagesRegistration.Show<CheckDecisionsPage>(new
        {
            Form = form,
            // The summary lists problems in the order of the fields on the page, whatever order they were found in.
            Errors = errors.Select((e, i) => (e, i)).OrderBy(x => FieldRank(x.e.FieldId)).ThenBy(x => x.i).Select(x => x.e).ToList(),
            settings.ClearDays,
            Example = settings.ClearDaysExample(),
        }, status);

    private static readonly string[] TopFields = ["month-month", "panel-name", "panel-email", "meeting-day", "deadline-day"];

    private static readonly string[] DecisionFields = ["reference", "date-day", "category", "finding", "summary", "officer"];

    private static readonly string[] RemedyFields = ["kind", "text", "amount", "due-day"];

    /// <summary>Where a field stands on the check page, top to bottom; the form's own errors first.</summary>
    private static (int, int, int, int) FieldRank(string? field)
    {
        if (field is null)
        {
            return (-1, 0, 0, 0);
        }
        if (Array.IndexOf(TopFields, field) is var top and >= 0)
        {
            return (0, top, 0, 0);
        }
        var match = FieldId().Match(field);
        if (!match.Success)
        {
            return (int.MaxValue, 0, 0, 0);
        }
        var decision = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        var name = match.Groups[3].Value;
        return match.Groups[2].Success
            ? (1 + decision, DecisionFields.Length, 1 + int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture), Array.IndexOf(RemedyFields, name))
            : (1 + decision, Array.IndexOf(DecisionFields, name) is var at and >= 0 ? at : DecisionFields.Length + 1, 0, 0);
    }

    /// <summary>A problem the decider found, against the field on the check page it is about.</summary>
    internal static FieldError CheckField(Problem problem, DecisionsCheckForm typed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(typed);
        switch (problem.Field)
        {
            case "month":
                return new("month-month", typed.Month.IsBlank ? "Enter the month the decisions were made in"
                    : typed.ChosenMonth is null ? "The month must be a real month, for example 11 2026" : problem.Message);
            case "panel.name":
                return new("panel-name", problem.Message);
            case "panel.email":
                return new("panel-email", problem.Message);
            case "meetingDate":
                return new("meeting-day", ScrutinyOfficerPages.DateMessage(typed.Meeting, "the panel meeting date", problem.Message));
            case "deadline":
                return new("deadline-day", ScrutinyOfficerPages.DateMessage(typed.Deadline, "the deadline for the learning", problem.Message));
            case "decisions":
                return new("add-decision", problem.Message);
        }
        var match = ProblemField().Match(problem.Field);
        if (!match.Success || Index(match.Groups[1].Value, typed.Decisions.Count) is not { } i)
        {
            return new(null, problem.Message);
        }
        var row = typed.Decisions[i];
        var name = match.Groups[3].Success ? match.Groups[3].Value : "";
        if (match.Groups[2].Success)
        {
            if (Index(match.Groups[2].Value, row.Remedies.Count) is not { } j)
            {
                return new(DecisionsCheckForm.Prefix(i) + "add-remedy", problem.Message);
            }
            var remedy = row.Remedies[j];
            return name switch
            {
                "kind" => new(DecisionsCheckForm.Prefix(i, j) + "kind", problem.Message),
                "amount" => new(DecisionsCheckForm.Prefix(i, j) + "amount", problem.Message),
                "due" => new(DecisionsCheckForm.Prefix(i, j) + "due-day",
                    ScrutinyOfficerPages.DateMessage(remedy.Due, $"the due date of remedy {j + 1} of decision {i + 1}", problem.Message)),
                _ => new(DecisionsCheckForm.Prefix(i, j) + "text", problem.Message),
            };
        }
        return name switch
        {
            "decisionDate" or "date" => new(DecisionsCheckForm.Prefix(i) + "date-day",
                ScrutinyOfficerPages.DateMessage(row.Date, $"the date of decision {i + 1}", problem.Message)),
            "category" => new(DecisionsCheckForm.Prefix(i) + "category", problem.Message),
            "finding" => new(DecisionsCheckForm.Prefix(i) + "finding", problem.Message),
            "summary" => new(DecisionsCheckForm.Prefix(i) + "summary", problem.Message),
            "officerEmail" or "officer" => new(DecisionsCheckForm.Prefix(i) + "officer", problem.Message),
            "remedies" => new(DecisionsCheckForm.Prefix(i) + "add-remedy", problem.Message),
            _ => new(DecisionsCheckForm.Prefix(i) + "reference", problem.Message),
        };
    }

    private static int? Index(string text, int count) =>
        int.TryParse(text.StartsWith('d') ? text[1..] : text, NumberStyles.None, CultureInfo.InvariantCulture, out var at) && at < count ? at : null;

    private static List<DecisionRow> Replace(IReadOnlyList<DecisionRow> rows, int at, DecisionRow row) => [.. rows.Select((r, i) => i == at ? row : r)];

    private static string Megabytes(long bytes) => (bytes / (1024 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^remove-d(\d+)$")]
    private static partial Regex RemoveDecision();

    [GeneratedRegex(@"^add-remedy-d(\d+)$")]
    private static partial Regex AddRemedy();

    [GeneratedRegex(@"^remove-d(\d+)-m(\d+)$")]
    private static partial Regex RemoveRemedy();

    [GeneratedRegex(@"^search-d(\d+)$")]
    private static partial Regex Search();

    [GeneratedRegex(@"^d(\d+)-(?:m(\d+)-)?([a-z-]+)$")]
    private static partial Regex FieldId();

    [GeneratedRegex(@"^decisions\[(\d+)\](?:\.remedies\[(\d+)\])?(?:\.(\w+))?")]
    private static partial Regex ProblemField();
}
