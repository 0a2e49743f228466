using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Recommendations;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Notifications;

/// <summary>
/// The messages about follow-ups: the panel's recommendations and the remedies agreed with the Ombudsman. The owner's
/// link is their one link for the review (a manager's, after an escalation, is theirs on the owner's behalf), so the
/// same page shows their questions and what they owe.
/// </summary>
public sealed partial class ReviewMessages
{
    private Task<OutgoingMail> FollowUpAsync(string id, ReviewState review, FollowUpEffect e, DateTimeOffset now)
    {
        var followUp = review.FollowUps[e.FollowUpId];
        return e.Effect switch
        {
            SendUpdateRequest r => ToOwner(id, review, followUp, r.OwnerEmail, "follow-up-request", now),
            SendUpdateReminder r => ToOwner(id, review, followUp, r.OwnerEmail, "follow-up-reminder", now),
            SendUpdateDateNotice r => ToOwner(id, review, followUp, r.OwnerEmail, "follow-up-date-changed", now),
            SendUpdateEscalation r => FollowUpEscalation(id, review, followUp, r, now),
            SendUpdateReceived r => UpdateReceived(id, review, followUp, r.Round, now),
            Core.Recommendations.SendClosedNotice r => ToOwner(id, review, followUp, r.OwnerEmail, "follow-up-closed", now, link: false,
                ("closure", followUp.Closed!.Closure.Describe()), ("note", followUp.Closed.Note)),
            SendHandedOnNotice r => ToOwner(id, review, followUp, r.FormerOwnerEmail, "follow-up-handed-on", now, link: false,
                ("new_owner", new Dictionary<string, object?> { ["name"] = followUp.Owner!.Name })),
            var other => throw new ArgumentOutOfRangeException(nameof(e), other.GetType().Name, "This follow-up effect is not an email."),
        };
    }

    private Task<OutgoingMail> ToOwner(string id, ReviewState review, RecommendationState followUp, string ownerEmail, string template, DateTimeOffset now, bool link = true, params (string Name, object? Value)[] extra)
    {
        var owner = OwnerOrAddress(review, followUp, ownerEmail);
        var model = FollowUpModel(review, followUp, owner);
        if (link)
        {
            model["link"] = links.UrlFor(review.ReviewId, new Respondent(owner.Email));
        }
        foreach (var (name, value) in extra)
        {
            model[name] = value;
        }
        return Mail(id, [Address(owner)], [], template, model, now);
    }

    private Task<OutgoingMail> FollowUpEscalation(string id, ReviewState review, RecommendationState followUp, SendUpdateEscalation e, DateTimeOffset now)
    {
        var owner = OwnerOrAddress(review, followUp, e.OwnerEmail);
        var manager = e.ManagerEmail is { } managerEmail ? review.OfficerOrAddress(managerEmail) : null;
        var model = FollowUpModel(review, followUp, owner);
        model["manager"] = new Dictionary<string, object?> { ["name"] = manager?.Name ?? "" };
        model["link"] = manager is null ? "" : links.UrlFor(review.ReviewId, new Respondent(manager.Email, owner.Email));
        return Mail(id, [manager is null ? Team : Address(manager)], [Address(owner)], "follow-up-escalation", model, now);
    }

    private Task<OutgoingMail> UpdateReceived(string id, ReviewState review, RecommendationState followUp, int round, DateTimeOffset now)
    {
        var update = followUp.Rounds.FirstOrDefault(r => r.Round == round)?.Update ?? followUp.LatestUpdate!;
        var model = FollowUpModel(review, followUp, followUp.Owner!);
        model["follow_up"] = FollowUpFields(review, followUp, round);
        model["update"] = new Dictionary<string, object?>
        {
            ["text"] = update.Text,
            ["progress"] = update.Progress == RecommendationProgress.Done ? "done" : "in progress",
            ["by"] = update.ByScrutinyTeam ? settings.TeamName : OwnerOrAddress(review, followUp, update.By).Name,
        };
        model["link"] = Page(review, "");
        return Mail(id, [Team], [], "follow-up-update-received", model, now);
    }

    private Dictionary<string, object?> FollowUpModel(ReviewState review, RecommendationState followUp, Officer owner)
    {
        var model = Common(review);
        model["officer"] = OfficerModel(owner);
        model["follow_up"] = FollowUpFields(review, followUp, followUp.CurrentRound?.Round ?? 1);
        return model;
    }

    private static Dictionary<string, object?> FollowUpFields(ReviewState review, RecommendationState followUp, int round) => new()
    {
        ["kind"] = FollowUpIds.IsRemedy(followUp.RecommendationId) ? "remedy" : "recommendation",
        ["text"] = followUp.Text,
        ["decision"] = review.DecisionOfRemedy(followUp.RecommendationId)?.Reference ?? "",
        ["due"] = followUp.Rounds.FirstOrDefault(r => r.Round == round) is { } awaited ? LongDate.FormatWithDay(awaited.Due) : "",
        ["round"] = round,
    };

    /// <summary>The owner as the follow-up recorded them (the directory's entry when it was made), or the review's record of the address.</summary>
    private static Officer OwnerOrAddress(ReviewState review, RecommendationState followUp, string email) =>
        followUp.Owner is { } owner && owner.Email == email ? owner : review.OfficerOrAddress(email);

}
