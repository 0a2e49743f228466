using FsCheck;
using FsCheck.Fluent;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>Random histories of a review: what people and the scheduler do, in any order. Shared by the decider's and the store's properties.</summary>
internal static class ReviewHistories
{
    private static readonly string[] AssignmentIds = ["A1", "A2", "A3", "A4", "A5", "A6", "A99"];

    private static readonly string[] Kinds =
    [
        "dispatch", "timers", "timers", "submit", "submit", "draft", "reassign", "deadline", "close", "release", "reopen", "late",
        "decline", "add", "withdraw", "meeting", "remind", "manager", "filed", "notified", "correct", "recommend", "update", "settle",
    ];

    /// <summary>Who records and closes the panel's recommendations in these histories.</summary>
    public static readonly Actor ScrutinyTeam = Actor.ScrutinyOfficer("scrutiny@council.example");

    /// <summary>One thing someone (or the scheduler) does, some hours after the last: printable, so a failure reads as a story.</summary>
    public sealed record Move(string Kind, string Assignment, int Days, int HoursLater)
    {
        private string FollowUp => FollowUpIds.Recommendation(Days % 2 + 1);

        public ReviewCommand At(DateTimeOffset now, ReviewState state) => Kind switch
        {
            "dispatch" => new DispatchReview(now),
            "timers" => new ProcessDueTimers(now),
            "submit" => new SubmitAnswer(Assignment, $"Answer from {Assignment}", now),
            "draft" => new SaveAnswer(Assignment, $"Draft from {Assignment}", now),
            "reassign" => new ReassignAssignment(Assignment, Days % 2 == 0 ? Leaving.Email : null, Council, "", now),
            "deadline" => new ChangeDeadline(Deadline.AddDays(Days - 3), now),
            "close" => new CloseEarly("", now),
            "release" => new ReleaseStatement(now),
            "reopen" => new ReopenAnswers(DateOnly.FromDateTime(now.DateTime).AddDays(Days), now),
            "late" => new AcceptLateAnswer(Assignment, $"Late from {Assignment}", now),
            "decline" => new DeclineQuestion(Assignment, Days % 2 == 0 ? Leaving.Email : null, Council, "Not mine", now),
            "add" => new AddQuestion(Days % 2 == 0 ? "Care leavers" : "New area", $"Added question {Days}?", [Council[Days % Council.Length].Email], Council, now),
            "withdraw" => new WithdrawQuestion($"Q{Days % 5 + 1}", "No longer needed", now),
            "meeting" => new ChangeMeetingDate(Meeting.AddDays(Days - 2), now),
            "remind" => new RemindOfficer(Council[Days % Council.Length].Email, now),
            "manager" => state.FindAssignment(Assignment) is { } a && state.Officers.GetValueOrDefault(a.OfficerEmail)?.ManagerEmail is { } manager
                ? new SubmitAnswer(Assignment, $"Manager for {Assignment}", now, new Respondent(manager, a.OfficerEmail))
                : new ProcessDueTimers(now),
            "filed" => new RecordStatementFiled("filed", now),
            "correct" => new CorrectAnswer($"Q{Days % 5 + 1}", $"Corrected {Days}", now),
            // Now and then someone through a link tries to record one, and the due date may fall on a weekend.
            "recommend" => new RecordPanelRecommendation($"Recommendation {Days}", Council[Days % Council.Length], DateOnly.FromDateTime(now.DateTime).AddDays(7 + Days),
                Days == 6 ? Actor.LinkHolder(Head.Email) : ScrutinyTeam, now),
            "update" => new ActOnFollowUp(FollowUp, new ProvideUpdate($"Update {Days}", Days % 2 == 0 ? RecommendationProgress.Done : RecommendationProgress.InProgress,
                Actor.LinkHolder(state.FollowUps.GetValueOrDefault(FollowUp)?.Owner?.Email ?? Head.Email), now)),
            // Closing as not implemented without saying why is refused.
            "settle" => new ActOnFollowUp(FollowUp, Days % 3 == 0
                ? new CloseRecommendation(RecommendationClosure.NotImplemented, "", ScrutinyTeam, now)
                : new CloseRecommendation(RecommendationClosure.Implemented, "Seen", Days == 5 ? Actor.LinkHolder(Head.Email) : ScrutinyTeam, now)),
            _ => new RecordPanelNotified(now),
        };
    }

    /// <summary>Up to 50 moves, each some hours after the last.</summary>
    public static Arbitrary<Move[]> Histories() =>
        Gen.Zip(
                Gen.Zip(Gen.Elements(Kinds), Gen.Elements(AssignmentIds)),
                Gen.Zip(Gen.Choose(0, 6), Gen.Choose(0, 72)))
            .Select(t => new Move(t.Item1.Item1, t.Item1.Item2, t.Item2.Item1, t.Item2.Item2))
            .ArrayOf()
            .Select(a => a.Take(50).ToArray())
            .ToArbitrary();

    /// <summary>The events a history leaves, from the draft on, with the time of the last move.</summary>
    public static List<ReviewEvent> Events(ReviewDecider decider, IEnumerable<Move> history)
    {
        var events = new List<ReviewEvent>();
        var state = ReviewState.Initial;
        Append(decider.Decide(Draft(), state));
        var now = Start;
        foreach (var move in history)
        {
            now = now.AddHours(move.HoursLater);
            Append(decider.Decide(move.At(now, state), state));
        }
        return events;

        void Append(Decision decision)
        {
            if (decision is Accepted accepted)
            {
                events.AddRange(accepted.Events);
                state = accepted.Events.Aggregate(state, ReviewState.Evolve);
            }
        }
    }
}
