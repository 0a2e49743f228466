using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.Officers;

/// <summary>Who works for the council: name, designation (job title) and manager, by email address.</summary>
public interface IOfficerDirectory
{
    /// <summary>The officer with this address (case-insensitive), or null when the directory has no such person.</summary>
    Task<Officer?> FindAsync(string email, CancellationToken cancellationToken);
}
