using System.Text.RegularExpressions;
using static ScrutinyWorkflow.Core.Decisions.DecisionWording;

namespace ScrutinyWorkflow.Core.Decisions;

/// <summary>What a passage of a statement says was found, and whether it said so plainly.</summary>
internal sealed record FindingWords(DecisionFinding Finding, bool Sure);

internal static partial class DecisionFindingWords
{
    /// <summary>
    /// The finding the first sentence that gives one gives: a statement says its verdict before it explains it ("I have
    /// completed my investigation. There was fault..." or "We will not investigate... This is because we are unlikely
    /// to find fault..."), so the explanation after is not read as a second verdict.
    /// </summary>
    public static FindingWords? Classify(string text)
    {
        foreach (var sentence in Sentence().Split(text))
        {
            if (OfSentence(sentence) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    private static FindingWords? OfSentence(string sentence)
    {
        if (PrematureWords().IsMatch(sentence))
        {
            return new(DecisionFinding.Premature, true);
        }
        if (NotInvestigatedWords().IsMatch(sentence))
        {
            return new(DecisionFinding.NotInvestigated, true);
        }
        // "Fault which caused injustice, though the delay did not cause injustice" is upheld with injustice: the
        // denials are taken out before looking for the injustice a fault did cause.
        var withoutDenials = NoInjusticeWords().Replace(sentence, " ");
        if (InjusticeWords().IsMatch(withoutDenials))
        {
            return new(DecisionFinding.UpheldWithInjustice, true);
        }
        var withoutNoFault = NoFaultWords().Replace(withoutDenials, " ");
        if (NoInjusticeWords().IsMatch(sentence) && FaultWords().IsMatch(withoutNoFault))
        {
            return new(DecisionFinding.FaultWithoutInjustice, true);
        }
        if (NoFaultWords().IsMatch(sentence))
        {
            return new(DecisionFinding.NotUpheld, true);
        }
        return FaultWords().IsMatch(withoutNoFault) && FoundFault().IsMatch(withoutNoFault)
            ? new(DecisionFinding.UpheldWithInjustice, false)
            : null;
    }

    /// <summary>The web page's "Decision :" line: "Upheld", "Not upheld", "Closed after initial enquiries", "Premature".</summary>
    public static DecisionFinding? FromOutcomeLabel(string label) => label.Trim().ToLowerInvariant() switch
    {
        var l when l.Contains("premature", StringComparison.Ordinal) => DecisionFinding.Premature,
        var l when l.Contains("initial enquiries", StringComparison.Ordinal) || l.Contains("not investigated", StringComparison.Ordinal)
            || l.Contains("discontinued", StringComparison.Ordinal) || l.Contains("no further action", StringComparison.Ordinal) => DecisionFinding.NotInvestigated,
        var l when l.Contains("not upheld", StringComparison.Ordinal) || l.Contains("no fault", StringComparison.Ordinal) => DecisionFinding.NotUpheld,
        var l when l.Contains("no injustice", StringComparison.Ordinal) || l.Contains("no maladministration", StringComparison.Ordinal) && !l.Contains("not upheld", StringComparison.Ordinal) => DecisionFinding.FaultWithoutInjustice,
        var l when l.Contains("upheld", StringComparison.Ordinal) => DecisionFinding.UpheldWithInjustice,
        _ => null,
    };

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Sentence();

    /// <summary>A sentence saying fault was found, not one that only mentions the word ("to find fault").</summary>
    [GeneratedRegex(@"\b(?:found|find|there\s+(?:was|were|is)|identified|was\s+at)\s+(?:some\s+)?fault|\bfault\s+(?:by|in|with|on)\s+the\s+(?:council|part)|\bfinding\s+fault\b|\bwe\s+uphold\b|\bupheld\b|\bmaladministration\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FoundFault();
}
