namespace ScrutinyWorkflow.Documents.Reading.Pdf;

/// <summary>
/// Reads a table whose cells are drawn (ReportLab's grid, a browser's or a word processor's cell borders) cell by
/// cell: row by row, and within a row from the left, each cell's lines together. Left to the rows, a label cell set
/// beside the last line of its question (ReportLab sets cells at their foot) would be read into the middle of it.
/// </summary>
/// <remarks>
/// The rules come from the page's drawing: thin filled rectangles and straight stroked segments, across and down.
/// A grid needs three or more lines down (two columns at least) crossing two or more lines across; its cells are
/// the spaces between them, joined where the line between two is not drawn (a cell spanning rows or columns). A
/// first cell with other cells beside it is the row's label (an area, when it is short and asks nothing); a first
/// row set wholly in bold that asks nothing is the table's header, repeated on each page, and set aside.
/// </remarks>
internal static class RuledTables
{
    /// <summary>Rules within this many points of each other are the same line of the grid.</summary>
    private const double SameLine = 2.5;

    /// <summary>Columns are numbered from here on a page, so that no cell shares a column with the page's text.</summary>
    private const int FirstCellColumn = 1000;

    /// <summary>A page drawing more rules than this is a chart or a drawing, not a table.</summary>
    private const int MaximumRulesPerPage = 4000;

    /// <summary>The lines of the page's ruled tables, cell by cell, in place of the rows they were read as.</summary>
    public static List<PdfLine> Apply(IReadOnlyList<PdfLine> lines, IReadOnlyList<PdfPageWords> pages)
    {
        var result = new List<PdfLine>(lines.Count);
        foreach (var pageLines in lines.GroupBy(line => line.Page))
        {
            var rules = pages.FirstOrDefault(page => page.Number == pageLines.Key)?.Rules;
            var grids = rules is { Count: >= 5 and <= MaximumRulesPerPage } ? Grids(rules) : [];
            if (grids.Count == 0)
            {
                result.AddRange(pageLines);
                continue;
            }
            result.AddRange(Read(pageLines.Key, [.. pageLines], grids));
        }
        return result;
    }

    private static List<PdfLine> Read(int page, List<PdfLine> lines, List<Grid> grids)
    {
        // A table's lines go where its first word was met in reading order: a slot held until its cells are read.
        var result = new List<PdfLine?>(lines.Count);
        var slots = new Dictionary<int, int>();
        var cellWords = grids.Select(grid => grid.Cells.Select(_ => new List<PdfWord>()).ToList()).ToList();
        var placed = new bool[grids.Count];
        foreach (var line in lines)
        {
            var outside = new List<PdfWord>();
            foreach (var word in line.Words)
            {
                var (g, cell) = Locate(grids, word);
                if (cell < 0)
                {
                    outside.Add(word);
                    continue;
                }
                cellWords[g][cell].Add(word);
                if (!placed[g])
                {
                    placed[g] = true;
                    slots[result.Count] = g;
                    result.Add(null);
                }
            }
            if (outside.Count == line.Words.Count)
            {
                result.Add(line);
            }
            else if (outside.Count > 0)
            {
                result.Add(new PdfLine(page, outside, line.Side, line.Column));
            }
        }

        var expanded = new List<PdfLine>(result.Count);
        var nextColumn = FirstCellColumn;
        for (var i = 0; i < result.Count; i++)
        {
            if (result[i] is { } line)
            {
                expanded.Add(line);
                continue;
            }
            var g = slots[i];
            expanded.AddRange(CellLines(page, grids[g], cellWords[g], ref nextColumn));
        }
        return expanded;
    }

    /// <summary>The lines of one table's cells in reading order, the header row left out.</summary>
    private static IEnumerable<PdfLine> CellLines(int page, Grid grid, List<List<PdfWord>> words, ref int nextColumn)
    {
        var order = Enumerable.Range(0, grid.Cells.Count)
            .Where(cell => words[cell].Count > 0)
            .OrderBy(cell => grid.Cells[cell].TopRow)
            .ThenBy(cell => grid.Cells[cell].LeftColumn)
            .ToList();
        var headerRow = order.Where(cell => grid.Cells[cell].TopRow == order.Select(c => grid.Cells[c].TopRow).Min()).ToList();
        var isHeader = order.Count > headerRow.Count
            && headerRow.All(cell => words[cell].All(word => word.Bold) && !words[cell].Any(word => word.Text.Contains('?', StringComparison.Ordinal)));

        var lines = new List<PdfLine>();
        foreach (var cell in order)
        {
            if (isHeader && headerRow.Contains(cell))
            {
                continue;
            }
            var shape = grid.Cells[cell];
            var label = shape.LeftColumn == 0 && order.Any(other => other != cell && grid.Cells[other].LeftColumn > 0
                && grid.Cells[other].TopRow <= shape.BottomRow && grid.Cells[other].BottomRow >= shape.TopRow);
            var column = nextColumn++;
            // A cell's words in rows, as a page's are.
            var cellLines = PageLayout.Rows(new PdfPageWords(page, 0, words[cell])).Rows.Select(row => new PdfLine(page, row.Words, ColumnSide.Full, column)
            {
                Cell = new PdfCell(column, shape.LeftColumn),
                RowLabel = label,
            }).ToList();
            var left = cellLines.Min(line => line.Left);
            var right = cellLines.Max(line => line.Right);
            foreach (var line in cellLines)
            {
                line.ColumnLeft = left;
                line.ColumnRight = right;
            }
            lines.AddRange(cellLines);
        }
        return lines;
    }

