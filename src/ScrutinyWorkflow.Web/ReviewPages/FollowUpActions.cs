using System.Globalization;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Pages;

namespace ScrutinyWorkflow.Web.ReviewPages;

/// <summary>
/// What the scrutiny team does to a review's follow-ups (issue 26), each on a page of its own like the review's other
/// actions: record the panel's recommendation, ask for the next update, move its date, record an update the owner
/// sent by other means, hand it to another owner, close it, accept a remedy's evidence, and enter the Ombudsman's
/// published compliance figure. Which links the review's page shows is a courtesy; the decider decides.
/// </summary>
public static class FollowUpActions
{
    private const string Anchor = "#follow-ups";

    public static IReadOnlyList<ReviewPageAction> All { get; } =
    [
        new("recommendations/new", "recommendation-recorded", "The recommendation is recorded and its owner is asked for their first update.", Anchor,
            (state, _) => state.Status is not (ReviewStatus.None or ReviewStatus.Draft or ReviewStatus.Discarded),
            (review, _, form) => ReviewPageActions.Make(review, "Record a recommendation", "recommendations/new",
                "A recommendation the panel made on this review. Its owner is emailed a link to give their update by the date you set, and is reminded as it comes near.",
                [
                    new("text", "What the panel recommended", "In the panel's words, as the minutes record it.", FieldKind.TextArea),
                    new("owner", "Who owns it", "The officer who will act on it: their email address, or search the directory by name.", FieldKind.Officer),
                    new("due", "When their first update is due", "For example, 15 3 2027.", FieldKind.Date),
                ], "Record the recommendation", warning: false, form),
            async input => new RecordPanelRecommendation(Text(input, "text"), await OwnerAsync(input, "owner"), input.Date("due"), input.By, input.Now),
            FieldOf),

        DueAction("request-update", "update-requested", "The owner is asked for their next update.",
            item => IsRemedy(item) ? "Ask again for the evidence" : "Ask for the next update", "The owner is emailed a link to give it, and reminded as the date comes near.",
            item => IsRemedy(item) ? "When the evidence is due" : "When the next update is due", (_, _) => null,
            item => IsRemedy(item) ? "Ask for the evidence" : "Ask for the update", input => new RequestUpdate(input.Date("due"), input.By, input.Now)),

        DueAction("update-date", "update-date", "The date is changed and the owner's reminders move with it.",
            _ => "Change the date the update is due", "The owner is reminded towards the new date instead.",
            _ => "New date", (state, item) => state.FollowUps[item].CurrentRound is { } round ? DateAnswer.Of(round.Due) : null,
            _ => "Change the date", input => new ChangeUpdateDate(input.Date("due"), input.By, input.Now)),

        new("follow-ups/{followUpId}/update", "update-recorded", "The update is recorded as the owner's words.", Anchor,
            IsFollowUp,
            (review, item, form) => Make(review, item!, "update", "Record an update the owner sent",
                "For an update the owner sent by email or gave at a meeting. It is recorded as theirs, entered by you.",
                [
                    new("text", "The owner's update", "As they gave it.", FieldKind.TextArea),
                    Progress(),
                ], "Record the update", form),
            input => Act(input, new ProvideUpdate(input.Value("text"), ProgressOf(input.Value("progress")) ?? RecommendationProgress.InProgress, input.By, input.Now)),
            FieldOf,
            Unreadable: form => ProgressOf(Typed(form, "progress")) is null ? new("progress", "Choose whether the work is in progress or done") : null),

        new("follow-ups/{followUpId}/owner", "owner-changed", "The new owner is told and asked for any update awaited.", Anchor,
            IsFollowUp,
            (review, item, form) => Make(review, item!, "owner", "Hand to another owner",
                "The new owner is emailed a link; an update awaited is now theirs to give, by the same date.",
                [
                    new("owner", "New owner", "Their email address, or search the directory by name.", FieldKind.Officer),
                    new("reason", "Why it is handed on", "For example, the work moved to another team.", FieldKind.Text),
                ], "Hand it on", form),
            async input => new ActOnFollowUp(input.Item!, new ChangeOwner(await OwnerAsync(input, "owner"), input.Value("reason"), input.By, input.Now)),
            FieldOf),

        new("follow-ups/{followUpId}/close", "closed-follow-up", "It is closed. The panel's progress table says why.", Anchor,
            IsFollowUp,
            (review, item, form) => Make(review, item!, "close", IsRemedy(item) ? "Close this remedy" : "Close this recommendation",
                "Only the scrutiny team closes it; the owner is told. It stays in the panel's progress table as closed.",
                [
                    new("closure", "Why it is closed", null, FieldKind.Radios, Options:
                    [
                        new("implemented", "Implemented"),
                        new("not-implemented", "Not implemented", "Say why in the note."),
                        new("no-longer-needed", "No longer needed", "Overtaken by events or by a later recommendation. Say which in the note."),
                    ]),
                    new("note", "Note for the panel", "Needed unless it was implemented.", FieldKind.TextArea),
                ], "Close it", form),
            input => Act(input, new CloseRecommendation(ClosureOf(input.Value("closure")) ?? RecommendationClosure.Implemented, input.Value("note"), input.By, input.Now)),
            FieldOf,
            Unreadable: form => ClosureOf(Typed(form, "closure")) is null ? new("closure", "Choose why it is closed") : null),

        new("follow-ups/{followUpId}/accept", "evidence-accepted", "The evidence is accepted and the remedy is closed as done.", Anchor,
            IsFollowUp,
            (review, item, form) => Make(review, item!, "accept", "Accept the evidence",
                "The remedy is closed as done. It counts as on time or late by when the service gave the evidence, not by today.",
                [], "Accept the evidence", form),
            input => Act(input, new CloseRecommendation(RecommendationClosure.Implemented, "", input.By, input.Now)),
            FieldOf),

        new("compliance", "compliance", "The Ombudsman's published figure is recorded.", "#compliance",
            (state, _) => state.Kind == ReviewKind.Decisions,
            (review, _, form) => ReviewPageActions.Make(review, "Enter the Ombudsman's published compliance figure", "compliance",
                "The percentage of cases in which the Ombudsman found the council carried out its remedies, from its annual review letter. The year runs from April to March.",
                [
                    new("year", "First year of the Ombudsman's year", "For 2025/26, enter 2025.", FieldKind.Text,
                        review.State.DecisionsMonth is { } month ? YearCompliance.FirstYearOf(new DateOnly(month.Year, month.Month, 1)).ToString(CultureInfo.InvariantCulture) : ""),
                    new("percent", "Published compliance (%)", "For example, 96.5.", FieldKind.Text),
                ], "Record the figure", warning: false, form),
            input => Task.FromResult<ReviewCommand>(new RecordPublishedCompliance(
                int.Parse(input.Value("year").Trim(), NumberStyles.None, CultureInfo.InvariantCulture),
                decimal.TryParse(input.Value("percent").Trim().TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out var percent) ? percent : null,
                input.Now)),
            FieldOf,
            Unreadable: form => int.TryParse(Typed(form, "year").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 2100
                ? null
                : new("year", "Enter the first year of the Ombudsman's year as four digits, for example 2025")),
    ];

    /// <summary>An action on one follow-up whose only field is a date: ask for the next update by it, or move the awaited one to it.</summary>
    private static ReviewPageAction DueAction(string path, string done, string message, Func<string, string> title, string intro, Func<string, string> label,
        Func<ReviewState, string, DateAnswer?> shown, Func<string, string> submit, Func<ActionInput, RecommendationCommand> command) =>
        new($"follow-ups/{{followUpId}}/{path}", done, message, Anchor,
            IsFollowUp,
            (review, item, form) => Make(review, item!, path, title(item!), intro,
                [new("due", label(item!), "For example, 15 3 2027.", FieldKind.Date, Date: shown(review.State, item!))], submit(item!), form),
            input => Act(input, command(input)),
            FieldOf);

    public static bool IsRemedy(string? followUpId) => followUpId is not null && FollowUpIds.IsRemedy(followUpId);

    /// <summary>"recommendation R1" or "remedy M1".</summary>
    public static string Name(string followUpId) => IsRemedy(followUpId) ? $"remedy {followUpId}" : $"recommendation {followUpId}";

    private static bool IsFollowUp(ReviewState state, string? item) => item is not null && state.FollowUps.TryGetValue(item, out var followUp) && followUp.Status != RecommendationStatus.None;

    private static ActionForm Make(ReviewSnapshot review, string item, string path, string title, string intro, IReadOnlyList<ActionField> fields, string submit, IFormCollection? form)
    {
        var followUp = review.State.FollowUps[item];
        var about = $"{char.ToUpperInvariant(Name(item)[0])}{Name(item)[1..]}: \u201c{followUp.Text}\u201d\n" +
            $"Owner: {followUp.Owner?.Name}{(followUp.Owner is { Designation.Length: > 0 } owner ? $", {owner.Designation}" : "")}.\n\n{intro}";
        var made = ReviewPageActions.Make(review, $"{title}: {item}", $"follow-ups/{item}/{path}", about, fields, submit, warning: false, form);
        return made with { BackTo = $"/reviews/{review.State.ReviewId}{Anchor}" };
    }

    private static ActionField Progress() => new("progress", "Where the work stands", null, FieldKind.Radios, Options:
    [
        new("in-progress", "In progress"),
        new("done", "Done", "The scrutiny team then checks it and closes it."),
    ]);

    private static Task<ReviewCommand> Act(ActionInput input, RecommendationCommand command) => Task.FromResult<ReviewCommand>(new ActOnFollowUp(input.Item!, command));

    private static string? Text(ActionInput input, string name) => input.Value(name) is { Length: > 0 } text ? text : null;

    /// <summary>The officer named: from the directory (with their manager, for escalation) or, unknown there, by address alone for the decider to judge.</summary>
    private static async Task<Officer?> OwnerAsync(ActionInput input, string name)
    {
        var email = Officer.NormaliseEmail(input.Value(name));
        return email.Length == 0 ? null : await input.Directory.FindAsync(email, input.CancellationToken) ?? new Officer(email, email, "", null);
    }

    private static string Typed(ActionForm form, string name) => form.Fields.FirstOrDefault(f => f.Name == name)?.Value ?? "";

    internal static RecommendationProgress? ProgressOf(string? value) => value switch
    {
        "in-progress" => RecommendationProgress.InProgress,
        "done" => RecommendationProgress.Done,
        _ => null,
    };

    private static RecommendationClosure? ClosureOf(string value) => value switch
    {
        "implemented" => RecommendationClosure.Implemented,
        "not-implemented" => RecommendationClosure.NotImplemented,
        "no-longer-needed" => RecommendationClosure.NoLongerNeeded,
        _ => null,
    };

    /// <summary>The field a decider's problem is about, by the name it gives (the command's own property names).</summary>
    private static FieldError FieldOf(Problem problem, ActionForm form)
    {
        var field = problem.Field.ToLowerInvariant();
        string? Has(string name) => form.Fields.Any(f => f.Name == name) ? name : null;
        var named = field switch
        {
            _ when field.Contains("due", StringComparison.Ordinal) => Has("due"),
            _ when field.Contains("owner", StringComparison.Ordinal) => Has("owner"),
            _ when field.Contains("note", StringComparison.Ordinal) => Has("note"),
            _ when field.Contains("closure", StringComparison.Ordinal) => Has("closure"),
            _ when field.Contains("reason", StringComparison.Ordinal) => Has("reason"),
            _ when field.Contains("percent", StringComparison.Ordinal) => Has("percent"),
            _ when field.Contains("year", StringComparison.Ordinal) => Has("year"),
            _ when field.Contains("progress", StringComparison.Ordinal) => Has("progress"),
            _ when field.Contains("text", StringComparison.Ordinal) => Has("text"),
            _ => null,
        };
        return named == "due"
            ? ReviewPageActions.DateField(problem with { Field = "due" }, form, "due", "due", "the date")
            : new(named, problem.Message);
    }
}
