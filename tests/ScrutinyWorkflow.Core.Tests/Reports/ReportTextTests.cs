using ScrutinyWorkflow.Core.Reports;

namespace ScrutinyWorkflow.Core.Tests.Reports;

public sealed class ReportTextTests
{
    [Theory]
    [InlineData("  How   does\tthe\ncouncil  ", "How does the council")]
    [InlineData("the \uFB01nal of\uFB01ce \uFB02oor e\uFB00ort", "the final office floor effort")]
    [InlineData("safe\u00ADguarding\u200B plan", "safeguarding plan")]
    [InlineData("non\u00A0breaking\u2002spaces", "non breaking spaces")]
    public void Cleans_spacing_ligatures_and_invisible_characters(string text, string expected) =>
        Assert.Equal(expected, ReportText.Clean(text));

    [Fact]
    public void Keeps_typographic_quotes_when_cleaning_but_not_when_comparing()
    {
        const string curly = "the council’s “local offer”";

        Assert.Equal(curly, ReportText.Clean(curly));
        Assert.Equal("the council's \"local offer\"", ReportText.ForComparison(curly));
    }
}
