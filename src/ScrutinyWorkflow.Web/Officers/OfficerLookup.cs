using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.Officers;

public static class OfficerLookup
{
    /// <summary>
    /// The directory entries for the addresses named, and for their managers, who may be escalated to. Addresses that
    /// are not addresses, or not in the directory, are left for the decider to name as problems.
    /// </summary>
    public static async Task<IReadOnlyList<Officer>> FindWithManagersAsync(this IOfficerDirectory directory, IEnumerable<string?> emails, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Officer>();
        foreach (var email in emails.OfType<string>().Select(Officer.NormaliseEmail).Where(EmailAddress.IsValid).Distinct())
        {
            if (await directory.FindAsync(email, cancellationToken) is not { } officer)
            {
                continue;
            }
            found[email] = officer;
            if (officer.ManagerEmail is { } managerEmail && !found.ContainsKey(Officer.NormaliseEmail(managerEmail)) && await directory.FindAsync(managerEmail, cancellationToken) is { } manager)
            {
                found[Officer.NormaliseEmail(managerEmail)] = manager;
            }
        }
        return [.. found.Values];
    }
}
