namespace ScrutinyWorkflow.Web.Links;

/// <summary>
/// Where a response link points: a review and the person it was made for (<c>Respondent.Key</c>). Only the SHA-256
/// of a link token is ever stored.
/// </summary>
public sealed record LinkTarget(string ReviewId, string RespondentKey);

/// <summary>A link to index, by the hash of its token, written in the same transaction as the events that made it.</summary>
public sealed record IndexedLink(string TokenHash, string RespondentKey);

/// <summary>Finds the assignment a response link was made for, by the hash of its token.</summary>
public interface ILinkIndex
{
    Task<LinkTarget?> FindAsync(string tokenHash, CancellationToken cancellationToken);
}
