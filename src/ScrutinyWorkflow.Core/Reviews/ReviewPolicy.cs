namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>
/// The council's rules for running a review, from configuration. Recorded into the events where they
/// shape a review (the chase schedule), so changing configuration never rewrites a running review's past.
/// </summary>
public sealed record ReviewPolicy(
    IReadOnlyList<int> ReminderWorkingDaysBefore,
    int EscalationWorkingDaysBefore,
    TimeOnly ChaseTimeOfDay,
    int ClearWorkingDaysBeforeMeeting,
    int MaxAnswerLength,
    TimeOnly ReleaseTimeOfDay)
{
    /// <summary>
    /// Reminders 5 and 2 working days before the deadline, escalation on the deadline day, chasers sent at
    /// 09:00, and five clear working days between the deadline and the meeting, because agenda papers must be
    /// published five clear days before it. An assembled statement nobody has released goes to the panel at 09:00 on
    /// the last day papers can still be published.
    /// </summary>
    public static ReviewPolicy Default { get; } = new([5, 2], 0, new TimeOnly(9, 0), 5, 50_000, new TimeOnly(9, 0));

    /// <summary>The shortest time between two reminders the scrutiny officer sends an officer by hand.</summary>
    public static TimeSpan ManualReminderInterval { get; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a person's receipt waits after their last answer for the next one, so an officer who answers eight
    /// questions in four minutes gets one receipt listing eight references rather than eight emails.
    /// </summary>
    public TimeSpan ReceiptQuietPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest a receipt waits after the first answer it acknowledges, however steadily more arrive.</summary>
    public TimeSpan ReceiptLongestWait { get; init; } = TimeSpan.FromMinutes(30);
}
