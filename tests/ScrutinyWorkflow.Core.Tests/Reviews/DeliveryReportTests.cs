using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>A mail service's report that a message bounced: the person is marked, the team told, once.</summary>
public sealed class DeliveryReportTests
{
    private static readonly DateTimeOffset Reported = At(2026, 12, 14, 10, 5);

    [Fact]
    public void A_bounce_marks_the_person_undeliverable_and_asks_for_the_team_to_be_told()
    {
        var spec = new DeciderSpecification().GivenDispatched();

        spec.When(new RecordUndeliverable(" Housing@Council.Example ", "rv-test.2.3", "550 no such user", Reported));

        spec.Then(new MailUndeliverable(Housing.Email, "rv-test.2.3", "550 no such user", Reported));
        spec.ThenEffectsAre(new SendUndeliverableNotice(Housing.Email, "rv-test.2.3", "550 no such user"));
        Assert.Equal("550 no such user", spec.StateAfter().Undeliverable[Housing.Email].Reason);
    }

    [Fact]
    public void The_same_report_again_changes_nothing_but_a_later_message_bouncing_is_news()
    {
        var spec = new DeciderSpecification().GivenDispatched().GivenCommands(new RecordUndeliverable(Housing.Email, "rv-test.2.3", "550", Reported));

        spec.When(new RecordUndeliverable(Housing.Email, "rv-test.2.3", "550", Reported.AddMinutes(1))).ThenNothingHappens();
        spec.When(new RecordUndeliverable(Housing.Email, "rv-test.9.1", "550", Reported.AddDays(1))).Then(new MailUndeliverable(Housing.Email, "rv-test.9.1", "550", Reported.AddDays(1)));
    }

    [Fact]
    public void A_report_for_a_review_that_does_not_exist_or_naming_nobody_is_refused()
    {
        new DeciderSpecification().When(new RecordUndeliverable(Housing.Email, "rv-x.1.1", "550", Reported)).ThenRejected(RejectionCodes.NotFound);
        new DeciderSpecification().GivenDispatched().When(new RecordUndeliverable(" ", "rv-test.2.3", "550", Reported)).ThenRejected(RejectionCodes.Invalid);
    }
}
