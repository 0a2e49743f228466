using System.Text;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Documents.Statements;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Statements;

/// <summary>
/// A review's paper as the panel gets it: for a focus report's review the Word appendix (the position statement), the
/// cover report and the HTML view, all from one <see cref="StatementPaper"/> (answers parsed once); for a monthly
/// decisions review the decisions paper in the appendix's place, as Word and HTML. The API, the panel's page, filing
/// and the panel's email all take their documents from here, on either runtime. Both papers report progress on the
/// panel's earlier recommendations, gathered by <see cref="PaperContext"/>.
/// </summary>
public sealed class StatementDocuments(StatementHtml html, PaperContext context, IOptions<StatementOptions> options, IOptions<ScrutinyOptions> scrutiny, IHostEnvironment environment)
{
    public const string AppendixFileName = "position-statement.docx";
    public const string CoverReportFileName = "cover-report.docx";
    public const string HtmlFileName = "position-statement.html";
    public const string DecisionsFileName = "ombudsman-decisions.docx";
    public const string DecisionsHtmlFileName = "ombudsman-decisions.html";

    private readonly StatementOptions settings = options.Value;

    /// <summary>The position statement alone, without what other reviews add to it (a page checking it before release).</summary>
    public static StatementPaper Paper(ReviewState review) => StatementPaper.From(PositionStatement.From(review), AnswerMarkdown.Parse);

    /// <summary>Whether the review's paper is the monthly decisions paper rather than a position statement.</summary>
    public static bool IsDecisionsPaper(ReviewState review) => review is { Kind: ReviewKind.Decisions };

    /// <summary>The position statement with progress on the panel's earlier recommendations.</summary>
    public async Task<StatementPaper> StatementPaperAsync(ReviewState review, CancellationToken cancellationToken)
    {
        var inputs = await context.GatherAsync(review, cancellationToken);
        return Paper(review) with { Progress = RecommendationsProgress.For(review, inputs.EarlierToPanel, inputs.Now) };
    }

    /// <summary>The decisions paper, with the year's remedies from every decisions review and progress on recommendations.</summary>
    public async Task<DecisionsPaper> DecisionsPaperAsync(ReviewState review, CancellationToken cancellationToken)
    {
        var inputs = await context.GatherAsync(review, cancellationToken);
        return DecisionsPaper.From(review, inputs.Remedies, RecommendationsProgress.For(review, inputs.EarlierToPanel, inputs.Now), inputs.Now, AnswerMarkdown.Parse, inputs.PublishedCompliance);
    }

    /// <summary>The review's Word paper for the panel (the appendix, or the decisions paper), with its file name.</summary>
    public async Task<FiledDocument> AppendixAsync(ReviewState review, CancellationToken cancellationToken) =>
        IsDecisionsPaper(review)
            ? new(DecisionsFileName, StatementDocx.ContentType, Decisions(await DecisionsPaperAsync(review, cancellationToken)))
            : new(AppendixFileName, StatementDocx.ContentType, Appendix(await StatementPaperAsync(review, cancellationToken)));

    /// <summary>The review's paper as a standalone HTML page.</summary>
    public async Task<string> HtmlAsync(ReviewState review, CancellationToken cancellationToken) =>
        IsDecisionsPaper(review)
            ? await html.RenderAsync(await DecisionsPaperAsync(review, cancellationToken))
            : await html.RenderAsync(await StatementPaperAsync(review, cancellationToken));

    public byte[] Appendix(StatementPaper paper) => StatementDocx.Write(paper, settings.AppendixNumber, Layout(landscape: true));

    public byte[] Decisions(DecisionsPaper paper) => DecisionsPaperDocx.Write(paper, Layout(landscape: true));

    public byte[] CoverReport(StatementPaper paper) =>
        CoverReportDocx.Write(Core.Statements.CoverReport.From(paper.Statement, CoverSettings()), paper.Statement.Released, Layout(landscape: false));

    /// <summary>The cover report goes to the panel only when its author has nothing left to complete; until then it is their draft.</summary>
    public bool CoverReportForPanel(StatementPaper paper) => Core.Statements.CoverReport.From(paper.Statement, CoverSettings()).IsComplete;

    public Task<string> HtmlAsync(StatementPaper paper) => html.RenderAsync(paper);

    /// <summary>What is filed for a release, the Word paper first (its location is the one the review records).</summary>
    public async Task<IReadOnlyList<FiledDocument>> ForFilingAsync(ReviewState review, CancellationToken cancellationToken)
    {
        if (IsDecisionsPaper(review))
        {
            var decisions = await DecisionsPaperAsync(review, cancellationToken);
            return
            [
                new(DecisionsFileName, StatementDocx.ContentType, Decisions(decisions)),
                new(DecisionsHtmlFileName, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(await html.RenderAsync(decisions))),
            ];
        }
        return await ForFilingAsync(await StatementPaperAsync(review, cancellationToken));
    }

    /// <summary>What is filed for a release, the appendix first (its location is the one the review records).</summary>
    public async Task<IReadOnlyList<FiledDocument>> ForFilingAsync(StatementPaper paper) =>
    [
        new(AppendixFileName, StatementDocx.ContentType, Appendix(paper)),
        .. CoverReportForPanel(paper) ? [new FiledDocument(CoverReportFileName, StatementDocx.ContentType, CoverReport(paper))] : Array.Empty<FiledDocument>(),
        new(HtmlFileName, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(await HtmlAsync(paper))),
    ];

    /// <summary>The Word papers for the panel's email, when together they are within the attachment limit; none otherwise.</summary>
    public async Task<IReadOnlyList<FiledDocument>> ForEmailAsync(ReviewState review, CancellationToken cancellationToken) =>
        IsDecisionsPaper(review)
            ? WithinLimit([new($"Appendix {settings.AppendixNumber} - ombudsman decisions.docx", StatementDocx.ContentType, Decisions(await DecisionsPaperAsync(review, cancellationToken)))])
            : ForEmail(await StatementPaperAsync(review, cancellationToken));

    /// <summary>The Word papers for the panel's email, when together they are within the attachment limit; none otherwise.</summary>
    public IReadOnlyList<FiledDocument> ForEmail(StatementPaper paper)
    {
        List<FiledDocument> papers = [new($"Appendix {settings.AppendixNumber} - position statement.docx", StatementDocx.ContentType, Appendix(paper))];
        if (CoverReportForPanel(paper))
        {
            papers.Add(new("Cover report.docx", StatementDocx.ContentType, CoverReport(paper)));
        }
        return WithinLimit(papers);
    }

    private List<FiledDocument> WithinLimit(List<FiledDocument> papers) => papers.Sum(p => (long)p.Content.Length) <= settings.MaxAttachmentBytes ? papers : [];

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
