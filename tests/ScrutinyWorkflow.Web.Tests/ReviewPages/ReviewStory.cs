using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Web.Tests.ReviewPages;

/// <summary>
/// A review that goes through everything that can happen to one, decided by the real decider: drafted, edited, sent,
/// answered, amended, declined and handed on, added to and withdrawn from, chased, escalated, moved, closed early,
/// late-answered, reopened, assembled, released, filed and the panel told; an officer away, a bounced message, and an
/// answer corrected while the statement is checked. Its events cover every event type.
/// </summary>
internal static class ReviewStory
{
    /// <summary>Every event of the story in order, and the review they leave.</summary>
    public static (IReadOnlyList<ReviewEvent> Events, ReviewState Review) Run() => Run(Commands());

    /// <summary>The one thing that can happen to a draft and to no review that went out: it is deleted.</summary>
    public static (IReadOnlyList<ReviewEvent> Events, ReviewState Review) Discarded() => Run([Draft(), new DiscardDraft(At(2026, 12, 14, 12))]);

    /// <summary>
    /// A month's decisions reviewed (issue 26): drafted, sent, a remedy's evidence given through the link and accepted,
    /// and the Ombudsman's published compliance figure entered. Its events cover the decisions review's own types.
    /// </summary>
    public static (IReadOnlyList<ReviewEvent> Events, ReviewState Review) Decisions() => Run(
    [
        new DraftDecisionsReview(Id, new YearMonth(2026, 11), ThePanel.Name, ThePanel.Email, Meeting, Deadline,
        [
            new("24 001 234", new DateOnly(2026, 11, 10), "Housing", DecisionFinding.UpheldWithInjustice, "The council delayed a homelessness review.", Housing.Email,
                [new(RemedyKind.Apology, "Apologise to Mr X.", null, new DateOnly(2027, 1, 8))]),
            new("24 005 678", new DateOnly(2026, 11, 18), "Adult care services", DecisionFinding.NotUpheld, "No fault in a care assessment.", null, []),
        ], Council, Start),
        new DispatchReview(Start),
        new ActOnFollowUp("M1", new ProvideUpdate("Apology sent on 4 January.", RecommendationProgress.Done, Actor.LinkHolder(Housing.Email), At(2027, 1, 5, 10))),
        new ActOnFollowUp("M1", new CloseRecommendation(RecommendationClosure.Implemented, "", Actor.ScrutinyOfficer("scrutiny@council.example"), At(2027, 1, 6, 10))),
        new RecordPublishedCompliance(2026, 96.5m, At(2027, 1, 6, 11)),
    ]);

    public static (IReadOnlyList<ReviewEvent> Events, ReviewState Review) Until(Func<ReviewCommand, bool> stopBefore) =>
        Run(Commands().TakeWhile(c => !stopBefore(c)));

    private static (IReadOnlyList<ReviewEvent> Events, ReviewState Review) Run(IEnumerable<ReviewCommand> commands)
    {
        var decider = new ReviewDecider(ReviewPolicy.Default, new WorkingCalendar());
        var events = new List<ReviewEvent>();
        var state = ReviewState.Initial;
        foreach (var command in commands)
        {
            var decision = decider.Decide(command, state);
            Assert.True(decision is Accepted, $"The story's {command.GetType().Name} at {command.Now} was refused: {(decision as Rejected)?.Rejection}");
            foreach (var @event in ((Accepted)decision).Events)
            {
                events.Add(@event);
                state = ReviewState.Evolve(state, @event);
            }
        }
        return (events, state);
    }

