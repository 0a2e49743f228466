using System.Text;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Documents.Statements;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Statements;

/// <summary>
/// A review's statement as the papers the panel gets: the Word appendix, the cover report and the HTML view, all from
/// one <see cref="StatementPaper"/> (answers parsed once). The API, the panel's page, filing and the panel's email
/// all take their documents from here, on either runtime.
/// </summary>
public sealed class StatementDocuments(StatementHtml html, IOptions<StatementOptions> options, IOptions<ScrutinyOptions> scrutiny, IHostEnvironment environment)
{
    public const string AppendixFileName = "position-statement.docx";
    public const string CoverReportFileName = "cover-report.docx";
    public const string HtmlFileName = "position-statement.html";

    private readonly StatementOptions settings = options.Value;

    public static StatementPaper Paper(ReviewState review) => StatementPaper.From(PositionStatement.From(review), AnswerMarkdown.Parse);

    public byte[] Appendix(StatementPaper paper) => StatementDocx.Write(paper, settings.AppendixNumber, Layout(landscape: true));

    public byte[] CoverReport(StatementPaper paper) =>
        CoverReportDocx.Write(Core.Statements.CoverReport.From(paper.Statement, CoverSettings()), paper.Statement.Released, Layout(landscape: false));

    /// <summary>The cover report goes to the panel only when its author has nothing left to complete; until then it is their draft.</summary>
    public bool CoverReportForPanel(StatementPaper paper) => Core.Statements.CoverReport.From(paper.Statement, CoverSettings()).IsComplete;

    public Task<string> HtmlAsync(StatementPaper paper) => html.RenderAsync(paper);

    /// <summary>What is filed for a release, the appendix first (its location is the one the review records).</summary>
    public async Task<IReadOnlyList<FiledDocument>> ForFilingAsync(StatementPaper paper) =>
    [
        new(AppendixFileName, StatementDocx.ContentType, Appendix(paper)),
        .. CoverReportForPanel(paper) ? [new FiledDocument(CoverReportFileName, StatementDocx.ContentType, CoverReport(paper))] : Array.Empty<FiledDocument>(),
        new(HtmlFileName, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(await HtmlAsync(paper))),
    ];

    /// <summary>The Word papers for the panel's email, when together they are within the attachment limit; none otherwise.</summary>
    public IReadOnlyList<FiledDocument> ForEmail(StatementPaper paper)
    {
        List<FiledDocument> papers = [new($"Appendix {settings.AppendixNumber} - position statement.docx", StatementDocx.ContentType, Appendix(paper))];
        if (CoverReportForPanel(paper))
        {
            papers.Add(new("Cover report.docx", StatementDocx.ContentType, CoverReport(paper)));
        }
        return papers.Sum(p => (long)p.Content.Length) <= settings.MaxAttachmentBytes ? papers : [];
    }

    private CoverReportSettings CoverSettings()
    {
        var team = scrutiny.Value;
        return new CoverReportSettings(
            settings.AppendixNumber,
            settings.ReportOf is { Length: > 0 } reportOf ? reportOf : Core.Statements.CoverReport.ToComplete,
            settings.ContactName is { Length: > 0 } name ? name : team.TeamName,
            settings.ContactEmail is { Length: > 0 } email ? email : team.TeamEmail);
    }

    private WordLayout Layout(bool landscape) =>
        new(landscape, settings.TemplatePath is { Length: > 0 } template ? Path.GetFullPath(Path.Combine(environment.ContentRootPath, template)) : null);
}
