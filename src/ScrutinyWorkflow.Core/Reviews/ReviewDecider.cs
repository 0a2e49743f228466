using ScrutinyWorkflow.Core.Calendar;

namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>
/// The rules of an assurance review: given a command and the review's state, the events that follow, or why not.
/// Pure: no clock (commands carry <c>Now</c>), no I/O, no randomness; a rejected command changes nothing.
/// </summary>
public sealed partial class ReviewDecider(ReviewPolicy policy, WorkingCalendar calendar)
{
    /// <summary>Focus report questions run to a few sentences; anything far longer is a paste gone wrong.</summary>
    public const int MaxQuestionLength = 4_000;

    /// <summary>Titles, panel names and headings are a line of text; this only stops a paste gone wrong.</summary>
    public const int MaxLineLength = 500;

    public ReviewPolicy Policy => policy;

    public Decision Decide(ReviewCommand command, ReviewState state) => command switch
    {
        DraftReview c => Draft(c, state),
        ReviseQuestions c => Revise(c, state),
        DispatchReview c => Dispatch(c, state),
        ProcessDueTimers c => ProcessTimers(c, state),
        SaveAnswer c => SaveDraft(c, state),
        SubmitAnswer c => Submit(c, state),
        ReassignAssignment c => Reassign(c, state),
        ExtendDeadline c => Extend(c, state),
        CloseEarly c => Close(c, state),
        RecordStatementFiled c => RecordFiled(c, state),
        RecordPanelNotified c => RecordNotified(c, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown review command."),
    };

    private Decision Draft(DraftReview c, ReviewState state)
    {
        if (state.Status != ReviewStatus.None)
        {
            return Decision.Reject(RejectionCodes.AlreadyExists, $"Review {state.ReviewId} already exists.");
        }

        if (CheckNewReview(c) is { Count: > 0 } problems)
        {
            return Invalid(problems);
        }

        var number = 0;
        var areas = Number(c.Areas, _ => QuestionIds.Question(++number));
        return Decision.Accept(new ReviewDrafted(
            c.ReviewId,
            new FocusReport(c.Title!.Trim(), c.Published!.Value),
            new Panel(c.PanelName!.Trim(), Officer.NormaliseEmail(c.PanelEmail!)),
            c.MeetingDate!.Value,
            c.Deadline!.Value,
            areas,
            OfficersNamed(areas, c.KnownOfficers),
            c.Now));
    }

    private static Decision Revise(ReviseQuestions c, ReviewState state)
    {
        if (state.Status != ReviewStatus.Draft)
        {
            return NotDraft(state);
        }
        if (CheckRevision(c, state) is { Count: > 0 } problems)
        {
            return Invalid(problems);
        }

        // A kept question keeps where it came from in the report, unless the edit says otherwise.
        var sources = state.Questions.ToDictionary(q => q.QuestionId, q => q.Source);
        var inputs = c.Areas.Select(area => area with
        {
            Questions = [.. area.Questions.Select(q => q.QuestionId is { } id && q.Source is null ? q with { Source = sources[id] } : q)],
        }).ToList();
        var number = state.LastQuestionNumber;
        var areas = Number(inputs, input => input.QuestionId ?? QuestionIds.Question(++number));
        return Decision.Accept(new QuestionsRevised(areas, OfficersNamed(areas, c.KnownOfficers), c.Now));
    }

    private Decision Dispatch(DispatchReview c, ReviewState state)
    {
        if (state.Status == ReviewStatus.None)
        {
            return NotFound();
        }
        if (state.Status != ReviewStatus.Draft)
        {
            return Decision.Reject(RejectionCodes.AlreadyDispatched, "This review has already been sent out.");
        }

        if (CheckDispatch(state, c.Now) is { Count: > 0 } problems)
        {
            return Invalid(problems);
        }

        var events = new List<ReviewEvent> { new ReviewDispatched(ChaseSchedule.For(state.Deadline, policy, calendar), c.Now) };
        var number = 0;
        foreach (var question in state.Questions)
        {
            events.AddRange(question.OfficerEmails.Select(email => new RequestSent(QuestionIds.Assignment(++number), question.QuestionId, email, c.Now)));
        }
        return Decision.Accept(events);
    }

    private static Decision ProcessTimers(ProcessDueTimers c, ReviewState state)
    {
        if (state.Status != ReviewStatus.Open || state.Schedule is not { } schedule)
        {
            return Decision.Accept();
        }
        var localNow = c.Now.DateTime;
        if (localNow >= schedule.ClosesAt)
        {
            return Decision.Accept(new DeadlinePassed(c.Now), new StatementAssembled(c.Now));
        }

        var events = new List<ReviewEvent>();
        foreach (var assignment in state.Assignments.Where(a => a.IsOpen))
        {
            if (schedule.LatestDueStep(assignment.NextStep, localNow) is not { } stepIndex)
            {
                continue;
            }
            var step = schedule.Steps[stepIndex];
            events.Add(step.Action switch
            {
                ChaseAction.Reminder => new ReminderSent(assignment.Id, stepIndex, assignment.RemindersSent + 1, c.Now),
                ChaseAction.Escalation => new Escalated(assignment.Id, stepIndex, state.Officers.GetValueOrDefault(assignment.OfficerEmail)?.ManagerEmail, c.Now),
                _ => throw new InvalidOperationException($"Unknown chase action {step.Action}."),
            });
        }
        return Decision.Accept(events);
    }

    private Decision SaveDraft(SaveAnswer c, ReviewState state)
    {
        if (CheckAnswerable(state, c.AssignmentId, c.Now) is { } refusal)
        {
            return refusal;
        }
        if (c.Text.Length > policy.MaxAnswerLength)
        {
            return TooLong();
        }
        return state.FindAssignment(c.AssignmentId)!.SavedText == c.Text
            ? Decision.Accept()
            : Decision.Accept(new AnswerSaved(c.AssignmentId, c.Text, c.Now));
    }

    private Decision Submit(SubmitAnswer c, ReviewState state)
    {
        if (CheckAnswerable(state, c.AssignmentId, c.Now) is { } refusal)
        {
            return refusal;
        }
        var text = c.Text.Trim();
        if (text.Length == 0)
        {
            return Invalid([new("answer", "Write an answer before submitting it. To keep notes without submitting, save a draft.")]);
        }
        if (text.Length > policy.MaxAnswerLength)
        {
            return TooLong();
        }

        var assignment = state.FindAssignment(c.AssignmentId)!;
        if (state.Answers.TryGetValue(assignment.QuestionId, out var existing))
        {
            return existing.Text == text
                ? Decision.Accept()
                : Decision.Accept(new AnswerAmended(assignment.Id, assignment.QuestionId, text, c.Now));
        }

        var submitted = new AnswerSubmitted(assignment.Id, assignment.QuestionId, text, c.Now);
        var everyQuestionAnswered = state.Questions.All(q => q.QuestionId == assignment.QuestionId || state.Answers.ContainsKey(q.QuestionId));
        return everyQuestionAnswered
            ? Decision.Accept(submitted, new StatementAssembled(c.Now))
            : Decision.Accept(submitted);
    }

    private static Decision Reassign(ReassignAssignment c, ReviewState state)
    {
        if (CheckOpen(state, c.Now) is { } refusal)
        {
            return refusal;
        }
        if (state.FindAssignment(c.AssignmentId) is not { } assignment)
        {
            return UnknownAssignment(c.AssignmentId);
        }
        if (!assignment.IsOpen)
        {
            return Decision.Reject(RejectionCodes.AssignmentClosed, $"Assignment {assignment.Id} is {Describe(assignment.Outcome)} and cannot be handed on.");
        }
        if (c.To is null)
        {
            return Invalid([new("to", $"{c.ToEmail} is not in the officer directory.")]);
        }
        var toEmail = Officer.NormaliseEmail(c.To.Email);
        if (state.Assignments.Any(a => a.IsCurrent && a.QuestionId == assignment.QuestionId && a.OfficerEmail == toEmail))
        {
            return Invalid([new("to", $"{toEmail} is already asked this question.")]);
        }

        var newId = QuestionIds.Assignment(state.Assignments.Count + 1);
        var reason = c.Reason.Trim();
        return Decision.Accept(
            new AssignmentReassigned(assignment.Id, newId, c.To with { Email = toEmail }, reason, c.Now),
            new RequestSent(newId, assignment.QuestionId, toEmail, c.Now));
    }

    private Decision Extend(ExtendDeadline c, ReviewState state)
    {
        if (CheckOpen(state, c.Now) is { } refusal)
        {
            return refusal;
        }
        if (CheckNewDeadline(c.NewDeadline, state, c.Now) is { Count: > 0 } problems)
        {
            return Invalid(problems);
        }
        var deadline = c.NewDeadline!.Value;
        return Decision.Accept(new DeadlineExtended(state.Deadline, deadline, ChaseSchedule.For(deadline, policy, calendar), c.Now));
    }

    private static Decision Close(CloseEarly c, ReviewState state) =>
        CheckOpen(state, c.Now) is { } refusal
            ? refusal
            : Decision.Accept(new ReviewClosedEarly(c.Reason.Trim(), c.Now), new StatementAssembled(c.Now));

    private static Decision RecordFiled(RecordStatementFiled c, ReviewState state) => state.Status switch
    {
        ReviewStatus.Assembled => Decision.Accept(new StatementFiled(c.Location, c.Now)),
        ReviewStatus.Filed or ReviewStatus.Completed => Decision.Accept(),
        _ => Decision.Reject(RejectionCodes.NotAssembled, "The statement has not been assembled yet."),
    };

    private static Decision RecordNotified(RecordPanelNotified c, ReviewState state) => state.Status switch
    {
        ReviewStatus.Filed => Decision.Accept(new PanelNotified(c.Now)),
        ReviewStatus.Completed => Decision.Accept(),
        _ => Decision.Reject(RejectionCodes.NotAssembled, "The statement has not been filed yet."),
    };

    private static List<AreaOfFocus> Number(IReadOnlyList<AreaInput> areas, Func<QuestionInput, string> idFor) =>
        [.. areas.Select(area => new AreaOfFocus(
            area.Heading.Trim(),
            [.. area.Questions.Select(q => new Question(idFor(q), q.Text.Trim(), [.. q.OfficerEmails.Select(Officer.NormaliseEmail)], q.Source))]))];

    private static List<Officer> OfficersNamed(IEnumerable<AreaOfFocus> areas, IReadOnlyList<Officer> knownOfficers)
    {
        var named = areas.SelectMany(a => a.Questions).SelectMany(q => q.OfficerEmails).ToHashSet();
        return [.. knownOfficers
            .Select(o => o with { Email = Officer.NormaliseEmail(o.Email), ManagerEmail = o.ManagerEmail is null ? null : Officer.NormaliseEmail(o.ManagerEmail) })
            .Where(o => named.Contains(o.Email))
            .DistinctBy(o => o.Email)];
    }
}
