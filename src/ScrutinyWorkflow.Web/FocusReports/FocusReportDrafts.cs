using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Documents;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Mail;
using ScrutinyWorkflow.Web.Notifications;

namespace ScrutinyWorkflow.Web.FocusReports;

/// <summary>What came of a focus report that arrived with nobody at the keyboard.</summary>
public abstract record DraftOutcome;

/// <summary>A draft review was opened from it (or had been, the same report arriving again) and the team was told.</summary>
public sealed record DraftOpened(string ReviewId, string? Title, bool AlreadyOpen) : DraftOutcome;

/// <summary>It could not be read as a focus report, or was not taken now (<see cref="TryAgain"/>); nothing was created.</summary>
public sealed record DraftRefused(string Code, string Title, string Detail, bool TryAgain) : DraftOutcome;

/// <summary>
/// A focus report that arrives without a person (dropped into the reports container, or found on the Ombudsman's
/// feed) becomes a draft review with nobody asked yet, and the scrutiny team is emailed a link to check it. The
/// review's id comes from where the report came from, so the same report arriving twice opens one draft, and the
/// team's message id from the review's, so they hear once.
/// </summary>
public sealed class FocusReportDrafts(
    FocusReportReader reader,
    IReviewCommands commands,
    IMailSender mail,
    ReviewMessages messages,
    CouncilClock clock,
    WorkingCalendar calendar,
    IOptions<ScrutinyOptions> options,
    IOptions<FocusReportFeedOptions> proposals,
    ILogger<FocusReportDrafts> logger)
{
    public async Task<DraftOutcome> OpenAsync(string source, Stream content, string fileName, CancellationToken cancellationToken)
    {
        var outcome = await reader.ReadAsync(content, fileName, cancellationToken);
        if (outcome is not Ingested { Report: var report } read)
        {
            var rejected = (IngestionRejected)outcome;
            logger.LogWarning("The focus report {Source} was not opened as a draft: {Code} ({Title})", source, rejected.Code, rejected.Title);
            return new DraftRefused(rejected.Code, rejected.Title, rejected.Detail, TryAgain: rejected.Code == FocusReportReader.Busy);
        }

        var id = ReviewIdFor(source);
        var draft = Proposed(ReportDraft.From(id, read, clock.Now));
        var result = await commands.HandleAsync(id, draft, expectedVersion: null, cancellationToken);
        if (result is CommandRefused { Rejection.Code: not RejectionCodes.AlreadyExists } refused)
        {
            logger.LogWarning("The focus report {Source} was read but its draft was refused: {Rejection}", source, refused.Rejection.Message);
            return new DraftRefused(refused.Rejection.Code, "The report's draft was refused.", refused.Rejection.Message, TryAgain: false);
        }
        var alreadyOpen = result is CommandRefused;
        await mail.SendAsync(await messages.DraftOpenedAsync(draft, report.QuestionCount, report.Areas.Count, clock.Now), cancellationToken);
        logger.LogInformation("The focus report {Source} is draft review {ReviewId} ({Questions} questions)", source, id, report.QuestionCount);
        return new DraftOpened(id, report.Title, alreadyOpen);
    }

    /// <summary>
    /// Nobody is there to say which panel, meeting and deadline: the draft proposes the configured panel, a meeting
    /// <see cref="FocusReportFeedOptions.WeeksToMeeting"/> weeks ahead and the last deadline that leaves its clear days.
    /// </summary>
    private DraftReview Proposed(DraftReview draft)
    {
        var settings = proposals.Value;
        var meeting = calendar.NextWorkingDayOnOrAfter(DateOnly.FromDateTime(draft.Now.DateTime).AddDays(7 * settings.WeeksToMeeting));
        // The decider's own rule, so the proposal is never one it refuses.
        var deadline = ChaseSchedule.LatestDeadline(meeting, options.Value.ClearWorkingDaysBeforeMeeting, calendar);
        return draft with { PanelName = settings.PanelName, PanelEmail = settings.PanelEmail ?? options.Value.TeamEmail, MeetingDate = meeting, Deadline = deadline };
    }

    /// <summary>The same source always names the same review, in the API's id format.</summary>
    public static string ReviewIdFor(string source) =>
        "rv-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..12];
}
