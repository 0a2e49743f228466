using ScrutinyWorkflow.Core.Calendar;

namespace ScrutinyWorkflow.Core.Statements;

/// <summary>Who the council's papers name as the report's author and contact, and which appendix the statement is.</summary>
public sealed record CoverReportSettings(int AppendixNumber, string ReportOf, string ContactName, string ContactEmail);

/// <summary>A paragraph of the cover report, with an optional list after it.</summary>
public sealed record CoverParagraph(string Text, IReadOnlyList<string>? Items = null);

/// <summary>A numbered section; <see cref="ForAuthor"/> marks one the template expects that only the report's author can write.</summary>
public sealed record CoverSection(string Heading, IReadOnlyList<CoverParagraph> Paragraphs, bool ForAuthor = false);

/// <summary>
/// The report that takes the position statement to the panel, in the shape councils file it (report to, date, report
/// of, subject, summary, recommendations, then numbered sections), filled in as far as the review allows. The
/// sections only the author can write (financial, legal, risk, policy) are there, marked for completion.
/// </summary>
public sealed record CoverReport(string Subject, IReadOnlyList<(string Label, string Value)> Particulars, IReadOnlyList<CoverSection> Sections)
{
    public const string ToComplete = "[To be completed by the report author.]";

    /// <summary>
    /// Whether nothing is left for the report's author to write. Only a complete cover report goes to the panel: one
    /// with a placeholder is the author's draft, however the statement is released.
    /// </summary>
    public bool IsComplete =>
        Particulars.All(p => p.Value != ToComplete) && Sections.All(s => s.Paragraphs.All(p => p.Text != ToComplete));

    public static string AppendixTitle(int number) => $"Appendix {number}: Position statement against LGSCO areas of focus";

    public static CoverReport From(PositionStatement statement, CoverReportSettings settings)
    {
        var report = statement.FocusReport;
        var published = report.Published.ToDisplayString();
        var appendix = $"Appendix {settings.AppendixNumber}";
        var summary = StatementSummary.Of(statement);
        var questions = summary.Questions == 1 ? "the question" : $"each of the {summary.Questions} questions";

        List<CoverParagraph> background =
        [
            new($"In {published} the Local Government and Social Care Ombudsman (LGSCO) published the focus report \u201c{report.Title}\u201d. Focus reports share what the Ombudsman has learnt from complaints, and end with questions for councillors to ask when they scrutinise the council's services."),
            new($"The report's questions are grouped under {Count(statement.Areas.Count, "area")} of focus:", [.. statement.Areas.Select(a => a.Heading)]),
            new(statement.AskedOn is { } asked && statement.Deadline is { } deadline
                ? $"On {LongDate.Format(asked)} the scrutiny team put {questions} to the service officers best placed to answer, asking for answers by {LongDate.Format(deadline)}. Officers who had not answered were reminded, and then their managers were asked to make sure an answer came."
                : $"The scrutiny team put {questions} to the service officers best placed to answer."),
            new($"The services' answers are compiled in the position statement at {appendix}, one table per area of focus: the question, the position statement, and the officers who reported it, with their designations."),
        ];

        List<CoverParagraph> response = [new($"{summary.AnsweredSentence}{(summary.AnsweredLate > 0 ? $", {summary.AnsweredLate} of them after the deadline" : "")}.")];
        if (summary.NotAnswered > 0)
        {
            response.Add(new(statement.ClosedEarlyOn is { } closed
                ? $"{Count(summary.NotAnswered, "question")} {(summary.NotAnswered == 1 ? "was" : "were")} not answered: the review was closed early on {LongDate.Format(closed)}{(statement.ClosedEarlyReason is { } reason ? $" ({reason})" : "")}. The statement marks each one."
                : $"{Count(summary.NotAnswered, "question")} {(summary.NotAnswered == 1 ? "was" : "were")} not answered by the deadline; the statement marks each one \u201cNo response received\u201d."));
        }
        if (summary.Services.Count > 0)
        {
            response.Add(new("Answers came from:", [.. summary.Services.Select(s => $"{s.Service} ({Count(s.Answers, "answer")})")]));
        }

        return new CoverReport(
            $"Service response to the LGSCO focus report \u201c{report.Title}\u201d",
            [
                ("Report to", statement.Panel.Name),
                ("Date of meeting", LongDate.Format(statement.MeetingDate)),
                ("Report of", settings.ReportOf),
                ("Subject", $"Service response to the LGSCO focus report \u201c{report.Title}\u201d"),
                ("Contact", $"{settings.ContactName}, {settings.ContactEmail}"),
            ],
            [
                new("Report summary", [new($"To receive, for information, the services' position statement against the areas of focus in the LGSCO focus report \u201c{report.Title}\u201d ({published}), attached as {appendix}. {summary.AnsweredSentence}.")]),
                new("Recommendations",
                [
                    new($"That the Panel notes the position statement at {appendix}."),
                    new("That the Panel considers which areas of focus, if any, it wishes to scrutinise further."),
                ]),
                new("Background", background),
                new("Response summary", response),
                new("Financial implications", [new(ToComplete)], ForAuthor: true),
                new("Legal implications", [new(ToComplete)], ForAuthor: true),
                new("Risk management implications", [new(ToComplete)], ForAuthor: true),
                new("Policy implications", [new(ToComplete)], ForAuthor: true),
                new("Appendices and background papers",
                [
                    new(AppendixTitle(settings.AppendixNumber)),
                    new($"Background paper: LGSCO focus report \u201c{report.Title}\u201d, {published}."),
                ]),
            ]);
    }

    private static string Count(int count, string what) => count == 1 ? $"1 {what}" : $"{count} {what}s";
}
