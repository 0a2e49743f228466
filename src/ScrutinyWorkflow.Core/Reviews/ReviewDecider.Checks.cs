using ScrutinyWorkflow.Core.Calendar;

namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>
/// The decider's checks of what a command asks for, kept apart from the transitions so each file reads as one
/// thing. Every field problem a caller sees comes from here: endpoints and pages only bind and map.
/// </summary>
public sealed partial class ReviewDecider
{
    private List<Problem> CheckNewReview(DraftReview c)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(c.Title))
        {
            problems.Add(new("focusReport.title", "Give the focus report's title."));
        }
        else if (c.Title.Length > MaxLineLength)
        {
            problems.Add(new("focusReport.title", $"The title is longer than {MaxLineLength} characters."));
        }
        if (c.Published is null)
        {
            problems.Add(new("focusReport.published", "Give the month the focus report was published, as yyyy-MM (for example 2020-12)."));
        }
        problems.AddRange(CheckPanelAndDates(c.PanelName, c.PanelEmail, c.MeetingDate, c.Deadline, c.Now));
        problems.AddRange(CheckAreas(c.Areas, c.KnownOfficers));
        return problems;
    }

    /// <summary>What every new review needs whatever it asks about: the panel that gets the paper, when it meets, and when answers are due.</summary>
    private List<Problem> CheckPanelAndDates(string? panelName, string? panelEmail, DateOnly? meetingDate, DateOnly? deadline, DateTimeOffset now)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(panelName))
        {
            problems.Add(new("panel.name", "Give the name of the scrutiny panel."));
        }
        else if (panelName.Length > MaxLineLength)
        {
            problems.Add(new("panel.name", $"The panel's name is longer than {MaxLineLength} characters."));
        }
        if (!EmailAddress.IsValid(panelEmail is null ? null : Officer.NormaliseEmail(panelEmail)))
        {
            problems.Add(new("panel.email", string.IsNullOrWhiteSpace(panelEmail)
                ? "Give the panel's email address (the statement is sent there)."
                : $"'{panelEmail}' is not an email address."));
        }
        problems.AddRange(CheckDraftDates(meetingDate, deadline, now));
        return problems;
    }

    private static List<Problem> CheckRevision(ReviseQuestions c, ReviewState state)
    {
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
        return problems;
    }

    private List<Problem> CheckDispatch(ReviewState state, DateTimeOffset now)
    {
        var problems = new List<Problem>();
        // A decisions review asks only about upheld decisions, and a month may have none.
        if (!state.Questions.Any() && state.Kind == ReviewKind.FocusReport)
        {
            problems.Add(new("areas", "A review needs at least one question before it can be sent."));
        }
        for (var a = 0; a < state.Areas.Count; a++)
        {
            for (var q = 0; q < state.Areas[a].Questions.Count; q++)
            {
                if (state.Areas[a].Questions[q].OfficerEmails.Count == 0)
                {
                    problems.Add(new($"areas[{a}].questions[{q}].officers", NobodyToAnswer(state.Areas[a].Heading, state.Areas[a].Questions[q])));
                }
            }
        }
        problems.AddRange(CheckWorkingDay(state.MeetingDate, "meetingDate", "meeting"));
        problems.AddRange(CheckDates(state.Deadline, state.MeetingDate, now));
        return problems;
    }

    private List<Problem> CheckNewDeadline(DateOnly? newDeadline, ReviewState state, DateTimeOffset now)
    {
        if (newDeadline is not { } deadline)
        {
            return [new("deadline", "Give the new deadline as yyyy-MM-dd.")];
        }
        return [.. CheckDates(deadline, state.MeetingDate, now)];
    }

    private List<Problem> CheckNewMeetingDate(DateOnly? newMeetingDate, ReviewState state, DateTimeOffset now)
    {
        if (newMeetingDate is not { } meeting)
        {
            return [new("meetingDate", "Give the new meeting date as yyyy-MM-dd.")];
        }
        if (meeting < DateOnly.FromDateTime(now.DateTime))
        {
            return [new("meetingDate", $"The meeting date {Format(meeting)} is in the past.")];
        }
        return [.. CheckWorkingDay(meeting, "meetingDate", "meeting"), .. CheckClearDays(state.Deadline, meeting, "meetingDate")];
    }

    private List<Problem> CheckReopening(DateOnly? until, ReviewState state, DateTimeOffset now)
    {
        if (until is not { } last)
        {
            return [new("until", "Give the last day answers are taken again, as yyyy-MM-dd.")];
        }
        if (last < DateOnly.FromDateTime(now.DateTime))
        {
            return [new("until", $"{Format(last)} is in the past.")];
        }
        // Officers answer on working days, and answers close at the end of that day: a Saturday would give them
        // nothing the Friday does not, and nobody would be at work to see the statement assembled.
        if (!calendar.IsWorkingDay(last))
        {
            var today = DateOnly.FromDateTime(now.DateTime);
            var before = calendar.PreviousWorkingDayOnOrBefore(last);
            var after = calendar.NextWorkingDayOnOrAfter(last);
            var choose = before >= today ? $"{LongDate.FormatWithDay(before)} or {LongDate.FormatWithDay(after)}" : LongDate.FormatWithDay(after);
            return [new("until", $"{LongDate.FormatWithDay(last)} is {calendar.WhyClosed(last)}, when the council is closed and officers cannot answer: reopen answers until {choose}.")];
        }
        if (state.ReleaseAt is { } releaseAt && last.AddDays(1).ToDateTime(TimeOnly.MinValue) > releaseAt)
        {
            return [new("until", $"Answers must close before the statement goes to the panel at {releaseAt:HH:mm} on {Format(DateOnly.FromDateTime(releaseAt))}: reopen until {Format(DateOnly.FromDateTime(releaseAt).AddDays(-1))} at the latest.")];
        }
        return [];
    }

    private static List<Problem> CheckDecline(DeclineQuestion c, Assignment assignment)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(c.Reason))
        {
            problems.Add(new("reason", "Say why this question is not for you, so the scrutiny team can find the right person."));
        }
        else if (c.Reason.Length > MaxQuestionLength)
        {
            problems.Add(new("reason", $"The reason is longer than {MaxQuestionLength:N0} characters."));
        }
        if (!string.IsNullOrWhiteSpace(c.SuggestedEmail))
        {
            var email = Officer.NormaliseEmail(c.SuggestedEmail);
            if (!EmailAddress.IsValid(email))
            {
                problems.Add(new("colleague", $"'{c.SuggestedEmail}' is not an email address."));
            }
            else if (email == assignment.OfficerEmail)
            {
                problems.Add(new("colleague", "Name a colleague other than yourself, or leave this empty."));
            }
        }
        return problems;
    }

    private static List<Problem> CheckReassignment(ReviewState state, Assignment assignment, string? toEmail, IReadOnlyList<Officer> knownOfficers)
    {
        if (toEmail is null)
        {
            return [new("to", "Name who should answer this question instead.")];
        }
        if (!EmailAddress.IsValid(toEmail))
        {
            return [new("to", $"'{toEmail}' is not an email address.")];
        }
        if (!knownOfficers.Any(o => Officer.NormaliseEmail(o.Email) == toEmail))
        {
            return [new("to", $"{toEmail} is not in the officer directory.")];
        }
        return state.Assignments.OfQuestion(assignment.QuestionId).Any(a => a.IsCurrent && a.OfficerEmail == toEmail)
            ? [new("to", $"{toEmail} is already asked this question.")]
            : [];
    }

    private static List<Problem> CheckNewQuestion(AddQuestion c, ReviewState state)
    {
        // One area with one question, checked as a draft's would be, with the fields named as this command has them.
        var problems = CheckAreas([new AreaInput(c.AreaHeading, [new QuestionInput(c.Text, c.OfficerEmails)])], c.KnownOfficers)
            .Select(p => p with
            {
                Field = p.Field.Replace("areas[0].questions[0].", "", StringComparison.Ordinal).Replace("areas[0].heading", "area", StringComparison.Ordinal),
            })
            .ToList();
        if (state.Questions.Count() >= MaxQuestionsPerReview)
        {
            problems.Add(new("text", $"This review already has {MaxQuestionsPerReview:N0} questions, the most one review may hold. Start a second review for the rest."));
        }
        if (c.OfficerEmails.Count == 0)
        {
            problems.Add(new("officers", "Name at least one officer to answer the question."));
        }
        return problems;
    }

    private IEnumerable<Problem> CheckDates(DateOnly deadline, DateOnly meetingDate, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.DateTime);
        if (deadline < today)
        {
            yield return new("deadline", $"The deadline {Format(deadline)} is in the past.");
            yield break;
        }
        if (CheckWorkingDay(deadline, "deadline", "deadline") is { } closed and not [])
        {
            yield return closed[0];
            yield break;
        }
        foreach (var problem in CheckClearDays(deadline, meetingDate, "deadline"))
        {
            yield return problem;
        }
    }

    /// <summary>A deadline or meeting on a day the council is closed, with the working days either side to choose from.</summary>
    private List<Problem> CheckWorkingDay(DateOnly date, string field, string what)
    {
        if (calendar.IsWorkingDay(date))
        {
            return [];
        }
        var before = calendar.PreviousWorkingDayOnOrBefore(date);
        var after = calendar.NextWorkingDayOnOrAfter(date);
        return [new(field,
            $"The {what} {LongDate.FormatWithDay(date)} is {calendar.WhyClosed(date)}, when the council is closed; " +
            $"choose {LongDate.FormatWithDay(before)} or {LongDate.FormatWithDay(after)}.")];
    }

    /// <summary>
    /// Agenda papers are published the clear working days before the meeting, at the release time on the last day
    /// they can be; answers close at the end of the deadline day, so the deadline is a working day before that day
    /// and the statement is assembled, checked and released after every answer is in.
    /// </summary>
    private IEnumerable<Problem> CheckClearDays(DateOnly deadline, DateOnly meetingDate, string field)
    {
        var latest = ChaseSchedule.LatestDeadline(meetingDate, policy.ClearWorkingDaysBeforeMeeting, calendar);
        if (deadline > latest)
        {
            var publishing = calendar.AddWorkingDays(meetingDate, -(policy.ClearWorkingDaysBeforeMeeting + 1));
            yield return new(field,
                $"The deadline {Format(deadline)} leaves {calendar.ClearWorkingDaysBetween(deadline, meetingDate)} clear working days before the meeting on {Format(meetingDate)}; " +
                $"agenda papers must be published {policy.ClearWorkingDaysBeforeMeeting} clear working days before the meeting, on {Format(publishing)}, " +
                $"after answers close, so set the deadline on or before {Format(latest)}.");
        }
    }

    private static IEnumerable<Problem> CheckAreas(IReadOnlyList<AreaInput> areas, IReadOnlyList<Officer> knownOfficers)
    {
        if (areas.Count == 0 || areas.All(a => a.Questions.Count == 0))
        {
            yield return new("areas", "A review needs at least one area of focus with at least one question.");
        }
        var questions = areas.Sum(a => a.Questions.Count);
        if (questions > MaxQuestionsPerReview)
        {
            yield return new("areas", $"This review has {questions:N0} questions; one review may hold at most {MaxQuestionsPerReview:N0}. Split the report's areas across two reviews.");
            yield break;
        }
        var people = areas.SelectMany(a => a.Questions).SelectMany(q => q.OfficerEmails).Select(Officer.NormaliseEmail).Distinct().Count();
        if (people > MaxOfficersPerReview)
        {
            yield return new("areas", $"This review asks {people:N0} different people; one review may ask at most {MaxOfficersPerReview:N0}.");
            yield break;
        }
        var known = KnownAddresses(knownOfficers);
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
                if (question.OfficerEmails.Count > MaxOfficersPerQuestion)
                {
                    yield return new($"{path}.officers", $"This question names {question.OfficerEmails.Count:N0} officers; one question may be asked of at most {MaxOfficersPerQuestion:N0}.");
                    continue;
                }
                var seen = new HashSet<string>();
                for (var o = 0; o < question.OfficerEmails.Count; o++)
                {
                    if (CheckDirectoryOfficer(question.OfficerEmails[o], known, $"{path}.officers[{o}]") is { } unknown)
                    {
                        yield return unknown;
                    }
                    else if (!seen.Add(Officer.NormaliseEmail(question.OfficerEmails[o])))
                    {
                        yield return new($"{path}.officers[{o}]", $"{Officer.NormaliseEmail(question.OfficerEmails[o])} is named twice for this question.");
                    }
                }
            }
        }
    }

    private static HashSet<string> KnownAddresses(IReadOnlyList<Officer> knownOfficers) => [.. knownOfficers.Select(o => Officer.NormaliseEmail(o.Email))];

    /// <summary>An address given for someone to be asked: an email address, and one the officer directory knows.</summary>
    private static Problem? CheckDirectoryOfficer(string given, HashSet<string> known, string field)
    {
        var email = Officer.NormaliseEmail(given);
        if (!EmailAddress.IsValid(email))
        {
            return new(field, $"'{given}' is not an email address.");
        }
        return known.Contains(email) ? null : new(field, $"{email} is not in the officer directory.");
    }

    /// <summary>A review is started once: its id is taken by whatever was started first.</summary>
    private static Decision? CheckNew(ReviewState state) =>
        state.Status == ReviewStatus.None ? null : Decision.Reject(RejectionCodes.AlreadyExists, $"Review {state.ReviewId} already exists.");

    private static Decision? CheckOpen(ReviewState state, DateTimeOffset now) => state.Status switch
    {
        ReviewStatus.None => NotFound(),
        ReviewStatus.Draft => Decision.Reject(RejectionCodes.NotOpen, "This review has not been sent out yet."),
        _ when state.TakesAnswersAt(now) => null,
        _ when state.IsReleased => Decision.Reject(RejectionCodes.NotOpen, "The statement has gone to the panel: responses to this review have closed."),
        _ when state.ClosedEarlyAt is { } closed => Decision.Reject(RejectionCodes.NotOpen, $"The review was closed early on {Format(DateOnly.FromDateTime(closed.DateTime))}."),
        _ when state.LastAnswerDay is { } lastDay => Decision.Reject(RejectionCodes.NotOpen, $"Responses closed at the end of {Format(lastDay)}."),
        _ => Decision.Reject(RejectionCodes.NotOpen, "Responses to this review have closed."),
    };

    private static Decision? CheckAnswerable(ReviewState state, string assignmentId, Respondent? by, DateTimeOffset now)
    {
        if (state.TakesAnswerFrom(assignmentId, now, by))
        {
            return null;
        }
        // Refused: say why, most general reason first.
        if (CheckOpen(state, now) is { } refusal)
        {
            return refusal;
        }
        if (state.FindAssignment(assignmentId) is not { } assignment)
        {
            return UnknownAssignment(assignmentId);
        }
        return state.MayAnswerFor(by, assignment)
            ? Decision.Reject(RejectionCodes.AssignmentClosed, $"This request is {Describe(assignment.Outcome)}.")
            : Decision.Reject(RejectionCodes.NotYours, "This question is not one of yours to answer.");
    }

    /// <summary>Changes to questions and dates are possible until the statement goes to the panel.</summary>
    private static Decision? CheckBeforeRelease(ReviewState state) => state.Status switch
    {
        ReviewStatus.None => NotFound(),
        ReviewStatus.Draft => Decision.Reject(RejectionCodes.NotOpen, "This review has not been sent out yet: edit the draft's questions instead."),
        _ when state.IsReleased => Decision.Reject(RejectionCodes.AlreadyReleased, "The statement has already gone to the panel."),
        _ => null,
    };

    private static Decision? CheckAssembled(ReviewState state) => state.Status switch
    {
        ReviewStatus.None => NotFound(),
        ReviewStatus.Assembled => null,
        _ when state.IsReleased => Decision.Reject(RejectionCodes.AlreadyReleased, "The statement has already gone to the panel."),
        _ => Decision.Reject(RejectionCodes.NotAssembled, "The statement has not been assembled yet: answers are still being collected."),
    };

    private Decision? CheckAnswerText(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return Invalid([new("answer", "Write an answer before submitting it. To keep notes without submitting, save a draft.")]);
        }
        return trimmed.Length > policy.MaxAnswerLength ? TooLong() : null;
    }

    private static string Describe(AssignmentOutcome outcome) => outcome switch
    {
        AssignmentOutcome.Answered => "already answered",
        AssignmentOutcome.Reassigned => "now with a colleague",
        AssignmentOutcome.NoResponse => "closed without a response",
        AssignmentOutcome.Declined => "declined",
        AssignmentOutcome.Withdrawn => "withdrawn from the review",
        AssignmentOutcome.ClosedEarly => "closed: the review was closed early",
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

    private static string Format(DateOnly date) => LongDate.Format(date);
}
