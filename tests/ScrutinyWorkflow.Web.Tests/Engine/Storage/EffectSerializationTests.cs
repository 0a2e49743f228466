using System.Runtime.CompilerServices;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Engine.Serialization;

namespace ScrutinyWorkflow.Web.Tests.Engine.Storage;

/// <summary>Effects are stored with their decision as a kind and JSON: every one the core defines must round-trip.</summary>
public sealed class EffectSerializationTests
{
    private static IEnumerable<Type> Concrete<TBase>() =>
        typeof(TBase).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(TBase)) && !t.IsAbstract);

    [Fact]
    public void Every_effect_the_core_defines_has_a_stored_kind_and_round_trips()
    {
        var effect = new SendReminder("asha@council.example", ["A1", "A3"], 2);

        var (kind, payload) = ReviewEffectSerializer.Serialize(effect);
        var back = Assert.IsType<SendReminder>(ReviewEffectSerializer.Deserialize(kind, payload));

        Assert.Equal(("send-reminder", effect.OfficerEmail, 2), (kind, back.OfficerEmail, back.ReminderNumber));
        Assert.Equal(effect.AssignmentIds, back.AssignmentIds);
        Assert.All(Concrete<ReviewEffect>(), type => Assert.Equal(type, ReviewEffectSerializer.Deserialize(
            ReviewEffectSerializer.Serialize((ReviewEffect)RuntimeHelpers.GetUninitializedObject(type)).Kind, "{}").GetType()));
    }

    [Fact]
    public void A_receipt_comes_back_with_who_sent_the_answer_on_whose_behalf_the_text_its_reference_and_when()
    {
        var effect = new SendReceipt(new Respondent("manager@council.example", "asha@council.example"), "A4", "Q3", "RV-1-Q3-2",
            "Line one <script>alert(1)</script>\n\n- **two**", new DateTimeOffset(2027, 1, 8, 11, 5, 0, TimeSpan.Zero), Amended: true);

        var (kind, payload) = ReviewEffectSerializer.Serialize(effect);

        Assert.Equal("send-receipt", kind);
        Assert.Equal(effect, ReviewEffectSerializer.Deserialize(kind, payload));
    }

    [Fact]
    public void An_unknown_kind_is_refused_with_its_name()
    {
        var error = Assert.Throws<InvalidDataException>(() => ReviewEffectSerializer.Deserialize("teleport-review", "{}"));

        Assert.Contains("teleport-review", error.Message, StringComparison.Ordinal);
    }
}
