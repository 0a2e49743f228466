namespace ScrutinyWorkflow.Core.Reviews;

/// <summary>
/// Why a question's officers were proposed: the routing rule that chose them (or the default owner when none
/// matched), and what in the question made it match, in plain English, so the scrutiny officer can judge the
/// proposal before anything is sent. A question whose officers she chose herself has none.
/// </summary>
public sealed record RoutingChoice(string Rule, string Reason);
