namespace ScrutinyWorkflow.Documents.Reading.Pdf;

/// <summary>
/// Turns list bullets that a page draws as shapes into bullet characters, so that the layout stages see a marker
/// where a reader sees one. Browsers and desktop publishing draw a list's bullet as a small filled circle or square;
/// without this, nothing in the text says where one item ends and the next begins.
/// </summary>
/// <remarks>
/// A shape counts as a bullet when it is small and roughly as wide as it is high (about the size of a letter's
/// body, no more), sits at the height of the text on a line, has the line's first word a little to its right, and
/// has no text immediately to its left. Rules, underlines, boxes and backgrounds fail one of these.
/// </remarks>
internal static class DrawnMarkers
{
    /// <summary>The glyph a drawn bullet becomes: the one every reader already takes as a bullet.</summary>
    public const string Bullet = "•";

    /// <summary>A page drawing more small shapes than this is a drawing, not a list: its shapes are left alone.</summary>
    private const int MaximumMarksPerPage = 2000;

    public static PdfPageWords Apply(PdfPageWords page)
    {
        if (page.Marks is not { Count: > 0 } marks || marks.Count > MaximumMarksPerPage || page.Words.Count == 0)
        {
            return page;
        }
        var byBaseline = page.Words.OrderBy(word => word.Baseline).ToArray();
        var baselines = byBaseline.Select(word => word.Baseline).ToArray();
        var bullets = new List<PdfWord>();
        foreach (var mark in marks)
        {
            if (BulletFor(mark, byBaseline, baselines) is { } bullet)
            {
                bullets.Add(bullet);
            }
        }
        return bullets.Count == 0 ? page : page with { Words = [.. page.Words, .. bullets] };
    }

    private static PdfWord? BulletFor(PdfMark mark, PdfWord[] byBaseline, double[] baselines)
    {
        if (mark.Width < 1 || mark.Height < 1 || mark.Width > 2 * mark.Height || mark.Height > 2 * mark.Width)
        {
            return null;
        }
        var centre = (mark.Bottom + mark.Top) / 2;

        // The words whose text could surround the shape's centre: a baseline at most a large letter's height below it.
        var start = LowerBound(baselines, centre - 30);
        PdfWord? next = null;
        for (var i = start; i < byBaseline.Length && byBaseline[i].Baseline <= centre; i++)
        {
            var word = byBaseline[i];
            var size = word.FontSize;
            var level = centre - word.Baseline;
            if (level < 0.1 * size || level > 0.75 * size || mark.Height > 0.8 * size)
            {
                continue;
            }
            var gap = word.Left - mark.Right;
            if (gap >= 0.1 * size && gap <= 3 * size && (next is null || word.Left < next.Left))
            {
                next = word;
            }
        }
        if (next is null)
        {
            return null;
        }

        // Text just to the left on the same line means the shape is inside a line, not at its start.
        for (var i = start; i < byBaseline.Length && byBaseline[i].Baseline <= centre; i++)
        {
            var word = byBaseline[i];
            if (Math.Abs(word.Baseline - next.Baseline) <= 0.35 * next.FontSize && word.Right <= mark.Left && mark.Left - word.Right < next.FontSize)
            {
                return null;
            }
        }
        return new PdfWord(Bullet, mark.Left, mark.Right, next.Baseline, next.FontSize, next.Bold);
    }

    private static int LowerBound(double[] values, double value)
    {
        var index = Array.BinarySearch(values, value);
        if (index < 0)
        {
            return ~index;
        }
        while (index > 0 && values[index - 1] >= value)
        {
            index--;
        }
        return index;
    }
}
