using System.Text.Json;
using System.Text.Json.Nodes;
using ScrutinyWorkflow.Core.Decisions;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine.Serialization;

namespace ScrutinyWorkflow.Web.Tests.Engine.Storage;

public sealed class ReviewEventSerializerTests
{
    private static readonly DateTimeOffset At = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly Officer Tom = new("tom.okafor@council.example", "Tom Okafor", "Team Manager", null);
    private static readonly ChaseSchedule Schedule = new([new ChaseStep(ChaseAction.Reminder, 1, new DateTime(2027, 1, 5, 9, 0, 0))], new DateTime(2027, 1, 9));

    private static readonly ReviewEvent[] Samples =
    [
        new ReviewDrafted("rv-1", new FocusReport("Careless", new YearMonth(2020, 12)), new Panel("Panel", "panel@council.example"),
            new DateOnly(2027, 1, 20), new DateOnly(2027, 1, 8),
            [new AreaOfFocus("Care leavers", [new Question("Q1", "Why?", [Tom.Email], new ReportSource(24, "numbered list under a heading", 0.9))])], [Tom], At, LayoutDoubts: ["2 of the 3 questions could not be read with confidence"]),
        new QuestionsRevised([new AreaOfFocus("Care leavers", [new Question("Q1", "Why not?", [])])], [], At),
        new DraftDiscarded(At),
        new ReviewDispatched(Schedule, At),
        new RequestSent("A1", "Q1", Tom.Email, At),
        new ReminderSent("A1", 0, 1, At),
        new Escalated("A1", 1, null, At),
        new OfficerReminded(Tom.Email, ["A1"], At),
        new AnswerSaved("A1", "Notes", At, new Respondent(Tom.Email)),
        new AnswerSubmitted("A1", "Q1", "Answer", At, new Respondent("boss@council.example", Tom.Email), At.DateTime.AddMinutes(5)),
        new AnswerAmended("A1", "Q1", "Better answer", At),
        new LateAnswerAccepted("A1", "Q1", "Late answer", At),
        new QuestionDeclined("A1", "someone@council.example", Tom, "Not mine", At),
        new AssignmentReassigned("A1", "A2", Tom, "Better placed", At, Tom),
        new QuestionAdded("Care leavers", new Question("Q2", "And?", [Tom.Email]), [Tom], At),
        new QuestionWithdrawn("Q2", "Covered elsewhere", At),
        new DeadlineChanged(new DateOnly(2027, 1, 8), new DateOnly(2027, 1, 12), Schedule with { ReleaseAt = new DateTime(2027, 1, 12, 9, 0, 0) }, At),
        new MeetingDateChanged(new DateOnly(2027, 1, 20), new DateOnly(2027, 1, 27), new DateTime(2027, 1, 19, 9, 0, 0), At),
        new DeadlinePassed(At),
        new ReviewClosedEarly("Meeting moved", At),
        new StatementAssembled(At),
        new AnswersReopened(new DateOnly(2027, 1, 11), At),
        new StatementReleased(true, At),
        new StatementFiled("/data/panel/rv-1/position-statement.html", At),
        new PanelNotified(At),
        new AnswerCorrected("Q1", "Four, not three.", At),
        new OfficersAwayNoted([new OfficerAbsence("tom.okafor@council.example", null)], At),
        new MailUndeliverable("tom.okafor@council.example", "rv-1.2.1", "550 no such user", At),
        new ReceiptSent(new Respondent("manager@council.example", "tom.okafor@council.example"), [new ReceiptLine("A1", "Q1", "RV-1-Q1-1", "Because.", At, Amended: false)], At),
        new DecisionsRecorded(new YearMonth(2026, 11),
            [
                new RecordedDecision("24 001 234", new DateOnly(2026, 11, 10), "Housing", DecisionFinding.UpheldWithInjustice, "Delay.", Tom.Email, "Q1",
                    [new RecordedRemedy(1, RemedyKind.FinancialRedress, "Pay £300.", 300m, new DateOnly(2027, 1, 15), "M1")]),
                new RecordedDecision("24 005 678", new DateOnly(2026, 11, 18), "Adult care services", DecisionFinding.NotUpheld, "", null, null, []),
            ], At),
        // Every kind of change a follow-up can have round-trips in FollowUpSerializationTests.
        new FollowUpChanged("M1", new UpdateRequested(1, new DateOnly(2027, 1, 15), Schedule, At), At),
        new PublishedComplianceRecorded(2025, 87.5m, At),
    ];

