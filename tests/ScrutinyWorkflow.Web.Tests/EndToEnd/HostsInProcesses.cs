namespace ScrutinyWorkflow.Web.Tests.EndToEnd;

/// <summary>Tests that start hosts as processes of their own run alone, so the rest of the suite does not starve them, nor they it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostsInProcesses
{
    public const string Name = "Hosts in processes";
}
