using System.Text;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Routing;

/// <summary>
/// One routing rule: a question under an area of focus whose heading contains one of <see cref="Areas"/>, and
/// whose text contains one of <see cref="Words"/>, goes to <see cref="Officers"/>. Either list may be empty (any
/// area, or any wording), not both.
/// </summary>
public sealed record RoutingRule(string Name, IReadOnlyList<string> Areas, IReadOnlyList<string> Words, IReadOnlyList<string> Officers);

/// <summary>The officers proposed for one question, and the rule that chose them.</summary>
public sealed record RoutedQuestion(IReadOnlyList<string> Officers, RoutingChoice Choice);

/// <summary>
/// Proposes who answers each question of a new draft, from the council's routing rules: the first rule, in the
/// order the council wrote them, whose areas and words the question matches, else the default owner. So every
/// question has someone, and the scrutiny officer confirms or changes the proposal before dispatch.
/// </summary>
/// <remarks>
/// Matching ignores case, punctuation and apostrophes, and a phrase matches at the start of a word, so
/// "care leaver" matches "Care leavers" and "children's" matches "childrens" but "care" does not match "scare".
/// </remarks>
public sealed class QuestionRouter
{
    public const string DefaultRule = "default";

    private readonly IReadOnlyList<(RoutingRule Rule, string[] Areas, string[] Words)> rules;
    private readonly IReadOnlyList<string> defaultOwners;

    private QuestionRouter(IReadOnlyList<RoutingRule> rules, IReadOnlyList<string> defaultOwners)
    {
        this.rules = [.. rules.Select(r => (r, r.Areas.Select(Normalise).ToArray(), r.Words.Select(Normalise).ToArray()))];
        this.defaultOwners = [.. defaultOwners.Select(Officer.NormaliseEmail)];
    }

    /// <summary>Rules and a default owner that <see cref="Check"/> found nothing wrong with.</summary>
    /// <exception cref="ArgumentException">They have problems; the message lists them all.</exception>
    public static QuestionRouter Create(IReadOnlyList<RoutingRule> rules, IReadOnlyList<string> defaultOwners)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(defaultOwners);
        return Check(rules, defaultOwners) is { Count: > 0 } problems
            ? throw new ArgumentException(string.Join(" ", problems), nameof(rules))
            : new QuestionRouter(rules, defaultOwners);
    }

    /// <summary>Everything wrong with a set of rules, each naming the rule (by number and name) and what to change.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<RoutingRule> rules, IReadOnlyList<string> defaultOwners)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(defaultOwners);
        var problems = new List<string>();
        if (defaultOwners.Count == 0)
        {
            problems.Add("Name a default owner: the officer or team mailbox who gets a question no rule matches.");
        }
        problems.AddRange(defaultOwners.Where(e => !EmailAddress.IsValid(e?.Trim())).Select(e => $"The default owner \"{e}\" is not an email address."));
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var which = $"Rule {i + 1} (\"{rule.Name}\")";
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                problems.Add($"Rule {i + 1} has no name: give each rule a short name, shown beside the officers it proposes.");
            }
            else if (!names.Add(rule.Name.Trim()) || rule.Name.Trim().Equals(DefaultRule, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{which}: another rule already has this name (and \"{DefaultRule}\" is kept for the default owner).");
            }
            if (rule.Areas.Count == 0 && rule.Words.Count == 0)
            {
                problems.Add($"{which} matches nothing: give it areas, words or both.");
            }
            if (rule.Areas.Concat(rule.Words).Any(phrase => Normalise(phrase).Trim().Length == 0))
            {
                problems.Add($"{which} has an empty area or word.");
            }
            if (rule.Officers.Count == 0)
            {
                problems.Add($"{which} names no officers.");
            }
            problems.AddRange(rule.Officers.Where(e => !EmailAddress.IsValid(e?.Trim())).Select(e => $"{which}: \"{e}\" is not an email address."));
        }
        return problems;
    }

    /// <summary>Who should answer a question under an area of focus, and which rule says so.</summary>
    public RoutedQuestion Route(string areaHeading, string questionText)
    {
        var area = Normalise(areaHeading);
        var text = Normalise(questionText);
        foreach (var (rule, areas, words) in rules)
        {
            int? areaMatch = areas.Length == 0 ? null : Array.FindIndex(areas, phrase => Contains(area, phrase));
            int? wordMatch = words.Length == 0 ? null : Array.FindIndex(words, phrase => Contains(text, phrase));
            if (areaMatch is -1 || wordMatch is -1)
            {
                continue;
            }
            var reasons = new List<string>();
            if (areaMatch is { } a)
            {
                reasons.Add($"the area of focus \u201c{areaHeading.Trim()}\u201d matches \u201c{rule.Areas[a].Trim()}\u201d");
            }
            if (wordMatch is { } w)
            {
                reasons.Add($"the question mentions \u201c{rule.Words[w].Trim()}\u201d");
            }
            return new RoutedQuestion(
                [.. rule.Officers.Select(Officer.NormaliseEmail).Distinct()],
                new RoutingChoice(rule.Name.Trim(), Capitalise(string.Join(" and ", reasons)) + "."));
        }
        return new RoutedQuestion(defaultOwners, new RoutingChoice(DefaultRule, "No rule matched, so it goes to the default owner."));
    }

    /// <summary>
    /// A new draft's areas with officers proposed, each with its rule, for every question that names nobody; a
    /// question that already names its officers keeps them as they are.
    /// </summary>
    public IReadOnlyList<AreaInput> Propose(IReadOnlyList<AreaInput> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        return [.. areas.Select(area => area with { Questions = [.. area.Questions.Select(q => Proposed(area.Heading, q))] })];
    }

    private QuestionInput Proposed(string areaHeading, QuestionInput question)
    {
        if (question.OfficerEmails.Count > 0)
        {
            return question;
        }
        var routed = Route(areaHeading, question.Text);
        return question with { OfficerEmails = routed.Officers, RoutedBy = routed.Choice };
    }

    /// <summary>Every address the rules can propose, so the host can check each is in the directory at start.</summary>
    public IEnumerable<string> Everyone() => rules.SelectMany(r => r.Rule.Officers).Select(Officer.NormaliseEmail).Concat(defaultOwners).Distinct();

    private static bool Contains(string text, string phrase) => text.Contains(phrase, StringComparison.Ordinal);

    /// <summary>Lower case, apostrophes dropped, every other run of non-letters one space, with a space in front: " care leavers ".</summary>
    private static string Normalise(string text)
    {
        var normal = new StringBuilder(" ");
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                normal.Append(char.ToLowerInvariant(c));
            }
            else if (c is not ('\'' or '\u2019' or '\u2018') && normal[^1] != ' ')
            {
                normal.Append(' ');
            }
        }
        return normal.ToString().TrimEnd();
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
