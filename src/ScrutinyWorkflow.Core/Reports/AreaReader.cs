using System.Text;
using System.Text.RegularExpressions;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Core.Reports;

/// <summary>Turns the blocks under one area heading into questions.</summary>
/// <remarks>
/// A list item starts a question and deeper items are its sub-points; a paragraph is a question when it asks
/// something; a paragraph ending in a colon that introduces fragments ("how charges are worked out;") is a lead-in
/// question whose fragments are its sub-points, unless most fragments finish a question of their own (start in lower
/// case and end in a question mark): then the lead-in, a paragraph or a list item, is the opening words of each ("How
/// does your council:" and "have a policy...?" make one question), a question per fragment, and a fragment that does
/// not end as the others do says so for the scrutiny officer to check. Text that starts in lower case after an unfinished question continues it: that is a question broken by
/// a page or column the reader could not mend.
/// </remarks>
internal sealed partial class AreaReader(string heading, ReportSource source, bool implicitArea)
{
    /// <summary>An item this many words long is more likely several questions run together than one.</summary>
    private const int LongQuestionWords = 90;

    private readonly List<QuestionDraft> questions = [];
    private QuestionDraft? open;

    // The opening words the next list items complete, while they last, and which of them end unlike the others.
    private ReportBlock? stem;
    private int stemItemsLeft;
    private int stemLevel;
    private readonly Queue<bool> stemItemsOdd = new();

    // The paragraph just before, when it asked nothing and stopped mid-sentence: the first half of a question whose
    // second half, starting in lower case, may come next.
    private ReportBlock? unfinishedProse;

    public bool IsImplicit { get; } = implicitArea;

    public string Heading { get; } = heading;

    public int QuestionCount => questions.Count;

    public void Accept(IReadOnlyList<ReportBlock> blocks, int index)
    {
        var block = blocks[index];
        var before = unfinishedProse;
        unfinishedProse = null;
        if (block.Kind == BlockKind.ListItem)
        {
            AcceptListItem(blocks, index);
        }
        else
        {
            AcceptParagraph(blocks, index, before);
        }
    }

    /// <summary>A heading inside the area: nothing after it continues the question before it.</summary>
    public void Interrupt()
    {
        open = null;
        stem = null;
        unfinishedProse = null;
    }

    public ExtractedArea ToArea() =>
        new(Heading, source, [.. questions.Select((question, i) => question.ToQuestion(Heading, i + 1))]);

    private void AcceptListItem(IReadOnlyList<ReportBlock> blocks, int index)
    {
        var item = blocks[index];
        if (stem is not null && stemItemsLeft > 0 && item.Level == stemLevel)
        {
            stemItemsLeft--;
            var odd = stemItemsOdd.Count > 0 && stemItemsOdd.Dequeue();

            // A whole question among the fragments ("Is there a policy?") is asked as it stands.
            open = StartsInLowerCase(item.Text)
                ? QuestionDraft.FromStem(stem, item, odd ? "it does not end in a question mark as the other items under its opening words do, so it may not be a question of its own" : null)
                : QuestionDraft.FromListItem(item);
            questions.Add(open);
            return;
        }
        if (open is not null && open.TakesSubPoint(item))
        {
            open.AddSubPoint(item);
            return;
        }
        stem = null;

        // A numbered item "How does your council:" whose deeper items each finish a question: the item is their
        // opening words, not a question with sub-points.
        if (item.Text.TrimEnd(ClosingMarks).EndsWith(':') && index + 1 < blocks.Count
            && blocks[index + 1] is { Kind: BlockKind.ListItem } first && first.Level > item.Level)
        {
            var outer = new List<ReportBlock>();
            for (var i = index + 1; i < blocks.Count; i++)
            {
                var block = blocks[i];
                if (block.Kind == BlockKind.ListItem ? block.Level <= item.Level : !StartsInLowerCase(block.Text))
                {
                    break;
                }
                if (block.Kind == BlockKind.ListItem && block.Level == first.Level)
                {
                    outer.Add(block);
                }
            }
            if (TryStem(item, outer, OuterEndings(blocks, index + 1, first.Level)))
            {
                open = null;
                return;
            }
        }
        open = QuestionDraft.FromListItem(item);
        questions.Add(open);
    }