    public static TheoryData<ReviewEvent> OneOfEach() => [.. Samples];

    [Theory]
    [MemberData(nameof(OneOfEach))]
    public void Every_event_round_trips_through_its_stored_form(ReviewEvent @event)
    {
        var serializer = new ReviewEventSerializer();
        var row = serializer.Serialize(@event);

        var back = serializer.Deserialize(new StoredEvent(1, row.Type, row.SchemaVersion, row.Data, At));

        Assert.Equal(@event.GetType(), back.GetType());
        Assert.Equal(JsonSerializer.Serialize(@event, @event.GetType(), ReviewEventSerializer.JsonOptions), JsonSerializer.Serialize(back, back.GetType(), ReviewEventSerializer.JsonOptions));
    }

    [Fact]
    public void Every_event_type_in_the_core_has_a_stored_name()
    {
        var eventTypes = typeof(ReviewEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(ReviewEvent)) && !t.IsAbstract);
        var serializer = new ReviewEventSerializer();

        Assert.All(eventTypes, t => Assert.Contains(Samples, e => e.GetType() == t));
        Assert.Equal(Samples.Length, Samples.Select(serializer.NameOf).Distinct().Count());
    }

    [Fact]
    public void A_deadline_extension_stored_under_its_former_name_loads_as_a_deadline_change()
    {
        var old = new StoredEvent(9, "deadline-extended", 1,
            """{"from":"2027-01-08","to":"2027-01-12","schedule":{"steps":[],"closesAt":"2027-01-13T00:00:00"},"at":"2027-01-04T09:00:00+00:00"}""", At);

        var changed = Assert.IsType<DeadlineChanged>(new ReviewEventSerializer().Deserialize(old));

        Assert.Equal((new DateOnly(2027, 1, 8), new DateOnly(2027, 1, 12), (DateTime?)null), (changed.From, changed.To, changed.Schedule.ReleaseAt));
        Assert.Equal("deadline-changed", new ReviewEventSerializer().Serialize(changed).Type);
    }

    [Fact]
    public void A_month_is_stored_as_year_dash_month()
    {
        var row = new ReviewEventSerializer().Serialize(Samples[0]);

        Assert.Equal("2020-12", JsonNode.Parse(row.Data)!["focusReport"]!["published"]!.GetValue<string>());
    }

    [Fact]
    public void An_event_stored_under_an_older_schema_loads_through_its_upcaster()
    {
        // Suppose version 1 of "escalated" called the manager "managerAddress" and version 2 renamed it.
        var renamed = new EventUpcaster("escalated", 0, node =>
        {
            node["managerEmail"] = node["managerAddress"]?.DeepClone();
            node.Remove("managerAddress");
            return node;
        });
        var old = new StoredEvent(7, "escalated", 0, """{"assignmentId":"A1","step":2,"managerAddress":"boss@council.example","at":"2027-01-08T09:00:00+00:00"}""", At);

        var escalated = Assert.IsType<Escalated>(new ReviewEventSerializer([renamed]).Deserialize(old));

        Assert.Equal("boss@council.example", escalated.ManagerEmail);
        Assert.Equal(2, escalated.Step);
    }

    [Fact]
    public void An_older_schema_with_no_upcaster_is_refused_rather_than_misread()
    {
        var old = new StoredEvent(7, "escalated", 0, """{"assignmentId":"A1"}""", At);

        var error = Assert.Throws<InvalidDataException>(() => new ReviewEventSerializer().Deserialize(old));

        Assert.Contains("No upcaster", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_written_by_newer_code_or_of_an_unknown_type_is_refused_with_a_clear_message()
    {
        var serializer = new ReviewEventSerializer();

        var newer = Assert.Throws<InvalidDataException>(() => serializer.Deserialize(new StoredEvent(3, "escalated", 2, "{}", At)));
        var unknown = Assert.Throws<InvalidDataException>(() => serializer.Deserialize(new StoredEvent(3, "review-teleported", 1, "{}", At)));

        Assert.Contains("schema version 2", newer.Message, StringComparison.Ordinal);
        Assert.Contains("review-teleported", unknown.Message, StringComparison.Ordinal);
    }
}
