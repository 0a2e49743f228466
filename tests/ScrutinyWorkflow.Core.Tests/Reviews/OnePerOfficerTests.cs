using ScrutinyWorkflow.Core.Reviews;
using static ScrutinyWorkflow.Core.Tests.Reviews.Reviews;

namespace ScrutinyWorkflow.Core.Tests.Reviews;

/// <summary>An officer with several questions hears once per step: one request, one reminder, one notice.</summary>
public sealed class OnePerOfficerTests
{
    private static IReadOnlyList<AreaInput> ThreeForHousing() =>
    [
        new("Accommodation for 16 and 17 year olds",
        [
            new("How many are in bed and breakfast?", [Housing.Email, Data.Email]),
            new("How are their needs assessed?", [Housing.Email]),
        ]),
        new("Care leavers", [new("How many care leavers are homeless?", [Housing.Email])]),
    ];

    [Fact]
    public void Dispatch_sends_each_officer_one_request_listing_all_their_questions()
    {
        var spec = new DeciderSpecification().GivenCommands(Draft(areas: ThreeForHousing()));

        spec.When(new DispatchReview(Start));

        spec.ThenEffectsAre(new SendRequest(Housing.Email, ["A1", "A3", "A4"]), new SendRequest(Data.Email, ["A2"]));
    }

    [Fact]
    public void Each_reminder_step_is_one_message_per_officer_naming_only_the_questions_still_open()
    {
        var spec = new DeciderSpecification().GivenCommands(Draft(areas: ThreeForHousing()), new DispatchReview(Start), new SubmitAnswer("A3", "Assessed by the joint team.", At(2026, 12, 20)),
            ReceiptsSentAfter(At(2026, 12, 20)));

        spec.When(new ProcessDueTimers(At(2026, 12, 31, 9, 0)));

        spec.ThenEffectsAre(new SendReminder(Housing.Email, ["A1", "A4"], 1), new SendReminder(Data.Email, ["A2"], 1));
    }
}
