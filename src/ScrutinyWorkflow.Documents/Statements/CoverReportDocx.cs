using ScrutinyWorkflow.Core.Statements;

namespace ScrutinyWorkflow.Documents.Statements;

/// <summary>
/// The cover report as an editable Word document, portrait as councils file them: the particulars table, then the
/// numbered sections, the ones only the author can write marked for completion.
/// </summary>
public static class CoverReportDocx
{
    public static byte[] Write(CoverReport report, bool released, WordLayout layout)
    {
        using var word = new WordDocument(report.Subject, layout);
        word.AddTitle(report.Subject);
        if (!released)
        {
            word.AddParagraph("Draft: prepared from the assembled statement before its release to the panel.", bold: true);
        }
        word.AddParticulars(report.Particulars, layout.Landscape);
        var number = 0;
        foreach (var section in report.Sections)
        {
            word.AddHeading(1, $"{++number}. {section.Heading}");
            var paragraph = 0;
            foreach (var item in section.Paragraphs)
            {
                // Paragraphs are numbered within their section (1.1, 1.2), as councils' reports are.
                var text = section.Paragraphs.Count > 1 ? $"{number}.{++paragraph} {item.Text}" : item.Text;
                word.AddParagraph(text, italic: section.ForAuthor);
                if (item.Items is { Count: > 0 } items)
                {
                    word.AddBullets(items);
                }
            }
        }
        return word.ToBytes();
    }
}