    /// <summary>
    /// Takes <paramref name="lead"/> as the opening words of the items that follow when most of them, each judged on
    /// its own, finish a question: they start in lower case and end in a question mark. A lead-in over sub-points
    /// ("Does the policy explain:" over "how charges are worked out;" and "what is disregarded?") has one such item at
    /// most, at the end.
    /// </summary>
    private bool TryStem(ReportBlock lead, List<ReportBlock> outer, List<string> endings)
    {
        // The endings run on as far as the list does; the first ones are the outer items'.
        if (outer.Count == 0 || endings.Count < outer.Count)
        {
            return false;
        }
        var finishes = outer.Select((item, i) => StartsInLowerCase(item.Text) && EndsWithQuestionMark(endings[i])).ToList();
        if (finishes.Count(finished => finished) * 2 <= outer.Count)
        {
            return false;
        }
        stem = lead;
        stemItemsLeft = outer.Count;
        stemLevel = outer[0].Level;
        stemItemsOdd.Clear();
        foreach (var finished in finishes)
        {
            stemItemsOdd.Enqueue(!finished);
        }
        return true;
    }

    private void AcceptParagraph(IReadOnlyList<ReportBlock> blocks, int index, ReportBlock? unfinishedBefore)
    {
        var paragraph = blocks[index];
        if (!(open is not null && open.IsUnfinished && StartsInLowerCase(paragraph.Text)))
        {
            stem = null;
        }
        if (open is not null && open.IsUnfinished && StartsInLowerCase(paragraph.Text))
        {
            open.Continue(paragraph);
            return;
        }

        if (paragraph.Text.EndsWith(':') && index + 1 < blocks.Count && blocks[index + 1].Kind == BlockKind.ListItem)
        {
            var run = LeadInRun(blocks, index + 1);
            var outer = run.Where(item => item.Level == run[0].Level).ToList();

            // "Councillors may wish to ask:" introduces whole questions; "Does the policy explain:" introduces
            // fragments, which start in lower case or do not ask anything themselves.
            if (outer.Count(item => AsksSomething(item.Text) && !StartsInLowerCase(item.Text)) * 2 > outer.Count)
            {
                open = null;
                return;
            }

            // "How does your council:" over "have a policy...?" and "train its staff...?": the fragments finish
            // questions of their own.
            if (TryStem(paragraph, outer, OuterEndings(blocks, index + 1, run[0].Level)))
            {
                open = null;
                return;
            }
            open = QuestionDraft.FromLeadIn(paragraph, run.Count, run[0].Level);
            questions.Add(open);
            return;
        }

        if (AsksSomething(paragraph.Text))
        {
            // A question that starts in lower case straight after a sentence left open is that sentence's second
            // half: a line or page break the reader made a paragraph break of, which would otherwise lose the question's
            // opening words.
            if (unfinishedBefore is not null && StartsInLowerCase(paragraph.Text))
            {
                open = QuestionDraft.FromParagraph(unfinishedBefore);
                open.Continue(paragraph);
            }
            else
            {
                open = QuestionDraft.FromParagraph(paragraph);
            }
            questions.Add(open);
            return;
        }

        // Introductions, notes and the back cover's contact details are not questions, but one that stops mid-sentence
        // may be the start of the next.
        open = null;
        unfinishedProse = StopsMidSentence(paragraph.Text) ? paragraph : null;
    }

