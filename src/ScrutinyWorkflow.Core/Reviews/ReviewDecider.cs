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

    /// <summary>
    /// The most questions one review may hold. The largest real reviews ask a few hundred; the limit keeps one review's
    /// decisions, mail and statement from holding up everyone else's.
    /// </summary>
    public const int MaxQuestionsPerReview = 1_000;

    /// <summary>The most officers one question may be asked of (every head of service in a large council is well under it).</summary>
    public const int MaxOfficersPerQuestion = 500;

    /// <summary>The most different people one review may ask.</summary>
    public const int MaxOfficersPerReview = 1_000;

    public ReviewPolicy Policy => policy;

    public Decision Decide(ReviewCommand command, ReviewState state) => command switch
    {
        DraftReview c => Draft(c, state),
        ReviseQuestions c => Revise(c, state),
        DispatchReview c => Dispatch(c, state),
        DiscardDraft c => Discard(c, state),
        ProcessDueTimers c => ProcessTimers(c, state),
        DraftDecisionsReview c => DraftDecisions(c, state),
        RecordPanelRecommendation c => Recommend(c, state),
        ActOnFollowUp c => Act(c, state),
        RecordPublishedCompliance c => RecordCompliance(c, state),
        SaveAnswer c => Save(c, state),
        SubmitAnswer c => Submit(c, state),
        DeclineQuestion c => Decline(c, state),
        ReassignAssignment c => Reassign(c, state),
        AddQuestion c => Add(c, state),
        WithdrawQuestion c => Withdraw(c, state),
        ChangeDeadline c => MoveDeadline(c, state),
        ChangeMeetingDate c => MoveMeeting(c, state),
        ChangeDraftDates c => ChangeDraft(c, state),
        RemindOfficer c => Remind(c, state),
        CloseEarly c => Close(c, state),
        AcceptLateAnswer c => AcceptLate(c, state),
        ReopenAnswers c => Reopen(c, state),
        ReleaseStatement c => Release(c, state),
        RecordStatementFiled c => RecordFiled(c, state),
        RecordPanelNotified c => RecordNotified(c, state),
        CorrectAnswer c => Correct(c, state),
        RecordUndeliverable c => RecordBounce(c, state),
        NoteOfficersAway c => NoteAway(c, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown review command."),
    };

    private Decision Draft(DraftReview c, ReviewState state)
    {
        if (CheckNew(state) is { } refusal)
        {
            return refusal;
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
            OfficersNamed(areas.SelectMany(a => a.Questions).SelectMany(q => q.OfficerEmails), c.KnownOfficers),
            c.Now,
            c.AutomaticRelease,
            c.LayoutDoubts is { Count: > 0 } doubts ? [.. doubts] : null));
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

        // A kept question keeps where it came from in the report, unless the edit says otherwise, and the rule that
        // proposed its officers while they are the ones proposed.
        var kept = state.Questions.ToDictionary(q => q.QuestionId);
        var inputs = c.Areas.Select(area => area with
        {
            Questions = [.. area.Questions.Select(q => q.QuestionId is { } id ? Kept(q, kept[id]) : q)],
        }).ToList();
        var number = state.LastQuestionNumber;
        var areas = Number(inputs, input => input.QuestionId ?? QuestionIds.Question(++number));
        return Decision.Accept(new QuestionsRevised(areas, OfficersNamed(areas.SelectMany(a => a.Questions).SelectMany(q => q.OfficerEmails), c.KnownOfficers), c.Now));
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

        var events = new List<ReviewEvent> { new ReviewDispatched(ChaseSchedule.For(state.Deadline, state.MeetingDate, policy, calendar), c.Now) };
        var number = 0;
        foreach (var question in state.Questions)
        {
            events.AddRange(question.OfficerEmails.Select(email => new RequestSent(QuestionIds.Assignment(++number), question.QuestionId, email, c.Now)));
        }
        events.AddRange(RemediesFollowedUp(state, c.Now));
        // A month in which nothing was upheld asks nobody anything: its paper is ready for checking at once.
        if (!state.Questions.Any())
        {
            events.Add(new StatementAssembled(c.Now));
        }
        return Decision.Accept(events);
    }

    /// <summary>Only a draft can be deleted: once sent, people have been asked, and a review is closed or its questions withdrawn instead.</summary>
    private static Decision Discard(DiscardDraft c, ReviewState state) => state.Status switch
    {
        ReviewStatus.None => NotFound(),
        ReviewStatus.Draft => Decision.Accept(new DraftDiscarded(c.Now)),
        ReviewStatus.Discarded => Decision.Accept(),
        _ => Decision.Reject(RejectionCodes.AlreadyDispatched, "This review has been sent, so it cannot be deleted: close answers early or withdraw its questions instead."),
    };

    /// <summary>
    /// Receipts whose time has come go first, whatever else is due: they acknowledge answers already in. Follow-ups
    /// come last, whatever the review's status: a completed review still follows its recommendations.
    /// </summary>
    private Decision ProcessTimers(ProcessDueTimers c, ReviewState state) =>
        Decision.Accept([.. ReceiptsDue(state, c.Now), .. DueTimers(state, c.Now), .. FollowUpTimers(state, c.Now)]);

    private static IEnumerable<ReviewEvent> ReceiptsDue(ReviewState state, DateTimeOffset now) =>
        state.PendingReceipts.Values
            .Where(p => p.DueAt <= now.DateTime)
            .OrderBy(p => p.DueAt).ThenBy(p => p.To.Key, StringComparer.Ordinal)
            .Select(p => new ReceiptSent(p.To, p.Answers, now));

    private static IReadOnlyList<ReviewEvent> DueTimers(ReviewState state, DateTimeOffset now)
    {
        var localNow = now.DateTime;
        switch (state.Status)
        {
            case ReviewStatus.Open when state.AnswersCloseAt is { } closes && localNow >= closes:
                return [new DeadlinePassed(now), new StatementAssembled(now)];
            case ReviewStatus.Open when state.Schedule is { } schedule:
                return Chasers(state, schedule, now);
            // Only a review the council chose to release automatically goes unreleased, and only its first version.
            case ReviewStatus.Assembled when state.AutomaticRelease && state.ReleasedVersion == 0 && (state.ReleaseAt is not { } releaseAt || localNow >= releaseAt):
                return [new StatementReleased(Automatically: true, now)];
            default:
                return [];
        }
    }

    private static List<ReviewEvent> Chasers(ReviewState state, ChaseSchedule schedule, DateTimeOffset now)
    {
        var events = new List<ReviewEvent>();
        foreach (var assignment in state.Assignments.Where(a => a.IsOpen))
        {
            if (schedule.LatestDueStep(assignment.NextStep, now.DateTime) is not { } stepIndex)
            {
                continue;
            }
            events.Add(EarlyEscalation(state, assignment, schedule.Steps[stepIndex], stepIndex, now) ?? schedule.Steps[stepIndex].Action switch
            {
                ChaseAction.Reminder => new ReminderSent(assignment.Id, stepIndex, assignment.RemindersSent + 1, now),
                ChaseAction.Escalation => new Escalated(assignment.Id, stepIndex, state.Officers.GetValueOrDefault(assignment.OfficerEmail)?.ManagerEmail, now),
                var action => throw new InvalidOperationException($"Unknown chase action {action}."),
            });
        }
        return events;
    }

    private Decision Save(SaveAnswer c, ReviewState state)
    {
        if (CheckAnswerable(state, c.AssignmentId, c.By, c.Now) is { } refusal)
        {
            return refusal;
        }
        if (c.Text.Length > policy.MaxAnswerLength)
        {
            return TooLong();
        }
        return state.DraftOf(c.AssignmentId, Who(c.By, state, c.AssignmentId)) == c.Text
            ? Decision.Accept()
            : Decision.Accept(new AnswerSaved(c.AssignmentId, c.Text, c.Now, Who(c.By, state, c.AssignmentId)));
    }

    private Decision Submit(SubmitAnswer c, ReviewState state)
    {
        if (CheckAnswerable(state, c.AssignmentId, c.By, c.Now) is { } refusal)
        {
            return refusal;
        }
        if (CheckAnswerText(c.Text) is { } invalid)
        {
            return invalid;
        }
        var text = c.Text.Trim();
        var assignment = state.FindAssignment(c.AssignmentId)!;
        var by = Who(c.By, state, c.AssignmentId);
        if (state.Answers.TryGetValue(assignment.QuestionId, out var existing))
        {
            if (existing.Text == text)
            {
                return Decision.Accept();
            }
            // Someone else's words are replaced only by a person who saw them and said so.
            return existing.Writer.Email != by.Email && c.Replacing != existing.Text
                ? Decision.Reject(RejectionCodes.AnsweredBySomeoneElse,
                    $"{state.OfficerOrAddress(existing.Writer.Email).Name} answered this question at {existing.WrittenAt:HH:mm} on {existing.WrittenAt:d MMMM yyyy}, so your text was not saved over theirs. Read their answer, then change it if you mean to.")
                : Decision.Accept(new AnswerAmended(assignment.Id, assignment.QuestionId, text, c.Now, by, ReceiptDue(state, by, c.Now)));
        }

        var submitted = new AnswerSubmitted(assignment.Id, assignment.QuestionId, text, c.Now, by, ReceiptDue(state, by, c.Now));
        // The last answer in assembles the statement for checking; co-officers may still amend until answers close.
        return state.Status == ReviewStatus.Open && state.Questions.All(q => q.QuestionId == assignment.QuestionId || state.Answers.ContainsKey(q.QuestionId))
            ? Decision.Accept(submitted, new StatementAssembled(c.Now))
            : Decision.Accept(submitted);
    }

    /// <summary>
    /// When the receipt for an answer <paramref name="by"/> sends now goes: after a quiet spell with nothing more from
    /// them, and never later than the longest wait after the first answer it will acknowledge.
    /// </summary>
    private DateTime ReceiptDue(ReviewState state, Respondent by, DateTimeOffset now)
    {
        var quiet = now.DateTime + policy.ReceiptQuietPeriod;
        return state.PendingReceipts.GetValueOrDefault(by.Key) is { } waiting && waiting.Answers[0].At.DateTime + policy.ReceiptLongestWait < quiet
            ? waiting.Answers[0].At.DateTime + policy.ReceiptLongestWait
            : quiet;
    }

    private static Decision Decline(DeclineQuestion c, ReviewState state)
    {
        if (CheckAnswerable(state, c.AssignmentId, c.By, c.Now) is { } refusal)
        {
            return refusal;
        }
        var assignment = state.FindAssignment(c.AssignmentId)!;
        if (!assignment.IsOpen)
        {
            return Decision.Reject(RejectionCodes.AssignmentClosed, "This question has been answered, so it can no longer be declined.");
        }
        if (CheckDecline(c, assignment) is { Count: > 0 } problems)
        {
            return Invalid(problems);
        }
        var suggestedEmail = string.IsNullOrWhiteSpace(c.SuggestedEmail) ? null : Officer.NormaliseEmail(c.SuggestedEmail);
        var suggested = suggestedEmail is null ? null : Known(c.KnownOfficers, suggestedEmail);
        return Decision.Accept(new QuestionDeclined(assignment.Id, suggestedEmail, suggested, c.Reason.Trim(), c.Now));
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
        if (assignment.Outcome is not (AssignmentOutcome.Open or AssignmentOutcome.Declined))
        {
            return Decision.Reject(RejectionCodes.AssignmentClosed, $"Assignment {assignment.Id} is {Describe(assignment.Outcome)} and cannot be handed on.");
        }
        var toEmail = string.IsNullOrWhiteSpace(c.ToEmail) ? assignment.Declined?.SuggestedEmail : Officer.NormaliseEmail(c.ToEmail);
        if (CheckReassignment(state, assignment, toEmail, c.KnownOfficers) is { Count: > 0 } problems)
        {
            return Invalid(problems);
        }
        var to = Known(c.KnownOfficers, toEmail!)!;
        var manager = to.ManagerEmail is { } managerEmail ? Known(c.KnownOfficers, managerEmail) : null;
        var newId = QuestionIds.Assignment(state.Assignments.Count + 1);
        return Decision.Accept(
            new AssignmentReassigned(assignment.Id, newId, to, c.Reason.Trim(), c.Now, manager),
            new RequestSent(newId, assignment.QuestionId, to.Email, c.Now));
    }

    private static Decision Add(AddQuestion c, ReviewState state)
    {
        if (CheckOpen(state, c.Now) is { } refusal)
        {
            return refusal;
        }
        if (CheckNewQuestion(c, state) is { Count: > 0 } problems)
        {
            return Invalid(problems);
        }
        var emails = c.OfficerEmails.Select(Officer.NormaliseEmail).ToList();
        var question = new Question(QuestionIds.Question(state.LastQuestionNumber + 1), c.Text.Trim(), emails);
        var heading = state.Areas.FirstOrDefault(a => string.Equals(a.Heading, c.AreaHeading.Trim(), StringComparison.OrdinalIgnoreCase))?.Heading ?? c.AreaHeading.Trim();
        var number = state.Assignments.Count;
        return Decision.Accept([
            new QuestionAdded(heading, question, OfficersNamed(emails, c.KnownOfficers), c.Now),
            .. emails.Select(email => new RequestSent(QuestionIds.Assignment(++number), question.QuestionId, email, c.Now)),
        ]);
    }

    private static Decision Withdraw(WithdrawQuestion c, ReviewState state)
    {
        if ((CheckNotRevising(state) ?? CheckBeforeRelease(state)) is { } refusal)
        {
            return refusal;
        }
        if (state.FindQuestion(c.QuestionId) is null)
        {
            return state.Withdrawn.ContainsKey(c.QuestionId)
                ? Decision.Accept()
                : Decision.Reject(RejectionCodes.UnknownQuestion, $"This review has no question {c.QuestionId}.");
        }
        if (state.Questions.Count() == 1)
        {
            return Invalid([new("questionId", "This is the review's only question: close the review early instead of withdrawing it.")]);
        }
        var withdrawn = new QuestionWithdrawn(c.QuestionId, c.Reason.Trim(), c.Now);
        var everyOtherAnswered = state.Questions.All(q => q.QuestionId == c.QuestionId || state.Answers.ContainsKey(q.QuestionId));
        return state.Status == ReviewStatus.Open && state.TakesAnswersAt(c.Now) && everyOtherAnswered
            ? Decision.Accept(withdrawn, new StatementAssembled(c.Now))
            : Decision.Accept(withdrawn);
    }

    private Decision MoveDeadline(ChangeDeadline c, ReviewState state)
    {
        if (state.Status == ReviewStatus.Assembled && state.TakesAnswersAt(c.Now))
        {
            return Decision.Reject(RejectionCodes.NotOpen, "Every question is answered and the statement is assembled; to take more answers, reopen answers instead.");
        }
        if (CheckOpen(state, c.Now) is { } refusal)
        {
            return refusal;
        }
        if (c.NewDeadline == state.Deadline)
        {
            return Decision.Accept();
        }
        if (CheckNewDeadline(c.NewDeadline, state, c.Now) is { Count: > 0 } problems)
        {
            return Invalid(problems);
        }
        var deadline = c.NewDeadline!.Value;
        return Decision.Accept(new DeadlineChanged(state.Deadline, deadline, ChaseSchedule.For(deadline, state.MeetingDate, policy, calendar), c.Now));
    }

    private Decision MoveMeeting(ChangeMeetingDate c, ReviewState state)
    {
        if (state.Status == ReviewStatus.None)
        {
            return NotFound();
        }
        if (state.IsReleased || state.ReleasedVersion > 0)
        {
            return Decision.Reject(RejectionCodes.AlreadyReleased, "The statement has already gone to the panel.");
        }
        if (c.NewMeetingDate == state.MeetingDate)
        {
            return Decision.Accept();
        }
        if (CheckNewMeetingDate(c.NewMeetingDate, state, c.Now) is { Count: > 0 } problems)
        {
            return Invalid(problems);
        }
        var meeting = c.NewMeetingDate!.Value;
        return Decision.Accept(new MeetingDateChanged(state.MeetingDate, meeting, ChaseSchedule.ReleaseTime(meeting, policy, calendar), c.Now));
    }

    private static Decision Remind(RemindOfficer c, ReviewState state)
    {
        if (CheckOpen(state, c.Now) is { } refusal)
        {
            return refusal;
        }
        var email = Officer.NormaliseEmail(c.OfficerEmail);
        var open = state.Assignments.OfOfficer(email).Where(a => a.IsOpen).Select(a => a.Id).ToList();
        if (open.Count == 0)
        {
            return Decision.Reject(RejectionCodes.NothingToChase, $"{email} has no unanswered questions in this review.");
        }
        if (state.RemindedByHand.TryGetValue(email, out var last) && c.Now - last < ReviewPolicy.ManualReminderInterval)
        {
            return Decision.Reject(RejectionCodes.RemindedRecently,
                $"{email} was reminded at {last:HH:mm}; they can be reminded again from {last + ReviewPolicy.ManualReminderInterval:HH:mm}.");
        }
        return Decision.Accept(new OfficerReminded(email, open, c.Now));
    }

    private static Decision Close(CloseEarly c, ReviewState state)
    {
        if (state.Status == ReviewStatus.Assembled && state.TakesAnswersAt(c.Now))
        {
            return Decision.Reject(RejectionCodes.NotOpen, "Every question is answered and the statement is already assembled; release it when it has been checked.");
        }
        return CheckOpen(state, c.Now) is { } refusal
            ? refusal
            : Decision.Accept(new ReviewClosedEarly(c.Reason.Trim(), c.Now), new StatementAssembled(c.Now));
    }

    private Decision AcceptLate(AcceptLateAnswer c, ReviewState state)
    {
        if (CheckAmendable(state) is { } refusal)
        {
            return refusal;
        }
        if (state.FindAssignment(c.AssignmentId) is not { } assignment)
        {
            return UnknownAssignment(c.AssignmentId);
        }
        if (!assignment.IsUnanswered || state.Answers.ContainsKey(assignment.QuestionId))
        {
            return Decision.Reject(RejectionCodes.AssignmentClosed, $"Assignment {assignment.Id} is {Describe(assignment.Outcome)}: only a question left unanswered can take a late answer.");
        }
        return CheckAnswerText(c.Text) is { } invalid
            ? invalid
            : Decision.Accept(AsNewVersionIfReleased(state, new LateAnswerAccepted(assignment.Id, assignment.QuestionId, c.Text.Trim(), c.Now)));
    }

    private Decision Reopen(ReopenAnswers c, ReviewState state)
    {
        if ((CheckNotRevising(state) ?? CheckAssembled(state)) is { } refusal)
        {
            return refusal;
        }
        return CheckReopening(c.Until, state, c.Now) is { Count: > 0 } problems
            ? Invalid(problems)
            : Decision.Accept(new AnswersReopened(c.Until!.Value, c.Now));
    }

    private static Decision Release(ReleaseStatement c, ReviewState state) => state.Status switch
    {
        ReviewStatus.Assembled => Decision.Accept(new StatementReleased(Automatically: false, c.Now)),
        ReviewStatus.Released or ReviewStatus.Filed or ReviewStatus.Completed => Decision.Accept(),
        ReviewStatus.None => NotFound(),
        _ => Decision.Reject(RejectionCodes.NotAssembled, "The statement has not been assembled yet: answers are still being collected."),
    };

    private static Decision RecordFiled(RecordStatementFiled c, ReviewState state) => state.Status switch
    {
        ReviewStatus.Released => Decision.Accept(new StatementFiled(c.Location, c.Now)),
        ReviewStatus.Filed or ReviewStatus.Completed => Decision.Accept(),
        _ => Decision.Reject(RejectionCodes.NotAssembled, "The statement has not been released yet."),
    };

    private static Decision RecordNotified(RecordPanelNotified c, ReviewState state) => state.Status switch
    {
        ReviewStatus.Filed => Decision.Accept(new PanelNotified(c.Now)),
        ReviewStatus.Completed => Decision.Accept(),
        _ => Decision.Reject(RejectionCodes.NotAssembled, "The statement has not been filed yet."),
    };

    /// <summary>Who is answering: as the command says, or the assignment's own officer.</summary>
    private static Respondent Who(Respondent? by, ReviewState state, string assignmentId) =>
        by ?? new Respondent(state.FindAssignment(assignmentId)!.OfficerEmail);

    private static List<AreaOfFocus> Number(IReadOnlyList<AreaInput> areas, Func<QuestionInput, string> idFor) =>
        [.. areas.Select(area => new AreaOfFocus(
            area.Heading.Trim(),
            [.. area.Questions.Select(q => new Question(idFor(q), q.Text.Trim(), [.. q.OfficerEmails.Select(Officer.NormaliseEmail)], q.Source, q.RoutedBy))]))];

    /// <summary>The directory entries for the people named, and for their managers (who may be escalated to).</summary>
    private static List<Officer> OfficersNamed(IEnumerable<string> emails, IReadOnlyList<Officer> knownOfficers)
    {
        var known = knownOfficers
            .Select(o => o.Normalised())
            .DistinctBy(o => o.Email)
            .ToDictionary(o => o.Email);
        var named = emails.Where(known.ContainsKey).ToHashSet();
        var managers = named.Select(e => known[e].ManagerEmail).OfType<string>().Where(known.ContainsKey);
        return [.. known.Values.Where(o => named.Contains(o.Email) || managers.Contains(o.Email))];
    }

    private static Officer? Known(IReadOnlyList<Officer> knownOfficers, string email) =>
        knownOfficers.FirstOrDefault(o => Officer.NormaliseEmail(o.Email) == email)?.Normalised();
}
