using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Recommendations.Recommendations;

namespace ScrutinyWorkflow.Core.Tests.Recommendations;

public sealed class OwnerAndMailTests
{
    private static readonly Officer Successor = new("new.head@council.example", "Dev Singh", "Interim Head of Service", "interim.director@council.example");

    [Fact]
    public void Given_a_recorded_recommendation_when_it_is_recorded_then_its_owner_is_asked_for_the_first_update()
    {
        var effects = new RecommendationSpecification().When(Record()).ThenEffects();

        Assert.Equal([new SendUpdateRequest(Owner.Email, 1)], effects);
    }

    [Fact]
    public void Given_an_awaited_update_when_the_owner_changes_then_the_new_owner_is_asked_and_the_old_one_told()
    {
        var spec = new RecommendationSpecification().GivenRecorded();

        spec.When(new ChangeOwner(Successor, "Asha Patel has left the council.", ScrutinyOfficer, At(2026, 12, 21)));

        Assert.Equal([new OwnerChanged(Owner, Successor, "Asha Patel has left the council.", At(2026, 12, 21))], spec.ThenEvents());
        Assert.Equal([new SendHandedOnNotice(Owner.Email), new SendUpdateRequest(Successor.Email, 1)], spec.ThenEffects());
    }

    [Fact]
    public void Given_the_owner_changed_after_an_escalation_when_the_new_owner_gives_the_update_the_old_manager_cannot()
    {
        var spec = new RecommendationSpecification().GivenRecorded()
            .GivenCommands(
                new ProcessRecommendationTimers(At(2027, 1, 8, 9)),
                new ChangeOwner(Successor, "Moved to the new service.", ScrutinyOfficer, At(2027, 1, 8, 12)));

        spec.When(new ProvideUpdate("Scheduled.", RecommendationProgress.InProgress, Actor.LinkHolder(Owner.ManagerEmail!), At(2027, 1, 8, 13)))
            .ThenRejected(RejectionCodes.NotYours);
        spec.When(new ProvideUpdate("Scheduled.", RecommendationProgress.InProgress, Actor.LinkHolder(Successor.Email), At(2027, 1, 8, 13)))
            .ThenEvents();
        Assert.Equal([new SendUpdateReceived(1)], spec.ThenEffects());
    }

    [Fact]
    public void Given_a_recommendation_when_the_owner_tries_to_hand_it_on_then_only_the_scrutiny_officer_may()
    {
        new RecommendationSpecification().GivenRecorded()
            .When(new ChangeOwner(Successor, "Not mine.", OwnerThroughLink, At(2026, 12, 21)))
            .ThenRejected(RecommendationRejectionCodes.ScrutinyOfficerOnly);
    }

    [Fact]
    public void A_reminder_held_up_until_the_owner_has_answered_is_no_longer_wanted()
    {
        var state = new RecommendationSpecification().GivenRecorded()
            .GivenCommands(new ProvideUpdate("Done.", RecommendationProgress.Done, OwnerThroughLink, At(2027, 1, 4)))
            .State;

        Assert.False(RecommendationEffects.StillWanted(new SendUpdateReminder(Owner.Email, 1), state));
        Assert.True(RecommendationEffects.StillWanted(new SendUpdateReceived(1), state));
    }

    [Fact]
    public void A_request_held_up_until_the_recommendation_was_handed_on_does_not_reach_the_former_owner()
    {
        var state = new RecommendationSpecification().GivenRecorded()
            .GivenCommands(new ChangeOwner(Successor, "Moved.", ScrutinyOfficer, At(2026, 12, 21)))
            .State;

        Assert.False(RecommendationEffects.StillWanted(new SendUpdateRequest(Owner.Email, 1), state));
        Assert.True(RecommendationEffects.StillWanted(new SendUpdateRequest(Successor.Email, 1), state));
    }
}
