using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>Automatic replies read again after dispatch: only a change becomes a command, and only while answers are taken.</summary>
public sealed class AwayRefreshTests
{
    private static readonly DateTimeOffset Refresh = At(2026, 12, 21, 8);
    private static readonly DateTimeOffset FirstReminder = At(2026, 12, 31, 9);

    private static AwayReading Away(Officer officer, DateTimeOffset? until = null) => new(officer.Email, AwayPastDeadline: true, until);

    private static AwayReading Here(Officer officer) => new(officer.Email, AwayPastDeadline: false);

    [Fact]
    public void An_officer_who_turns_on_out_of_office_after_dispatch_is_noted_and_their_reminder_goes_to_their_manager()
    {
        var spec = new DeciderSpecification().GivenDispatched();

        var command = AwayChanges.Command(spec.State, [Away(Leaving, At(2027, 1, 15, 17)), Here(Head), Here(Data), Here(Housing)], Refresh);

        Assert.Equal([new OfficerAbsence(Leaving.Email, At(2027, 1, 15, 17))], command!.Away);
        spec.GivenCommands(command).When(new ProcessDueTimers(FirstReminder));
        Assert.Contains(new Escalated("A4", 0, Head.Email, FirstReminder), spec.ThenEvents());
    }

    [Fact]
    public void Reading_the_same_replies_again_raises_no_command()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new NoteOfficersAway([new OfficerAbsence(Leaving.Email, null)], Start));

        Assert.Null(AwayChanges.Command(spec.State, [Away(Leaving), Here(Head)], Refresh));
        Assert.Null(AwayChanges.Command(spec.State, [], Refresh));
    }

    [Fact]
    public void An_officer_who_comes_back_is_noted_as_away_until_then_and_is_reminded_again()
    {
        var spec = new DeciderSpecification().GivenDispatched()
            .GivenCommands(new NoteOfficersAway([new OfficerAbsence(Leaving.Email, null)], Start));

        var command = AwayChanges.Command(spec.State, [Here(Leaving)], Refresh);

        Assert.Equal([new OfficerAbsence(Leaving.Email, Refresh)], command!.Away);
        spec.GivenCommands(command);
        Assert.Null(AwayChanges.Command(spec.State, [Here(Leaving)], Refresh.AddHours(1)));
        var events = spec.When(new ProcessDueTimers(FirstReminder)).ThenEvents();
        Assert.Contains(new ReminderSent("A4", 0, 1, FirstReminder), events);
        Assert.DoesNotContain(events, e => e is Escalated);
    }

    [Fact]
    public void A_new_return_date_is_noted_and_officers_who_have_answered_or_are_not_asked_are_not()
    {
        var spec = new DeciderSpecification().GivenDispatched().GivenCommands(
            new NoteOfficersAway([new OfficerAbsence(Leaving.Email, At(2027, 1, 11, 9))], Start),
            new SubmitAnswer("A3", "Within ten working days.", At(2026, 12, 15), By(Housing)));

        var command = AwayChanges.Command(spec.State, [Away(Leaving, At(2027, 1, 18, 9)), Away(Housing), new AwayReading("someone.else@council.example", true)], Refresh);

        Assert.Equal([new OfficerAbsence(Leaving.Email, At(2027, 1, 18, 9))], command!.Away);
    }

    [Fact]
    public void A_review_not_taking_answers_is_not_looked_at()
    {
        var draft = new DeciderSpecification().GivenCommands(Draft());
        var closed = new DeciderSpecification().GivenDispatched().GivenCommands(new CloseEarly("The panel moved", Start.AddDays(1)));
        var pastDeadline = new DeciderSpecification().GivenDispatched();

        Assert.Empty(AwayChanges.OfficersToCheck(draft.State, Refresh));
        Assert.Empty(AwayChanges.OfficersToCheck(closed.State, Refresh));
        Assert.Empty(AwayChanges.OfficersToCheck(pastDeadline.State, At(2027, 1, 9, 0, 1)));
        Assert.Equal([Head.Email, Data.Email, Housing.Email, Leaving.Email], AwayChanges.OfficersToCheck(pastDeadline.State, Refresh));
        Assert.Null(AwayChanges.Command(closed.State, [Away(Leaving)], Refresh));
    }
}