    private static (int Grid, int Cell) Locate(List<Grid> grids, PdfWord word)
    {
        var x = (word.Left + word.Right) / 2;
        var y = word.Baseline + (0.3 * word.FontSize);
        for (var g = 0; g < grids.Count; g++)
        {
            var grid = grids[g];
            var column = Between(grid.Xs, x, ascending: true);
            var row = Between(grid.Ys, y, ascending: false);
            if (column >= 0 && row >= 0)
            {
                return (g, grid.CellAt[row, column]);
            }
        }
        return (-1, -1);
    }

    /// <summary>The index of the space between two neighbouring positions that holds <paramref name="value"/>.</summary>
    private static int Between(double[] positions, double value, bool ascending)
    {
        for (var i = 0; i + 1 < positions.Length; i++)
        {
            var (low, high) = ascending ? (positions[i], positions[i + 1]) : (positions[i + 1], positions[i]);
            if (value > low && value < high)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>One cell: the grid spaces it spans.</summary>
    private sealed record CellShape(int TopRow, int BottomRow, int LeftColumn);

    /// <summary>A table's grid lines (left to right, top to bottom) and its cells.</summary>
    private sealed record Grid(double[] Xs, double[] Ys, int[,] CellAt, List<CellShape> Cells);

    private static List<Grid> Grids(IReadOnlyList<PdfRule> rules)
    {
        var across = rules.Where(rule => rule.IsAcross).ToList();
        var down = rules.Where(rule => !rule.IsAcross).ToList();
        var grids = new List<Grid>();
        foreach (var (table, tableDown) in Tables(across, down))
        {
            var xs = Positions(tableDown.Select(rule => rule.Left));
            var ys = Positions(table.Select(rule => rule.Bottom)).Reverse().ToArray();
            if (xs.Length < 3 || ys.Length < 2)
            {
                continue;
            }
            grids.Add(Cells(xs, ys, table, tableDown));
        }
        return grids;
    }

    /// <summary>The rules that cross one another, in groups: one group a table.</summary>
    private static IEnumerable<(List<PdfRule> Across, List<PdfRule> Down)> Tables(List<PdfRule> across, List<PdfRule> down)
    {
        var parent = Enumerable.Range(0, across.Count + down.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        for (var a = 0; a < across.Count; a++)
        {
            for (var d = 0; d < down.Count; d++)
            {
                if (Crosses(across[a], down[d]))
                {
                    parent[Find(a)] = Find(across.Count + d);
                }
            }
        }
        return Enumerable.Range(0, parent.Length)
            .GroupBy(Find)
            .Select(group => (
                Across: group.Where(i => i < across.Count).Select(i => across[i]).ToList(),
                Down: group.Where(i => i >= across.Count).Select(i => down[i - across.Count]).ToList()))
            .Where(table => table.Across.Count > 0 && table.Down.Count > 0);
    }

    private static bool Crosses(PdfRule across, PdfRule down) =>
        down.Left >= across.Left - SameLine && down.Left <= across.Right + SameLine
        && across.Bottom >= down.Bottom - SameLine && across.Bottom <= down.Top + SameLine;

    /// <summary>Distinct positions, rules within <see cref="SameLine"/> of each other counted once, ascending.</summary>
    private static double[] Positions(IEnumerable<double> values)
    {
        var positions = new List<double>();
        foreach (var value in values.Order())
        {
            if (positions.Count == 0 || value - positions[^1] > SameLine)
            {
                positions.Add(value);
            }
        }
        return [.. positions];
    }

    /// <summary>
    /// The grid's spaces joined into cells wherever the rule between two neighbours is not drawn.
    /// </summary>
    private static Grid Cells(double[] xs, double[] ys, List<PdfRule> across, List<PdfRule> down)
    {
        var rows = ys.Length - 1;
        var columns = xs.Length - 1;
        var parent = Enumerable.Range(0, rows * columns).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        for (var r = 0; r < rows; r++)
        {
            var middleY = (ys[r] + ys[r + 1]) / 2;
            for (var c = 0; c < columns; c++)
            {
                var middleX = (xs[c] + xs[c + 1]) / 2;
                if (c + 1 < columns && !down.Any(rule => Math.Abs(rule.Left - xs[c + 1]) <= SameLine && rule.Bottom < middleY && rule.Top > middleY))
                {
                    parent[Find((r * columns) + c)] = Find((r * columns) + c + 1);
                }
                if (r + 1 < rows && !across.Any(rule => Math.Abs(rule.Bottom - ys[r + 1]) <= SameLine && rule.Left < middleX && rule.Right > middleX))
                {
                    parent[Find((r * columns) + c)] = Find(((r + 1) * columns) + c);
                }
            }
        }

        var ids = new Dictionary<int, int>();
        var cellAt = new int[rows, columns];
        var cells = new List<CellShape>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var root = Find((r * columns) + c);
                if (!ids.TryGetValue(root, out var id))
                {
                    ids[root] = id = cells.Count;
                    cells.Add(new CellShape(r, r, c));
                }
                cells[id] = cells[id] with { BottomRow = Math.Max(cells[id].BottomRow, r), LeftColumn = Math.Min(cells[id].LeftColumn, c) };
                cellAt[r, c] = id;
            }
        }
        return new Grid(xs, ys, cellAt, cells);
    }
}
