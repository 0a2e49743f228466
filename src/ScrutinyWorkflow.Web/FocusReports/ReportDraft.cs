using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Documents;

namespace ScrutinyWorkflow.Web.FocusReports;

/// <summary>A review drafted from a focus report as read, whoever brought it: an upload, the reports container, the feed.</summary>
public static class ReportDraft
{
    /// <summary>
    /// The report's title, month, areas and questions, with nobody asked yet, and why its layout was hard to read when
    /// it was; the caller adds the panel and dates.
    /// </summary>
    public static DraftReview From(string reviewId, Ingested read, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(read);
        var report = read.Report;
        return new DraftReview(
            reviewId,
            report.Title,
            report.Published,
            PanelName: null,
            PanelEmail: null,
            MeetingDate: null,
            Deadline: null,
            [.. report.Areas.Select(a => new AreaInput(a.Heading, [.. a.Questions.Select(q => new QuestionInput(q.Text, [], Source: q.Source))]))],
            [],
            now,
            LayoutDoubts: read.Doubts);
    }
}
