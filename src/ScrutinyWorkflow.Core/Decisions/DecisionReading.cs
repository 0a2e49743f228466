namespace ScrutinyWorkflow.Core.Decisions;

/// <summary>The outcome of reading decision statements out of a document's blocks.</summary>
public abstract record DecisionReading;

/// <summary>One or more statements, each a proposal to check; in the order the document gave them.</summary>
public sealed record DecisionsRead(IReadOnlyList<ProposedDecision> Decisions) : DecisionReading;

/// <summary>Why nothing could be proposed; <paramref name="Detail"/> says what was (or was not) found.</summary>
public sealed record DecisionsNotRead(DecisionReadFailure Failure, string Detail) : DecisionReading;

public enum DecisionReadFailure
{
    /// <summary>The document holds no text at all.</summary>
    NoText,

    /// <summary>Text, but nothing of a decision statement's shape: no reference, summary, or final decision.</summary>
    NotADecision,
}

/// <summary>One decision as a spreadsheet row gives it: each cell's text, null where the column is missing.</summary>
/// <param name="Remedies">The remedies, separated by semicolons or line breaks, each with its time limit in its words.</param>
public sealed record DecisionFields(string? Reference, string? DecisionDate, string? Council, string? Category, string? Outcome, string? Summary, string? Remedies);
