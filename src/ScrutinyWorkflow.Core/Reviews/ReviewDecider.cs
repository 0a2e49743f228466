using System.Globalization;
using ScrutinyWorkflow.Core.Calendar;

namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>
/// The rules of an assurance review: given a command and the review's state, the events that follow, or why not.
/// Pure: no clock (commands carry <c>Now</c>), no I/O, no randomness; a rejected command changes nothing.
/// </summary>
public sealed class ReviewDecider(ReviewPolicy policy, WorkingCalendar calendar)
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
        SaveDraftAnswer c => SaveDraft(c, state),
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

        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(c.FocusReport.Title))
        {
            problems.Add(new("focusReport.title", "Give the focus report's title."));
        }
        else if (c.FocusReport.Title.Length > MaxLineLength)
        {
            problems.Add(new("focusReport.title", $"The title is longer than {MaxLineLength} characters."));
        }
        if (string.IsNullOrWhiteSpace(c.Panel.Name))
        {
            problems.Add(new("panel.name", "Give the name of the scrutiny panel."));
        }
        else if (c.Panel.Name.Length > MaxLineLength)
        {
            problems.Add(new("panel.name", $"The panel's name is longer than {MaxLineLength} characters."));
        }
        if (!EmailAddress.IsValid(c.Panel.Email))
        {
            problems.Add(new("panel.email", $"'{c.Panel.Email}' is not an email address."));
        }
        problems.AddRange(CheckDates(c.Deadline, c.MeetingDate, c.Now));
        problems.AddRange(CheckAreas(c.Areas, c.KnownOfficers));
        if (problems.Count > 0)
        {
            return Invalid(problems);
        }

        var number = 0;
        var areas = Number(c.Areas, _ => QuestionIds.Question(++number));
        return Decision.Accept(new ReviewDrafted(
            c.ReviewId,
            c.FocusReport with { Title = c.FocusReport.Title.Trim() },
            c.Panel with { Name = c.Panel.Name.Trim(), Email = Officer.NormaliseEmail(c.Panel.Email) },
            c.MeetingDate,
            c.Deadline,
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
        var problems = CheckAreas(c.Areas, c.KnownOfficers).ToList();
        var existing = state.Questions.Select(q => q.QuestionId).ToHashSet();
        var seen = new HashSet<string>();
        for (var a = 0; a < c.Areas.Count; a++)
        {
            for (var q = 0; q < c.Areas[a].Questions.Count; q++)
            {
                var id = c.Areas[a].Questions[q].QuestionId;
                if (id is null)
                {
                    continue;
                }
                if (!existing.Contains(id))
                {
                    problems.Add(new($"areas[{a}].questions[{q}].id", $"There is no question {id} in this draft; leave the id out to add a new question."));
                }
                else if (!seen.Add(id))
                {
                    problems.Add(new($"areas[{a}].questions[{q}].id", $"Question {id} appears more than once."));
                }
            }
        }
        if (problems.Count > 0)
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

        var problems = new List<Problem>();
        if (!state.Questions.Any())
        {
            problems.Add(new("areas", "A review needs at least one question before it can be sent."));
        }
        for (var a = 0; a < state.Areas.Count; a++)
        {
            for (var q = 0; q < state.Areas[a].Questions.Count; q++)
            {
                if (state.Areas[a].Questions[q].OfficerEmails.Count == 0)
                {
                    problems.Add(new($"areas[{a}].questions[{q}].officers", $"Question {state.Areas[a].Questions[q].QuestionId} has nobody to answer it."));
                }
            }
        }
        problems.AddRange(CheckDates(state.Deadline, state.MeetingDate, c.Now));
        if (problems.Count > 0)
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

    private Decision SaveDraft(SaveDraftAnswer c, ReviewState state)
    {
        if (CheckAnswerable(state, c.AssignmentId, c.Now) is { } refusal)
        {
            return refusal;
        }
        if (c.Text.Length > policy.MaxAnswerLength)
        {
            return TooLong();
        }
        return state.FindAssignment(c.AssignmentId)!.DraftText == c.Text
            ? Decision.Accept()
            : Decision.Accept(new AnswerDrafted(c.AssignmentId, c.Text, c.Now));
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
        if (c.NewDeadline <= state.Deadline)
        {
            return Invalid([new("deadline", $"The new deadline must be after the current one ({Format(state.Deadline)}).")]);
        }
        var problems = CheckDates(c.NewDeadline, state.MeetingDate, c.Now).ToList();
        if (problems.Count > 0)
        {
            return Invalid(problems);
        }
        return Decision.Accept(new DeadlineExtended(state.Deadline, c.NewDeadline, ChaseSchedule.For(c.NewDeadline, policy, calendar), c.Now));
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

    private IEnumerable<Problem> CheckDates(DateOnly deadline, DateOnly meetingDate, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.DateTime);
        if (deadline < today)
        {
            yield return new("deadline", $"The deadline {Format(deadline)} is in the past.");
            yield break;
        }
        var clearDays = calendar.ClearWorkingDaysBetween(deadline, meetingDate);
        if (clearDays < policy.ClearWorkingDaysBeforeMeeting)
        {
            var latest = calendar.AddWorkingDays(meetingDate, -(policy.ClearWorkingDaysBeforeMeeting + 1));
            yield return new("deadline",
                $"The deadline {Format(deadline)} leaves {clearDays} clear working days before the meeting on {Format(meetingDate)}; " +
                $"agenda papers must be published {policy.ClearWorkingDaysBeforeMeeting} clear working days before the meeting, " +
                $"so set the deadline on or before {Format(latest)}.");
        }
    }

    private static IEnumerable<Problem> CheckAreas(IReadOnlyList<AreaInput> areas, IReadOnlyList<Officer> knownOfficers)
    {
        if (areas.Count == 0 || areas.All(a => a.Questions.Count == 0))
        {
            yield return new("areas", "A review needs at least one area of focus with at least one question.");
        }
        var known = knownOfficers.Select(o => Officer.NormaliseEmail(o.Email)).ToHashSet();
        for (var a = 0; a < areas.Count; a++)
        {
            if (string.IsNullOrWhiteSpace(areas[a].Heading))
            {
                yield return new($"areas[{a}].heading", "Give the area of focus a heading.");
            }
            else if (areas[a].Heading.Length > MaxLineLength)
            {
                yield return new($"areas[{a}].heading", $"The heading is longer than {MaxLineLength} characters.");
            }
            if (areas[a].Questions.Count == 0)
            {
                yield return new($"areas[{a}].questions", "An area of focus needs at least one question.");
            }
            for (var q = 0; q < areas[a].Questions.Count; q++)
            {
                var question = areas[a].Questions[q];
                var path = $"areas[{a}].questions[{q}]";
                if (string.IsNullOrWhiteSpace(question.Text))
                {
                    yield return new($"{path}.text", "Write the question.");
                }
                else if (question.Text.Length > MaxQuestionLength)
                {
                    yield return new($"{path}.text", $"The question is longer than {MaxQuestionLength:N0} characters.");
                }
                var seen = new HashSet<string>();
                for (var o = 0; o < question.OfficerEmails.Count; o++)
                {
                    var email = Officer.NormaliseEmail(question.OfficerEmails[o]);
                    if (!EmailAddress.IsValid(email))
                    {
                        yield return new($"{path}.officers[{o}]", $"'{question.OfficerEmails[o]}' is not an email address.");
                    }
                    else if (!known.Contains(email))
                    {
                        yield return new($"{path}.officers[{o}]", $"{email} is not in the officer directory.");
                    }
                    else if (!seen.Add(email))
                    {
                        yield return new($"{path}.officers[{o}]", $"{email} is named twice for this question.");
                    }
                }
            }
        }
    }

    private static List<DraftArea> Number(IReadOnlyList<AreaInput> areas, Func<QuestionInput, string> idFor) =>
        [.. areas.Select(area => new DraftArea(
            area.Heading.Trim(),
            [.. area.Questions.Select(q => new DraftQuestion(idFor(q), q.Text.Trim(), [.. q.OfficerEmails.Select(Officer.NormaliseEmail)], q.Source))]))];

    private static List<Officer> OfficersNamed(IEnumerable<DraftArea> areas, IReadOnlyList<Officer> knownOfficers)
    {
        var named = areas.SelectMany(a => a.Questions).SelectMany(q => q.OfficerEmails).ToHashSet();
        return [.. knownOfficers
            .Select(o => o with { Email = Officer.NormaliseEmail(o.Email), ManagerEmail = o.ManagerEmail is null ? null : Officer.NormaliseEmail(o.ManagerEmail) })
            .Where(o => named.Contains(o.Email))
            .DistinctBy(o => o.Email)];
    }

    private static Decision? CheckOpen(ReviewState state, DateTimeOffset now) => state.Status switch
    {
        ReviewStatus.None => NotFound(),
        ReviewStatus.Draft => Decision.Reject(RejectionCodes.NotOpen, "This review has not been sent out yet."),
        ReviewStatus.Open when !state.TakesAnswersAt(now) =>
            Decision.Reject(RejectionCodes.NotOpen, $"Responses closed at the end of {Format(state.Deadline)}."),
        ReviewStatus.Open => null,
        _ => Decision.Reject(RejectionCodes.NotOpen, "Responses to this review have closed."),
    };

    private static Decision? CheckAnswerable(ReviewState state, string assignmentId, DateTimeOffset now)
    {
        if (CheckOpen(state, now) is { } refusal)
        {
            return refusal;
        }
        if (state.FindAssignment(assignmentId) is not { } assignment)
        {
            return UnknownAssignment(assignmentId);
        }
        return assignment.Outcome is AssignmentOutcome.Reassigned or AssignmentOutcome.NoResponse
            ? Decision.Reject(RejectionCodes.AssignmentClosed, $"This request is {Describe(assignment.Outcome)}.")
            : null;
    }

    private static string Describe(AssignmentOutcome outcome) => outcome switch
    {
        AssignmentOutcome.Answered => "already answered",
        AssignmentOutcome.Reassigned => "now with a colleague",
        AssignmentOutcome.NoResponse => "closed without a response",
        _ => "open",
    };

    private Decision TooLong() =>
        Invalid([new("answer", $"The answer is longer than {policy.MaxAnswerLength:N0} characters; shorten it or attach the detail to the panel report instead.")]);

    private static Decision Invalid(IReadOnlyList<Problem> problems) =>
        new Rejected(new Rejection(RejectionCodes.Invalid, "Some of what was given is not valid.", problems));

    private static Decision NotDraft(ReviewState state) => state.Status == ReviewStatus.None
        ? NotFound()
        : Decision.Reject(RejectionCodes.NotDraft, "Questions can only be edited before the review is sent out.");

    private static Decision NotFound() => Decision.Reject(RejectionCodes.NotFound, "There is no such review.");

    private static Decision UnknownAssignment(string id) => Decision.Reject(RejectionCodes.UnknownAssignment, $"This review has no assignment {id}.");

    internal static string Format(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
