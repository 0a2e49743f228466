using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>A draft's meeting date and deadline, changed together before dispatch, by the rules a new review's dates follow.</summary>
public sealed class DraftDatesTests
{
    private static readonly DateTimeOffset Later = Start.AddMinutes(20);

    [Fact]
    public void Moving_both_dates_a_week_later_records_the_meeting_then_the_deadline_and_dispatch_chases_to_the_new_deadline()
    {
        var spec = new DeciderSpecification().GivenCommands(Draft());

        spec.When(new ChangeDraftDates(new DateOnly(2027, 1, 27), new DateOnly(2027, 1, 15), Later));

        var events = spec.ThenEvents();
        Assert.Equal([typeof(MeetingDateChanged), typeof(DeadlineChanged)], events.Select(e => e.GetType()));
        Assert.Equal((Meeting, new DateOnly(2027, 1, 27)), (((MeetingDateChanged)events[0]).From, ((MeetingDateChanged)events[0]).To));
        Assert.Equal((Deadline, new DateOnly(2027, 1, 15)), (((DeadlineChanged)events[1]).From, ((DeadlineChanged)events[1]).To));
        var dispatched = new DeciderSpecification().GivenCommands(Draft(), new ChangeDraftDates(new DateOnly(2027, 1, 27), new DateOnly(2027, 1, 15), Later))
            .When(new DispatchReview(Later.AddMinutes(5))).ThenEvents().OfType<ReviewDispatched>().Single();
        Assert.Equal(new DateTime(2027, 1, 16), dispatched.Schedule.ClosesAt);
        Assert.Equal(ChaseSchedule.ReleaseTime(new DateOnly(2027, 1, 27), ReviewPolicy.Default, new WorkingCalendar()), dispatched.Schedule.ReleaseAt);
    }

    [Fact]
    public void A_deadline_too_close_to_the_meeting_is_refused_with_the_latest_it_could_be_and_nothing_changes()
    {
        var spec = new DeciderSpecification().GivenCommands(Draft());

        var rejection = spec.When(new ChangeDraftDates(Meeting, new DateOnly(2027, 1, 15), Later)).ThenRejected(RejectionCodes.Invalid);

        var problem = Assert.Single(rejection.Problems);
        Assert.Equal("deadline", problem.Field);
        Assert.Contains("clear working days before the meeting", problem.Message, StringComparison.Ordinal);
        Assert.Contains("on or before", problem.Message, StringComparison.Ordinal);
        Assert.Equal((Meeting, Deadline), (spec.State.MeetingDate, spec.State.Deadline));
    }

    [Fact]
    public void A_meeting_on_a_bank_holiday_a_deadline_on_a_sunday_and_missing_dates_are_each_refused_against_their_field()
    {
        var draft = new DeciderSpecification().GivenCommands(Draft());

        var closed = draft.When(new ChangeDraftDates(new DateOnly(2027, 3, 29), new DateOnly(2027, 3, 7), Later)).ThenRejected(RejectionCodes.Invalid);
        var missing = new DeciderSpecification().GivenCommands(Draft()).When(new ChangeDraftDates(null, null, Later)).ThenRejected(RejectionCodes.Invalid);
        var past = new DeciderSpecification().GivenCommands(Draft()).When(new ChangeDraftDates(Meeting, new DateOnly(2026, 12, 11), Later)).ThenRejected(RejectionCodes.Invalid);

        Assert.Equal(["meetingDate", "deadline"], closed.Problems.Select(p => p.Field));
        Assert.Contains("Easter Monday", closed.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("Sunday 7 March 2027", closed.Problems[1].Message, StringComparison.Ordinal);
        Assert.Equal(["meetingDate", "deadline"], missing.Problems.Select(p => p.Field));
        Assert.Contains("in the past", Assert.Single(past.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_dates_again_change_nothing_and_a_review_already_sent_is_refused()
    {
        new DeciderSpecification().GivenCommands(Draft()).When(new ChangeDraftDates(Meeting, Deadline, Later)).ThenNothingHappens();
        new DeciderSpecification().GivenDispatched().When(new ChangeDraftDates(Meeting, Deadline, Later)).ThenRejected(RejectionCodes.NotDraft);
        new DeciderSpecification().When(new ChangeDraftDates(Meeting, Deadline, Later)).ThenRejected(RejectionCodes.NotFound);
    }
}
