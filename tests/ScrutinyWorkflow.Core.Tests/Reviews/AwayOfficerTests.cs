using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>An officer away until after the deadline: their chasers go to their manager early, while they are away.</summary>
public sealed class AwayOfficerTests
{
    /// <summary>Thursday 31 December 2026, 09:00: the first reminder (five working days before the deadline).</summary>
    private static readonly DateTimeOffset FirstReminder = At(2026, 12, 31, 9);

    [Fact]
    public void At_a_reminder_an_officer_away_past_it_is_escalated_to_their_manager_and_everyone_else_is_reminded()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new NoteOfficersAway([new OfficerAbsence(Leaving.Email, null)], Start));

        spec.When(new ProcessDueTimers(FirstReminder));

        spec.Then(
            new ReminderSent("A1", 0, 1, FirstReminder),
            new ReminderSent("A2", 0, 1, FirstReminder),
            new ReminderSent("A3", 0, 1, FirstReminder),
            new Escalated("A4", 0, Head.Email, FirstReminder));
        Assert.Contains(new SendEscalation(Leaving.Email, Head.Email, ["A4"]), spec.ThenEffects(), DeciderSpecification.EffectComparer.Instance);
    }

    [Fact]
    public void An_officer_back_before_the_reminder_is_reminded_as_usual()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new NoteOfficersAway([new OfficerAbsence(Leaving.Email, At(2026, 12, 30, 17))], Start));

        var events = spec.When(new ProcessDueTimers(FirstReminder)).ThenEvents();

        Assert.Contains(new ReminderSent("A4", 0, 1, FirstReminder), events);
        Assert.DoesNotContain(events, e => e is Escalated);
    }

    [Fact]
    public void An_away_officer_with_no_manager_is_reminded_as_usual()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new NoteOfficersAway([new OfficerAbsence(Housing.Email, null)], Start));

        var events = spec.When(new ProcessDueTimers(FirstReminder)).ThenEvents();

        Assert.Contains(new ReminderSent("A3", 0, 1, FirstReminder), events);
        Assert.DoesNotContain(events, e => e is Escalated);
    }

    [Fact]
    public void Noting_the_same_absences_again_changes_nothing_and_a_closed_review_takes_none()
    {
        var away = new NoteOfficersAway([new OfficerAbsence(" Leaving.Care@Council.Example ", null)], Start);
        var spec = new DeciderSpecification().GivenDispatched().GivenCommands(away);

        spec.When(away).ThenNothingHappens();
        Assert.Equal(new OfficerAbsence(Leaving.Email, null), spec.State.Away[Leaving.Email]);
        new DeciderSpecification().GivenDispatched().GivenCommands(new CloseEarly("Moved", Start))
            .When(away).ThenRejected(RejectionCodes.NotOpen);
        new DeciderSpecification().When(away).ThenRejected(RejectionCodes.NotFound);
    }
}
