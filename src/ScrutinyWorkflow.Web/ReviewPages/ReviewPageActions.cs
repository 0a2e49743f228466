using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Officers;
using ScrutinyWorkflow.Web.Pages;
using ScrutinyWorkflow.Web.Reviews;

namespace ScrutinyWorkflow.Web.ReviewPages;

/// <summary>What an action's command is made from: the review, the assignment or question it is about, and what was typed.</summary>
/// <remarks><see cref="SignedIn"/> is the address of the scrutiny-team member posting the form (the page's policy let only the team post it).</remarks>
public sealed record ActionInput(ReviewState Review, string? Item, ActionForm Form, IOfficerDirectory Directory, DateTimeOffset Now, CancellationToken CancellationToken, string SignedIn = "")
{
    /// <summary>Who acts: the signed-in member of the scrutiny team.</summary>
    public Actor By => Actor.ScrutinyOfficer(SignedIn);

    public string Value(string name) => Form.Fields.FirstOrDefault(f => f.Name == name)?.Value ?? "";

    public DateOnly? Date(string name) => Form.Fields.FirstOrDefault(f => f.Name == name)?.Date?.Date;
}

/// <summary>
/// One thing the scrutiny officer does to a running review on a page of its own (at <see cref="Path"/> under the
/// review): the form it shows, the command it sends, which field each of the decider's problems belongs to, and what
/// the review's page says when it is done (<c>?done=</c><see cref="Done"/>). <see cref="Unreadable"/> says what the
/// form lacks to make a command at all (no choice made among radios), before anything is asked of the decider.
/// </summary>
public sealed record ReviewPageAction(
    string Path,
    string Done,
    string Message,
    string Anchor,
    Func<ReviewState, string?, bool> Applies,
    Func<ReviewSnapshot, string?, IFormCollection?, ActionForm> Form,
    Func<ActionInput, Task<ReviewCommand>> Command,
    Func<Problem, ActionForm, FieldError> FieldOf,
    string Page = "",
    string? After = null,
    Func<ActionForm, FieldError?>? Unreadable = null)
{
    /// <summary>
    /// Where she goes when it is done: the review's page (or, for a draft, the draft's), or <see cref="After"/> when the
    /// review is gone from view, saying what was done.
    /// </summary>
    public string SuccessFor(string reviewId) => After is { } after ? $"{after}?done={Done}" : $"/reviews/{reviewId}{Page}?done={Done}{Anchor}";
}

