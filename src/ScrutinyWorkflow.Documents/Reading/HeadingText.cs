namespace ScrutinyWorkflow.Documents.Reading;

/// <summary>Whether text set apart only by its weight or size reads like a heading rather than a sentence.</summary>
internal static class HeadingText
{
    private const int MaxWords = 20;

    /// <summary>Headings that ask ("What should councillors ask?") are short; a longer line that asks is a question.</summary>
    private const int MaxWordsWhenAsking = 6;

    public static bool IsShortEnough(string text)
    {
        text = text.TrimEnd();
        if (text.Length == 0 || text[^1] is '.' or ',' or ';' or ':')
        {
            return false;
        }
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return words <= (text[^1] == '?' ? MaxWordsWhenAsking : MaxWords);
    }
}
