using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine.Embedded;
using ScrutinyWorkflow.Web.Engine.Serialization;
using ScrutinyWorkflow.Web.Engine.Storage;

namespace ScrutinyWorkflow.Web.Tests.Engine.Embedded;

/// <summary>
/// The order the runner carries out a batch of effects in: each person's messages from one review in the order they
/// were decided, what concerns the whole review after everything before it, and the rest at once.
/// </summary>
public sealed class RunnerWavesTests
{
    [Fact]
    public void Receipts_of_many_answers_to_one_review_go_out_in_one_wave_as_they_would_over_many_reviews()
    {
        var pending = Enumerable.Range(1, 300).Select(n => Effect("big", n, 0, Receipt($"officer{n}@council.example"))).ToList();

        var waves = ReviewRunner.Waves(pending).ToList();

        var wave = Assert.Single(waves);
        Assert.Equal(pending.Select(p => p.Id), wave.Select(e => e.Effect.Id));
    }

    [Fact]
    public void A_message_to_someone_waits_for_the_earlier_one_to_them_and_a_statement_waits_for_everything_before_it()
    {
        List<PendingEffect> pending =
        [
            Effect("r", 1, 0, new SendRequest("a@council.example", ["q1-a"])),
            Effect("r", 1, 1, new SendRequest("b@council.example", ["q1-b"])),
            Effect("r", 2, 0, Receipt("c@council.example")),
            Effect("r", 3, 0, new SendReminder("A@council.example", ["q1-a"], 1)),
            Effect("r", 4, 0, new SendStatementForCheck()),
            Effect("r", 5, 0, Receipt("d@council.example")),
            Effect("other", 1, 0, new SendReminder("a@council.example", ["q9-a"], 1)),
        ];

        var waves = ReviewRunner.Waves(pending).Select(w => w.Select(e => e.Effect.Id).Order(StringComparer.Ordinal).ToList()).ToList();

        Assert.Equal(
        [
            ["other.1.0", "r.1.0", "r.1.1", "r.2.0"],
            ["r.3.0"],
            ["r.4.0"],
            ["r.5.0"],
        ], waves);
    }

    [Fact]
    public void An_effect_that_cannot_be_read_holds_up_its_review_and_is_still_offered_to_be_carried_out()
    {
        List<PendingEffect> pending =
        [
            Effect("r", 1, 0, Receipt("a@council.example")),
            new("r.2.0", "r", "no-such-kind", "{}", 0),
            Effect("r", 3, 0, Receipt("b@council.example")),
        ];

        var waves = ReviewRunner.Waves(pending).Select(w => w.Select(e => e.Effect.Id).ToList()).ToList();

        Assert.Equal([["r.1.0"], ["r.2.0"], ["r.3.0"]], waves);
    }

    private static SendReceipt Receipt(string email) =>
        new(new Respondent(email), "q1-a", "q1", "RV-1-Q1-1", "Every child is seen within five working days.", DateTimeOffset.UnixEpoch, false);

    private static PendingEffect Effect(string reviewId, long version, int position, ReviewEffect effect)
    {
        var (kind, payload) = ReviewEffectSerializer.Serialize(effect);
        return new PendingEffect($"{reviewId}.{version}.{position}", reviewId, kind, payload, 0);
    }
}
