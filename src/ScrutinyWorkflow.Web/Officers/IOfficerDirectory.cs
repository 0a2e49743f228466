using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.Officers;

/// <summary>Who works for the council: name, designation (job title) and manager, by email address; who is away; who matches a name.</summary>
public interface IOfficerDirectory
{
    /// <summary>The officer with this address (case-insensitive), or null when the directory has no such person.</summary>
    Task<Officer?> FindAsync(string email, CancellationToken cancellationToken);

    /// <summary>The officer's automatic replies ("out of office"), or null when they have none on or the directory cannot tell.</summary>
    Task<AutomaticReplies?> FindAutomaticRepliesAsync(string email, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> officers whose name or address contains the text, for picking who answers a question.</summary>
    Task<IReadOnlyList<Officer>> SearchAsync(string text, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// An officer's automatic replies: on until further notice (no <see cref="Until"/>), or on between two times. An
/// officer away past a review's deadline is one the scrutiny officer should hear about before dispatch.
/// </summary>
public sealed record AutomaticReplies(DateTimeOffset? From, DateTimeOffset? Until)
{
    public bool AwayAt(DateTimeOffset time) => (From is null || From <= time) && (Until is null || time < Until);

    /// <summary>Away on some day before <paramref name="end"/> and not back until it: their answer cannot be counted on by then.</summary>
    public bool AwayUntilAfter(DateTimeOffset end) => (From is null || From < end) && (Until is null || Until >= end);
}