public static class ReviewPageActions
{
    public static IReadOnlyList<ReviewPageAction> All { get; } =
    [
        new("draft/areas/{area}", "renamed", "The area of focus is renamed.", "",
            (state, item) => state.Status == ReviewStatus.Draft && int.TryParse(item, out var area) && area >= 0 && area < state.Areas.Count,
            (review, item, form) => Make(review, "Change the heading of an area of focus", $"draft/areas/{item}",
                $"Now \u201c{review.State.Areas[int.Parse(item!, System.Globalization.CultureInfo.InvariantCulture)].Heading}\u201d. Its questions stay under it.",
                [new("heading", "Heading", null, FieldKind.Text, review.State.Areas[int.Parse(item!, System.Globalization.CultureInfo.InvariantCulture)].Heading)],
                "Save the heading", warning: false, form) with { BackTo = $"/reviews/{review.State.ReviewId}/draft" },
            async input =>
            {
                var areas = DraftEdits.Rename(input.Review, int.Parse(input.Item!, System.Globalization.CultureInfo.InvariantCulture), input.Value("heading"));
                return new ReviseQuestions(areas, await input.Directory.FindWithManagersAsync(ReviewRequests.OfficersNamed(areas), input.CancellationToken), input.Now);
            },
            (problem, _) => new(problem.Field.EndsWith(".heading", StringComparison.Ordinal) ? "heading" : null, problem.Message),
            Page: "/draft"),

        new("draft/areas/{area}/officer", "area-assigned", "Every question in the area now goes to the officer you chose.", "",
            IsDraftArea,
            (review, item, form) =>
            {
                var area = review.State.Areas[int.Parse(item!, System.Globalization.CultureInfo.InvariantCulture)];
                return Make(review, "Choose one officer for a whole area", $"draft/areas/{item}/officer",
                    $"\u201c{area.Heading}\u201d: {Count(area.Questions.Count, "question")}. The officer you choose answers every one of them, in place of whoever is named now. You can still change a single question afterwards.",
                    [new("officer", "Officer", "Their email address, or search the directory by name.", FieldKind.Officer)],
                    "Give them every question in the area", warning: false, form) with { BackTo = $"/reviews/{review.State.ReviewId}/draft#area-{item}" };
            },
            async input =>
            {
                var officer = Officer.NormaliseEmail(input.Value("officer"));
                var areas = DraftEdits.AssignArea(input.Review, int.Parse(input.Item!, System.Globalization.CultureInfo.InvariantCulture), officer);
                return new ReviseQuestions(areas, await input.Directory.FindWithManagersAsync(ReviewRequests.OfficersNamed(areas), input.CancellationToken), input.Now);
            },
            // The decider names the first question whose officer it refuses; every question has the one officer typed.
            (problem, _) => new(problem.Field.Contains(".officers", StringComparison.Ordinal) ? "officer" : null, problem.Message),
            Page: "/draft"),

        new("draft/delete", "deleted", "The draft is deleted.", "",
            (state, _) => state.Status == ReviewStatus.Draft,
            (review, _, form) => Make(review, "Delete this draft review", "draft/delete",
                $"\u201c{review.State.FocusReport?.Title}\u201d for the {review.State.Panel?.Name} meeting on {LongDate.FormatWithDay(review.State.MeetingDate)}, " +
                $"started {(review.State.DraftedAt is { } drafted ? LongDate.FormatWithDay(DateOnly.FromDateTime(drafted.DateTime)) : "")}, with {Count(review.State.Questions.Count(), "question")}.\n\n" +
                "Nothing has been sent, so nobody is told. The draft leaves the list of reviews and cannot be sent; this cannot be undone.",
                [], "Delete the draft", warning: true, form) with { BackTo = $"/reviews/{review.State.ReviewId}/draft" },
            input => Task.FromResult<ReviewCommand>(new DiscardDraft(input.Now)),
            (problem, _) => new(null, problem.Message),
            After: "/"),

        new("draft/dates", "dates", "The meeting date and deadline are changed.", "",
            (state, _) => state.Status == ReviewStatus.Draft,
            (review, _, form) => Make(review, "Change the meeting date and deadline", "draft/dates",
                "Nothing has been sent yet, so nobody is told. The deadline must be a working day that leaves the clear working days before the meeting that agenda papers need; both dates must be days the council is open.",
                [
                    new("meeting", "Panel meeting date", "For example, 27 1 2027.", FieldKind.Date, Date: DateAnswer.Of(review.State.MeetingDate)),
                    new("deadline", "Deadline for answers", "For example, 15 1 2027.", FieldKind.Date, Date: DateAnswer.Of(review.State.Deadline)),
                ], "Save the dates", warning: false, form) with { BackTo = $"/reviews/{review.State.ReviewId}/draft" },
            input => Task.FromResult<ReviewCommand>(new ChangeDraftDates(input.Date("meeting"), input.Date("deadline"), input.Now)),
            (problem, form) => problem.Field == "meetingDate"
                ? DateField(problem, form, "meetingDate", "meeting", "the panel meeting date")
                : DateField(problem, form, "deadline", "deadline", "the deadline for answers"),
            Page: "/draft"),

        new("assignments/{assignmentId}/reassign", "reassigned", "The question is handed on and the new officer is asked.", "#officers",
            HasAssignment,
            (review, item, form) =>
            {
                var state = review.State;
                var assignment = state.FindAssignment(item!)!;
                var suggested = assignment.Declined?.SuggestedEmail;
                return Make(review, $"Hand question {state.NumberOf(assignment.QuestionId)} to someone else", $"assignments/{item}/reassign",
                    $"{QuestionText(state, assignment.QuestionId)}\n\nAsked of {AuditSentences.Person(state, assignment.OfficerEmail)}." +
                    (assignment.Declined is { } declined ? $" They said it is not for them: \u201c{declined.Reason}\u201d." : ""),
                    [
                        new("to", "Who should answer it instead", suggested is { Length: > 0 }
                            ? $"Their email address, or search the directory. Leave it blank to hand it to {AuditSentences.Person(state, suggested)}, whom they suggested."
                            : "Their email address, or search the directory by name.", FieldKind.Officer),
                        new("reason", "Why (optional)", "The officers are told.", FieldKind.Text),
                    ], "Hand on the question", warning: false, form);
            },
            async input =>
            {
                // With no one named, the decider hands the question to the colleague its officer suggested, as the API does.
                var to = input.Value("to").Trim();
                var named = to.Length > 0 ? [to]
                    : input.Review.FindAssignment(input.Item!)?.Declined?.SuggestedEmail is { } suggested ? [suggested] : Array.Empty<string>();
                return new ReassignAssignment(input.Item!, to.Length > 0 ? to : null, await input.Directory.FindWithManagersAsync(named, input.CancellationToken), input.Value("reason"), input.Now);
            },
            (problem, _) => new(problem.Field is "to" or "reason" ? problem.Field : null, problem.Message)),

        new("assignments/{assignmentId}/late-answer", "late-answer", "The late answer is recorded and the statement assembled again.", "#statement",
            HasAssignment,
            (review, item, form) =>
            {
                var assignment = review.State.FindAssignment(item!)!;
                return Make(review, $"Record a late answer to question {review.State.NumberOf(assignment.QuestionId)}", $"assignments/{item}/late-answer",
                    $"{QuestionText(review.State, assignment.QuestionId)}\n\nFrom {AuditSentences.Person(review.State, assignment.OfficerEmail)}.",
                    [new("text", "The answer", "Paste it as the officer sent it. Paragraphs, \"- \" bullets, **bold** and links are kept in the statement.", FieldKind.TextArea)],
                    "Record the answer", warning: false, form);
            },
            input => Task.FromResult<ReviewCommand>(new AcceptLateAnswer(input.Item!, input.Value("text"), input.Now)),
            (problem, _) => new(problem.Field == "answer" ? "text" : null, problem.Message)),

        new("questions/{questionId}/correct", "corrected", "The answer is corrected. The statement shows it, and the officers who gave it still report it.", "#questions",
            (state, item) => item is not null && state.FindQuestion(item) is not null && state.Answers.ContainsKey(item),
            (review, item, form) =>
            {
                var state = review.State;
                var answer = state.Answers[item!];
                return Make(review, $"Correct the answer to question {state.NumberOf(item!)}", $"questions/{item}/correct",
                    $"{QuestionText(state, item!)}\n\nAnswered by {AuditSentences.Person(state, answer.Writer.Email)}. Correct it as the panel should read it. " +
                    (state.ReleasedVersion > 0 ? $"The panel has had the statement, so this makes version {state.ReleasedVersion + 1} for you to check and release." : "The statement is assembled again with it."),
                    [new("text", "The answer", "Paragraphs, \"- \" bullets, **bold** and links are kept in the statement.", FieldKind.TextArea, answer.Text)],
                    "Correct the answer", warning: false, form);
            },
            input => Task.FromResult<ReviewCommand>(new CorrectAnswer(input.Item!, input.Value("text"), input.Now)),
            (problem, _) => new(problem.Field is "answer" or "text" ? "text" : null, problem.Message)),

        new("questions/{questionId}/withdraw", "withdrawn", "The question is withdrawn and its officers are told.", "#questions",
            (state, item) => item is not null && state.FindQuestion(item) is not null,
            (review, item, form) => Make(review, $"Withdraw question {review.State.NumberOf(item!)}", $"questions/{item}/withdraw",
                $"{QuestionText(review.State, item!)}\n\nIts officers are told, they are no longer chased, and it leaves the statement.",
                [new("reason", "Why it is withdrawn", "The officers asked it are told.", FieldKind.Text)], "Withdraw the question", warning: true, form),
            input => Task.FromResult<ReviewCommand>(new WithdrawQuestion(input.Item!, input.Value("reason"), input.Now)),
            (problem, _) => new(problem.Field == "reason" ? "reason" : null, problem.Message)),

        new("deadline", "deadline", "The deadline is changed, and officers with questions still open are told.", "",
            Always,
            (review, _, form) => Make(review, "Change the deadline", "deadline",
                $"The deadline is now {LongDate.FormatWithDay(review.State.Deadline)}. It must be a working day that leaves the clear working days before the meeting on {LongDate.FormatWithDay(review.State.MeetingDate)} that agenda papers need. Reminders move with it, and each officer with questions still open is told once.",
                [new("deadline", "New deadline", "For example, 15 1 2027.", FieldKind.Date, Date: DateAnswer.Of(review.State.Deadline))], "Change the deadline", warning: false, form),
            input => Task.FromResult<ReviewCommand>(new ChangeDeadline(input.Date("deadline"), input.Now)),
            (problem, form) => DateField(problem, form, "deadline", "deadline", "the new deadline")),

        new("meeting-date", "meeting-date", "The meeting date is changed, and the statement's release moves with it.", "",
            Always,
            (review, _, form) => Make(review, "Change the meeting date", "meeting-date",
                $"The panel meets on {LongDate.FormatWithDay(review.State.MeetingDate)}. The deadline, {LongDate.FormatWithDay(review.State.Deadline)}, must still leave the clear working days before it that agenda papers need.",
                [new("meeting", "New meeting date", "For example, 27 1 2027.", FieldKind.Date, Date: DateAnswer.Of(review.State.MeetingDate))], "Change the meeting date", warning: false, form),
            input => Task.FromResult<ReviewCommand>(new ChangeMeetingDate(input.Date("meeting"), input.Now)),
            (problem, form) => DateField(problem, form, "meetingDate", "meeting", "the new meeting date")),

        new("close", "closed", "Answers are closed and the statement is assembled: check it, then release it.", "#statement",
            Always,
            (review, _, form) => Make(review, "Close answers early", "close",
                "Questions not answered yet are marked in the statement as not answered because the review closed early, and their officers are told. You can reopen answers until the statement is released.",
                [new("reason", "Why answers are closing early", "Officers with open questions are told.", FieldKind.Text)], "Close answers", warning: true, form),
            input => Task.FromResult<ReviewCommand>(new CloseEarly(input.Value("reason"), input.Now)),
            (problem, _) => new(problem.Field == "reason" ? "reason" : null, problem.Message)),

        new("reopen", "reopened", "Answers are open again: officers can answer and amend until the day you chose.", "",
            Always,
            (review, _, form) => Make(review, "Reopen answers", "reopen",
                review.State.ReleaseAt is { } release
                    ? $"Officers can answer and amend again until the end of the day you choose. Answers must close before the statement goes to the panel at {release:HH:mm} on {LongDate.FormatWithDay(DateOnly.FromDateTime(release))}."
                    : "Officers can answer and amend again until the end of the day you choose.",
                [new("until", "Last day answers are taken", "For example, 12 1 2027.", FieldKind.Date)], "Reopen answers", warning: false, form),
            input => Task.FromResult<ReviewCommand>(new ReopenAnswers(input.Date("until"), input.Now)),
            (problem, form) => DateField(problem, form, "until", "until", "the last day answers are taken")),

        .. FollowUpActions.All,
    ];

