using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>A draft nobody was sent can be deleted; a review that went out cannot.</summary>
public sealed class DiscardDraftTests
{
    [Fact]
    public void A_draft_is_deleted_and_leaves_nothing_to_send()
    {
        var spec = new DeciderSpecification().GivenCommands(Draft()).When(new DiscardDraft(Start.AddHours(1)));

        spec.Then(new DraftDiscarded(Start.AddHours(1)));
        Assert.Equal(ReviewStatus.Discarded, spec.StateAfter().Status);
        Assert.Empty(spec.ThenEffects());
    }

    [Fact]
    public void A_deleted_draft_deleted_again_records_nothing_and_cannot_be_sent()
    {
        var spec = new DeciderSpecification().GivenCommands(Draft(), new DiscardDraft(Start));

        spec.When(new DiscardDraft(Start.AddHours(1))).ThenNothingHappens();
        new DeciderSpecification().GivenCommands(Draft(), new DiscardDraft(Start)).When(new DispatchReview(Start.AddHours(1))).ThenRejected(RejectionCodes.AlreadyDispatched);
    }

    [Fact]
    public void A_review_that_was_sent_cannot_be_deleted()
    {
        new DeciderSpecification().GivenDispatched().When(new DiscardDraft(Start.AddHours(1))).ThenRejected(RejectionCodes.AlreadyDispatched);
    }
}
