using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ScrutinyWorkflow.Documents.Tests.Statements;

/// <summary>A council's Word template (.dotx) as small as shows the point: its own Heading 1, a footer, and sample text.</summary>
internal static class CouncilTemplate
{
    public const string FooterText = "Exampleshire County Council";
    public const string SampleText = "Delete this text";

    public static byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var template = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Template))
        {
            var main = template.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(new Style(new StyleName { Val = "Council Heading" }, new StyleRunProperties(new Bold(), new Color { Val = "1D70B8" }))
            { Type = StyleValues.Paragraph, StyleId = "Heading1" });
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(new Paragraph(new Run(new DocumentFormat.OpenXml.Wordprocessing.Text(FooterText))));
            main.Document = new Document(new Body(
                new Paragraph(new Run(new DocumentFormat.OpenXml.Wordprocessing.Text(SampleText))),
                new SectionProperties(
                    new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                    new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape })));
        }
        return stream.ToArray();
    }
}
