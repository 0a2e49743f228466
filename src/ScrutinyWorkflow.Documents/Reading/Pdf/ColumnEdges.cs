namespace ScrutinyWorkflow.Documents.Reading.Pdf;

/// <summary>
/// Finds the left and right edges of each kind of column over the whole document. One page alone can mislead: a page of list
/// items, or a right column that starts mid-question, has no line at the margin.
/// </summary>
internal static class ColumnEdges
{
    /// <summary>Lines starting within this many points of each other start at the same edge.</summary>
    private const double SameEdge = 1.5;

    /// <summary>Fewer lines than this on odd or even pages say too little to tell mirrored margins from indents.</summary>
    private const int MinimumLinesToCompare = 20;

    public static void Apply(IReadOnlyList<PdfLine> lines)
    {
        // A table cell's edges are its own, set when the table was read.
        lines = [.. lines.Where(line => line.Cell is null)];
        // Books mirror their margins on odd and even pages; then each keeps its own edges.
        var oddFull = lines.Where(line => line.Side == ColumnSide.Full && line.Page % 2 == 1).Select(line => line.Left).ToList();
        var evenFull = lines.Where(line => line.Side == ColumnSide.Full && line.Page % 2 == 0).Select(line => line.Left).ToList();
        var mirrored = oddFull.Count >= MinimumLinesToCompare && evenFull.Count >= MinimumLinesToCompare
            && Math.Abs(Edge(oddFull) - Edge(evenFull)) > 2 * SameEdge;

        var groups = lines.GroupBy(line => (line.Side, Odd: mirrored && line.Page % 2 == 1)).ToList();
        foreach (var group in groups)
        {
            var edge = Edge([.. group.Select(line => line.Left)]);
            var right = group.Max(line => line.Right);
            if (group.Key.Side == ColumnSide.Right && groups.FirstOrDefault(other => other.Key == (ColumnSide.Left, group.Key.Odd)) is { } left)
            {
                edge = RightColumnEdge(group, edge, Edge([.. left.Select(line => line.Left)]), right - left.Max(line => line.Right));
            }
            foreach (var line in group)
            {
                line.ColumnLeft = edge;
                line.ColumnRight = right;
            }
        }
    }

    /// <summary>
    /// A right column often has no two lines at its edge (its items' text and bullets are indented, its one heading
    /// stands alone), and measured from its bullets its indents would not match the left column's. Columns of a page
    /// are the same width, so its edge sits as far from the left column's edge as their right edges are apart: the
    /// first line starting there (a heading) marks it, or the measured edge when that is further left.
    /// </summary>
    private static double RightColumnEdge(IEnumerable<PdfLine> lines, double measured, double leftEdge, double pitch)
    {
        var expected = leftEdge + pitch;
        var atExpected = lines.Select(line => line.Left).Where(left => left >= expected - (2 * SameEdge)).DefaultIfEmpty(measured).Min();
        return Math.Min(measured, atExpected);
    }

    /// <summary>The leftmost position at which at least two lines start, so that one stray line does not count.</summary>
    private static double Edge(List<double> lefts)
    {
        lefts.Sort();
        for (var i = 0; i + 1 < lefts.Count; i++)
        {
            if (lefts[i + 1] - lefts[i] <= SameEdge)
            {
                return lefts[i];
            }
        }
        return lefts[0];
    }
}