    private static IEnumerable<ReviewCommand> Commands()
    {
        yield return Draft();
        // Reworded in the draft, keeping each question's id.
        yield return new ReviseQuestions(
        [
            new("Accommodation for 16 and 17 year olds",
            [
                new("How many 16 and 17 year olds are in bed and breakfast accommodation?", [Head.Email, Data.Email], "Q1"),
                new("How do we assess the needs of homeless 16 and 17 year olds, and how quickly?", [Housing.Email], "Q2"),
            ]),
            new("Care leavers", [new("Does every care leaver have a personal adviser and a pathway plan?", [Leaving.Email], "Q3")]),
        ], Council, Start.AddMinutes(5));
        yield return new DispatchReview(Start.AddMinutes(10));
        yield return new NoteOfficersAway([new OfficerAbsence(Housing.Email, At(2027, 1, 20, 0))], Start.AddMinutes(11));
        yield return new RecordUndeliverable(Data.Email, "rv-test.3.2", "550 no such user", Start.AddMinutes(12));
        // A1 Head and A2 Data share Q1, A3 Housing has Q2, A4 Leaving has Q3.
        yield return new SaveAnswer("A1", "Notes so far", At(2026, 12, 15, 9), By(Head));
        yield return new SubmitAnswer("A1", "None at present.", At(2026, 12, 15, 11), By(Head));
        yield return new SubmitAnswer("A2", "None at present; two last year.", At(2026, 12, 16, 9), By(Data), Replacing: "None at present.");
        yield return new DeclineQuestion("A4", Head.Email, Council, "Pathway plans sit with the head of service", At(2026, 12, 16, 10), By(Leaving));
        yield return new ReassignAssignment("A4", null, Council, "As suggested", At(2026, 12, 16, 14));
        yield return new AddQuestion("Care leavers", "How many care leavers are in education, employment or training?", [Data.Email], Council, At(2026, 12, 17, 10));
        yield return new WithdrawQuestion("Q4", "Covered by the annual report", At(2026, 12, 17, 11));
        yield return new RemindOfficer(Housing.Email, At(2026, 12, 17, 12));
        yield return new ChangeDeadline(new DateOnly(2027, 1, 11), At(2026, 12, 18, 10));
        yield return new ChangeMeetingDate(new DateOnly(2027, 1, 21), At(2026, 12, 18, 11));
        yield return new ProcessDueTimers(At(2027, 1, 4, 10));
        yield return new ProcessDueTimers(At(2027, 1, 11, 9, 30));
        yield return new CloseEarly("The panel asked for the papers early", At(2027, 1, 11, 12));
        yield return new AcceptLateAnswer("A3", "Within ten working days.", At(2027, 1, 11, 12, 30));
        yield return new ReopenAnswers(new DateOnly(2027, 1, 12), At(2027, 1, 11, 13));
        yield return new ProcessDueTimers(At(2027, 1, 13, 0, 30));
        // Checking the statement, the team corrects an answer before releasing it.
        yield return new CorrectAnswer("Q2", "Within ten working days of the referral.", At(2027, 1, 13, 7));
        yield return new ReleaseStatement(At(2027, 1, 13, 8));
        yield return new RecordStatementFiled("panel/children/2027-01-21/rv-test/appendix.docx", At(2027, 1, 13, 8, 1));
        yield return new RecordPanelNotified(At(2027, 1, 13, 8, 2));
        // The panel met: a recommendation followed through its owner's update, a second round, a chase, a new owner and its close.
        var team = Core.Recommendations.Actor.ScrutinyOfficer("scrutiny@council.example");
        yield return new RecordPanelRecommendation("Report bed and breakfast placements to the panel every quarter.", Data, new DateOnly(2027, 2, 5), team, At(2027, 1, 21, 14));
        yield return new ActOnFollowUp("R1", new Core.Recommendations.ProvideUpdate("The first report is drafted.", Core.Recommendations.RecommendationProgress.InProgress,
            Core.Recommendations.Actor.LinkHolder(Data.Email), At(2027, 1, 25, 10)));
        yield return new ActOnFollowUp("R1", new Core.Recommendations.RequestUpdate(new DateOnly(2027, 3, 5), team, At(2027, 1, 26, 10)));
        yield return new ActOnFollowUp("R1", new Core.Recommendations.ChangeUpdateDate(new DateOnly(2027, 3, 12), team, At(2027, 1, 27, 10)));
        yield return new ProcessDueTimers(At(2027, 3, 8, 10));
        yield return new ProcessDueTimers(At(2027, 3, 13, 10));
        yield return new ActOnFollowUp("R1", new Core.Recommendations.ChangeOwner(Head, "The data team's work moved to the head of service", team, At(2027, 3, 15, 10)));
        yield return new ActOnFollowUp("R1", new Core.Recommendations.CloseRecommendation(Core.Recommendations.RecommendationClosure.NoLongerNeeded,
            "The quarterly report is now in the service's own performance pack", team, At(2027, 3, 16, 10)));
    }
}