    /// <summary>The errors shown inline against the fields they name, as well as in the summary.</summary>
    public static ActionForm WithErrorsOnFields(this ActionForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form with { Fields = [.. form.Fields.Select(f => f with { Error = form.Errors.FirstOrDefault(e => e.FieldId == f.Anchor)?.Message })] };
    }

    private static bool Always(ReviewState state, string? item) => true;

    private static bool IsDraftArea(ReviewState state, string? item) =>
        state.Status == ReviewStatus.Draft && int.TryParse(item, out var area) && area >= 0 && area < state.Areas.Count;

    internal static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static bool HasAssignment(ReviewState state, string? item) => item is not null && state.FindAssignment(item) is not null;

    private static string QuestionText(ReviewState state, string questionId) =>
        state.FindQuestion(questionId) is { } question ? $"\u201c{question.Text}\u201d" : questionId;

    /// <summary>The form: blank as first shown (dates as they stand), or with what was typed.</summary>
    internal static ActionForm Make(ReviewSnapshot review, string title, string path, string? intro, IReadOnlyList<ActionField> fields, string submit, bool warning, IFormCollection? form) => new(
        review.State.ReviewId, ReviewPageModel.TitleOf(review.State), review.Version, title, $"/reviews/{review.State.ReviewId}/{path}", intro,
        form is null ? fields : [.. fields.Select(f => f.Kind == FieldKind.Date ? f with { Date = DateAnswer.Read(form, f.Name) } : f with { Value = form[f.Name].ToString() })],
        submit, warning, []);

    internal static FieldError DateField(Problem problem, ActionForm form, string deciderField, string name, string what) =>
        problem.Field == deciderField
            ? new($"{name}-day", ScrutinyOfficerPages.DateMessage(form.Fields.First(f => f.Name == name).Date ?? DateAnswer.Empty, what, problem.Message))
            : new(null, problem.Message);
}
