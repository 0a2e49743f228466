using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Recommendations;

/// <summary>
/// The rules of following a panel's recommendation to done: recorded with an owner and a date, the owner asked for
/// updates and chased as a review's officers are (the same <see cref="ChaseSchedule"/> from the same
/// <see cref="ReviewPolicy"/>), their words kept round by round, and closed only by the scrutiny officer.
/// Pure, as <see cref="ReviewDecider"/> is: commands carry <c>Now</c>; a rejected command changes nothing.
/// </summary>
public sealed class RecommendationDecider(ReviewPolicy policy, WorkingCalendar calendar)
{
    /// <summary>A recommendation is a sentence or a short paragraph; an update a few paragraphs.</summary>
    public const int MaxTextLength = 4_000;

    public RecommendationDecision Decide(RecommendationCommand command, RecommendationState state) => command switch
    {
        RecordRecommendation c => Record(c, state),
        RequestUpdate c => Request(c, state),
        ChangeUpdateDate c => MoveDate(c, state),
        ProvideUpdate c => Update(c, state),
        ProcessRecommendationTimers c => Chase(c, state),
        CloseRecommendation c => Close(c, state),
        ChangeOwner c => Hand(c, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown recommendation command."),
    };

    private RecommendationDecision Record(RecordRecommendation c, RecommendationState state)
    {
        if (state.Status != RecommendationStatus.None)
        {
            return RecommendationDecision.Reject(RejectionCodes.AlreadyExists, $"Recommendation {state.RecommendationId} already exists.");
        }
        if (!c.By.ScrutinyTeam)
        {
            return ScrutinyOfficerOnly("record a recommendation");
        }
        var problems = new List<Problem>();
        if (CheckText(c.Text, "text", "the recommendation") is { } text)
        {
            problems.Add(text);
        }
        if (c.Owner is null || !EmailAddress.IsValid(c.Owner.Email) || string.IsNullOrWhiteSpace(c.Owner.Name))
        {
            problems.Add(new("owner", "Name the officer who owns this recommendation, from the directory."));
        }
        if (CheckDue(c.UpdateDue, c.Now, "updateDue") is { } due)
        {
            problems.Add(due);
        }
        if (problems.Count > 0)
        {
            return Invalid(problems);
        }
        return RecommendationDecision.Accept(
            new RecommendationRecorded(c.RecommendationId, c.Source, c.Text!.Trim(), c.Owner!.Normalised(), c.By.Email, c.Now),
            new UpdateRequested(1, c.UpdateDue!.Value, ScheduleFor(c.Source, c.UpdateDue!.Value, c.Now), c.Now));
    }

    private RecommendationDecision Request(RequestUpdate c, RecommendationState state)
    {
        if (CheckOpenForScrutinyOfficer(state, c.By, "ask for an update") is { } refusal)
        {
            return refusal;
        }
        if (state.CurrentRound is { Awaited: true } awaited)
        {
            return RecommendationDecision.Reject(RecommendationRejectionCodes.UpdateAwaited,
                $"{state.Owner!.Name} has not yet given the update asked for by {LongDate.Format(awaited.Due)}: change that date instead.");
        }
        return CheckDue(c.Due, c.Now, "due") is { } problem
            ? Invalid([problem])
            : RecommendationDecision.Accept(new UpdateRequested(state.Rounds.Count + 1, c.Due!.Value, ScheduleFor(state.Source, c.Due!.Value, c.Now), c.Now));
    }

    private RecommendationDecision MoveDate(ChangeUpdateDate c, RecommendationState state)
    {
        if (CheckOpenForScrutinyOfficer(state, c.By, "change when an update is due") is { } refusal)
        {
            return refusal;
        }
        if (state.CurrentRound is not { Awaited: true } round)
        {
            return RecommendationDecision.Reject(RecommendationRejectionCodes.UpdateAwaited,
                "No update is awaited: ask for the next one instead.");
        }
        if (CheckDue(c.Due, c.Now, "due") is { } problem)
        {
            return Invalid([problem]);
        }
        return c.Due == round.Due
            ? RecommendationDecision.Accept()
            : RecommendationDecision.Accept(new UpdateDateChanged(round.Round, round.Due, c.Due!.Value, ScheduleFor(state.Source, c.Due!.Value, c.Now), c.Now));
    }

    private static RecommendationDecision Update(ProvideUpdate c, RecommendationState state)
    {
        if (CheckOpen(state) is { } refusal)
        {
            return refusal;
        }
        if (!state.MayUpdate(c.By))
        {
            return RecommendationDecision.Reject(RejectionCodes.NotYours,
                $"Only {state.Owner!.Name}, who owns this recommendation, can give its update (or their manager, once it has been raised with them).");
        }
        if (CheckText(c.Text, "text", "the update") is { } problem)
        {
            return Invalid([problem]);
        }
        var round = state.CurrentRound!;
        var text = c.Text.Trim();
        return round.Update is { } given && given.Text == text && given.Progress == c.Progress
            ? RecommendationDecision.Accept()
            : RecommendationDecision.Accept(new UpdateProvided(round.Round, text, c.Progress, c.By.Email, c.By.ScrutinyTeam, c.Now));
    }

    private static RecommendationDecision Chase(ProcessRecommendationTimers c, RecommendationState state)
    {
        if (state.Status != RecommendationStatus.Open || state.CurrentRound is not { Awaited: true } round)
        {
            return RecommendationDecision.Accept();
        }
        // As for a review: after a stopped scheduler, the owner gets the latest chaser due, not a burst of them.
        if (round.Schedule.LatestDueStep(round.NextStep, c.Now.DateTime) is not { } step)
        {
            return RecommendationDecision.Accept();
        }
        return RecommendationDecision.Accept(round.Schedule.Steps[step].Action switch
        {
            ChaseAction.Reminder => new UpdateReminderSent(round.Round, step, c.Now),
            _ => new UpdateEscalated(round.Round, step, state.Owner!.ManagerEmail, c.Now),
        });
    }

    private static RecommendationDecision Close(CloseRecommendation c, RecommendationState state)
    {
        if (state.Status == RecommendationStatus.None)
        {
            return NotFound();
        }
        if (!c.By.ScrutinyTeam)
        {
            return ScrutinyOfficerOnly("close a recommendation");
        }
        if (state.Closed is { } closed)
        {
            return closed.Closure == c.Closure
                ? RecommendationDecision.Accept()
                : RecommendationDecision.Reject(RecommendationRejectionCodes.Closed, $"This recommendation was closed on {LongDate.Format(DateOnly.FromDateTime(closed.At.DateTime))}.");
        }
        // Closing as not implemented or no longer needed must say why: the panel reads the note in place of the work.
        return c.Closure != RecommendationClosure.Implemented && string.IsNullOrWhiteSpace(c.Note)
            ? Invalid([new("note", "Say why the recommendation is closed without being implemented.")])
            : RecommendationDecision.Accept(new RecommendationClosed(c.Closure, c.Note.Trim(), c.By.Email, c.Now));
    }

    private static RecommendationDecision Hand(ChangeOwner c, RecommendationState state)
    {
        if (CheckOpenForScrutinyOfficer(state, c.By, "change who owns a recommendation") is { } refusal)
        {
            return refusal;
        }
        if (c.NewOwner is null || !EmailAddress.IsValid(c.NewOwner.Email) || string.IsNullOrWhiteSpace(c.NewOwner.Name))
        {
            return Invalid([new("newOwner", "Name the officer who owns this recommendation now, from the directory.")]);
        }
        var to = c.NewOwner.Normalised();
        return to.Email == state.Owner!.Email
            ? RecommendationDecision.Accept()
            : RecommendationDecision.Accept(new OwnerChanged(state.Owner, to, c.Reason.Trim(), c.Now));
    }

    /// <summary>
    /// The chasers for an update due on <paramref name="due"/>, asked for at <paramref name="now"/>: a remedy's come
    /// from <see cref="RemedyChasing"/> in every round and after every move of its date (escalated the working day
    /// after it, not on it), a recommendation's are a review's.
    /// </summary>
    private ChaseSchedule ScheduleFor(RecommendationSource? source, DateOnly due, DateTimeOffset now) => source?.Subject == RecommendationSubject.Remedy
        ? RemedyChasing.For(due, policy, calendar, now.DateTime)
        : ChaseSchedule.Towards(due, policy, calendar);

    private Problem? CheckDue(DateOnly? due, DateTimeOffset now, string field) => due switch
    {
        null => new(field, "Give the date the update is due, as a date (for example 8 January 2027)."),
        { } date when date <= DateOnly.FromDateTime(now.DateTime) => new(field, "The update must be due after today."),
        { } date when !calendar.IsWorkingDay(date) => new(field, $"{LongDate.Format(date)} is {calendar.WhyClosed(date)}: choose a working day."),
        _ => null,
    };

    private static Problem? CheckText(string? text, string field, string what) => text switch
    {
        null or { Length: 0 } => new(field, $"Write {what}."),
        _ when string.IsNullOrWhiteSpace(text) => new(field, $"Write {what}."),
        { Length: > MaxTextLength } => new(field, $"Keep {what} under {MaxTextLength:N0} characters."),
        _ => null,
    };

    private static RecommendationDecision? CheckOpen(RecommendationState state) => state.Status switch
    {
        RecommendationStatus.None => NotFound(),
        RecommendationStatus.Closed => RecommendationDecision.Reject(RecommendationRejectionCodes.Closed,
            $"This recommendation was closed on {LongDate.Format(DateOnly.FromDateTime(state.Closed!.At.DateTime))}; nothing more can be added to it."),
        _ => null,
    };

    private static RecommendationDecision? CheckOpenForScrutinyOfficer(RecommendationState state, Actor by, string what) =>
        CheckOpen(state) ?? (by.ScrutinyTeam ? null : ScrutinyOfficerOnly(what));

    private static RecommendationDecision ScrutinyOfficerOnly(string what) =>
        RecommendationDecision.Reject(RecommendationRejectionCodes.ScrutinyOfficerOnly, $"Only the scrutiny team can {what}.");

    private static RecommendationDecision NotFound() => RecommendationDecision.Reject(RejectionCodes.NotFound, "There is no such recommendation.");

    private static RecommendationDecision Invalid(IReadOnlyList<Problem> problems) =>
        RecommendationDecision.Reject(RejectionCodes.Invalid, "The recommendation could not be saved: " + string.Join(" ", problems.Select(p => p.Message)), [.. problems]);
}