    /// <summary>
    /// The list items a colon lead-in owns: everything nested deeper than the first, and items level with the first
    /// for as long as the one before reads as unfinished ("...;", "..., and") or they start in lower case. A
    /// lower-case paragraph after an unfinished item is that item broken by a page, not the end of the list.
    /// </summary>
    private static List<ReportBlock> LeadInRun(IReadOnlyList<ReportBlock> blocks, int start)
    {
        var first = blocks[start];
        var run = new List<ReportBlock> { first };
        var previous = first;

        // How the last item at the first item's level ended (with any text that continued it).
        var outerEnding = first.Text;
        var previousIsOuter = true;
        for (var i = start + 1; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.Kind == BlockKind.Paragraph && StartsInLowerCase(block.Text) && !EndsSentence(previous.Text))
            {
                outerEnding = previousIsOuter ? block.Text : outerEnding;
                previous = block;
                continue;
            }
            if (block.Kind != BlockKind.ListItem)
            {
                break;
            }
            if (block.Level > first.Level)
            {
                run.Add(block);
                previous = block;
                previousIsOuter = false;
                continue;
            }
            if (block.Level < first.Level || !(ContinuesList(outerEnding) || StartsInLowerCase(block.Text)))
            {
                break;
            }
            run.Add(block);
            previous = block;
            outerEnding = block.Text;
            previousIsOuter = true;
        }
        return run;
    }

    /// <summary>
    /// How each item at a lead-in's first level ends, with the lower-case text that carried it on over a page or
    /// column break.
    /// </summary>
    private static List<string> OuterEndings(IReadOnlyList<ReportBlock> blocks, int start, int level)
    {
        var endings = new List<string>();
        for (var i = start; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.Kind == BlockKind.ListItem && block.Level == level)
            {
                endings.Add(block.Text);
            }
            else if (block.Kind == BlockKind.Paragraph && endings.Count > 0 && StartsInLowerCase(block.Text))
            {
                endings[^1] = block.Text;
            }
            else if (block.Kind != BlockKind.ListItem || block.Level < level)
            {
                break;
            }
        }
        return endings;
    }

    private static bool EndsSentence(string text) => text.TrimEnd(ClosingMarks) is { Length: > 0 } trimmed && trimmed[^1] is '.' or '?' or '!';

    /// <summary>Has some text before its closing marks, and that text stops mid-sentence.</summary>
    private static bool StopsMidSentence(string text) => text.TrimEnd(ClosingMarks).Length > 0 && !EndsSentence(text);

    /// <summary>A list item that ends this way leaves the sentence open for the next item.</summary>
    internal static bool ContinuesList(string text)
    {
        var trimmed = text.TrimEnd(ClosingMarks);
        return trimmed.EndsWith(';') || trimmed.EndsWith(',') || trimmed.EndsWith(':')
            || trimmed.EndsWith(" and", StringComparison.OrdinalIgnoreCase)
            || trimmed.EndsWith(" or", StringComparison.OrdinalIgnoreCase);
    }

    internal static bool AsksSomething(string text) => text.Contains('?', StringComparison.Ordinal);

    internal static bool EndsWithQuestionMark(string text) => text.TrimEnd(ClosingMarks).EndsWith('?');

    internal static bool StartsInLowerCase(string text)
    {
        foreach (var character in text)
        {
            if (char.IsLetter(character))
            {
                return char.IsLower(character);
            }
            if (!char.IsPunctuation(character))
            {
                return false;
            }
        }
        return false;
    }

    private static readonly char[] ClosingMarks = ['"', '\'', '\u2019', '\u201D', ')', ']', ' '];

    /// <summary>A question being assembled from a first block, the text that continues it and its sub-points.</summary>
    private sealed class QuestionDraft
    {
        private readonly List<Piece> pieces = [];
        private readonly int subPointDepth;
        private readonly bool fromListItem;
        private int leadInItemsLeft;
        private readonly int level;
        private readonly int? firstPage;
        private int? lastPage;
        private int continuations;

        // How the first and the last piece end. A piece grows by every line that continues it, and these are asked
        // after each one, so the pieces themselves are not turned back into strings to find out.
        private string firstEnding;
        private string lastEnding;

        private readonly List<string> doubts = [];
        private readonly string? stemText;
        private readonly bool numberRemoved;

        private QuestionDraft(ReportBlock first, bool fromListItem, int subPointDepth, int leadInItems, string? stemText = null)
        {
            this.fromListItem = fromListItem;
            this.stemText = stemText;
            leadInItemsLeft = leadInItems;
            this.subPointDepth = subPointDepth;
            level = first.Level;
            firstPage = first.Page;
            lastPage = first.EndPage ?? first.Page;
            IsLeadIn = leadInItems > 0;
            var text = WithoutListNumber(first.Text);
            numberRemoved = text.Length != first.Text.Length;
            if (stemText is not null)
            {
                text = $"{stemText.TrimEnd().TrimEnd(':').TrimEnd()} {text}";
            }
            pieces.Add(new Piece(new StringBuilder(text), Depth: -1));
            firstEnding = lastEnding = Ending(text);
            Doubt(first);
        }

        private void Doubt(ReportBlock block)
        {
            if (block.Doubt is { } doubt && !doubts.Contains(doubt))
            {
                doubts.Add(doubt);
            }
        }

        /// <summary>
        /// Enough of a piece's end to say how it ends: more than the closing marks and " and" a sentence can trail.
        /// </summary>
        private const int EndingLength = 64;

        private static string Ending(string text) => text.Length <= EndingLength ? text : text[^EndingLength..];

        private bool IsLeadIn { get; }

        private sealed record Piece(StringBuilder Text, int Depth);

        public static QuestionDraft FromListItem(ReportBlock item) => new(item, fromListItem: true, item.Level + 1, leadInItems: 0);

        public static QuestionDraft FromParagraph(ReportBlock paragraph) => new(paragraph, fromListItem: false, int.MaxValue, leadInItems: 0);

        public static QuestionDraft FromLeadIn(ReportBlock paragraph, int items, int subPointDepth) =>
            new(paragraph, fromListItem: false, subPointDepth, items);

        /// <summary>A list item that finishes the opening words of a lead-in into a question of its own.</summary>
        public static QuestionDraft FromStem(ReportBlock stem, ReportBlock item, string? doubt)
        {
            var draft = new QuestionDraft(item, fromListItem: true, item.Level + 1, leadInItems: 0, WithoutListNumber(stem.Text));
            draft.Doubt(stem);
            if (doubt is not null)
            {
                draft.doubts.Add(doubt);
            }
            return draft;
        }

        /// <summary>The text so far stops mid-sentence, so the next line may be the rest of it.</summary>
        public bool IsUnfinished => StopsMidSentence(lastEnding);

        public bool TakesSubPoint(ReportBlock item)
        {
            if (IsLeadIn)
            {
                return leadInItemsLeft > 0;
            }
            if (!fromListItem)
            {
                return false;
            }
            if (item.Level > level)
            {
                return true;
            }

            // A lead-in item ending in a colon followed by fragments at its own level: the author did not indent
            // the sub-points.
            if (item.Level != level || !firstEnding.TrimEnd().EndsWith(':'))
            {
                return false;
            }
            return StartsInLowerCase(item.Text) || (pieces.Count > 1 && ContinuesList(lastEnding));
        }

        public void AddSubPoint(ReportBlock item)
        {
            var depth = Math.Max(0, item.Level - subPointDepth);
            leadInItemsLeft--;
            pieces.Add(new Piece(new StringBuilder(item.Text), depth));
            lastEnding = Ending(item.Text);
            Doubt(item);
            lastPage = item.EndPage ?? item.Page ?? lastPage;
        }

        public void Continue(ReportBlock block)
        {
            var text = pieces[^1].Text;
            text.Append(' ').Append(block.Text);
            lastEnding = Ending(lastEnding + " " + block.Text);
            if (pieces.Count == 1)
            {
                firstEnding = lastEnding;
            }
            continuations++;
            lastPage = block.EndPage ?? block.Page ?? lastPage;
            Doubt(block);
        }

        public ExtractedQuestion ToQuestion(string area, int position)
        {
            var text = new StringBuilder(pieces[0].Text.ToString());
            foreach (var piece in pieces.Skip(1))
            {
                text.Append('\n').Append(' ', piece.Depth * 2).Append("• ").Append(piece.Text);
            }
            var subPoints = pieces.Count - 1;
            var lead = pieces[0].Text.ToString();

            var points = subPoints == 1 ? "1 sub-point" : $"{subPoints} sub-points";
            var (reason, confidence) = (fromListItem, IsLeadIn) switch
            {
                (true, _) when stemText is not null => ($"A list item that finishes the lead-in “{stemText}”", 0.85),
                (true, _) when subPoints > 0 => ($"A list item and its {points}", 0.95),
                (true, _) when EndsWithQuestionMark(lead) => ("A list item", 0.95),
                (true, _) => ("A list item that does not end in a question mark", 0.8),
                (false, true) => ($"A paragraph ending in a colon, with the list after it as its {points}", 0.75),
                (false, false) when EndsWithQuestionMark(lead) => ("A paragraph ending in a question mark", 0.85),
                _ => ("A paragraph that asks something but does not end in a question mark", 0.6),
            };
            if (continuations > 0)
            {
                reason += ", joined with the text that continued it";
                confidence -= 0.15;
            }
            if (numberRemoved)
            {
                reason += ", its list number left out";
            }
            var words = text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            if (words > LongQuestionWords)
            {
                reason += $"; very long for one question ({words} words): check that it is not several run together";
                confidence -= 0.25;
            }
            foreach (var doubt in doubts)
            {
                reason += $"; {doubt}";
                confidence -= 0.15;
            }
            reason += $": question {position} under “{area}”";
            if (lastPage is { } last && firstPage is { } first && last != first)
            {
                reason += $" (continues on page {last})";
            }
            return new ExtractedQuestion(text.ToString(), new ReportSource(firstPage, reason, Math.Round(Math.Max(confidence, 0.1), 2)));
        }
    }

    /// <summary>
    /// The text without a list number a reader left at its start ("2. Is bed and breakfast..."): the order of the
    /// questions already says it.
    /// </summary>
    internal static string WithoutListNumber(string text) => ListNumber().Match(text) is { Success: true } match ? text[match.Length..] : text;

    [GeneratedRegex(@"^\(?\d{1,3}[.)]\s+(?=[\p{L}“‘""'])", RegexOptions.CultureInvariant)]
    private static partial Regex ListNumber();
}
