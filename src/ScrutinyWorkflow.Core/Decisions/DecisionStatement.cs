namespace ScrutinyWorkflow.Core.Decisions;

/// <summary>What the Ombudsman found, in the words its decisions use.</summary>
public enum DecisionFinding
{
    /// <summary>"Fault causing injustice": upheld, usually with remedies.</summary>
    UpheldWithInjustice,

    /// <summary>"Fault, but it did not cause injustice": upheld (the Ombudsman counts any fault as upheld), rarely with remedies.</summary>
    FaultWithoutInjustice,

    /// <summary>"No fault": not upheld.</summary>
    NotUpheld,

    /// <summary>Closed after initial enquiries, or an investigation discontinued: no finding on the merits.</summary>
    NotInvestigated,

    /// <summary>The council had not had the chance to answer the complaint through its own procedure first.</summary>
    Premature,
}

/// <summary>The kinds of remedy the Ombudsman recommends, as the decisions paper groups them.</summary>
public enum RemedyKind
{
    Apology,

    /// <summary>A payment: for distress, time and trouble, or money lost. Its amount is read where given.</summary>
    FinancialRedress,

    /// <summary>A review or change of a procedure, policy or practice (the service improvement the panel looks for).</summary>
    ProcedureChange,

    /// <summary>Training for staff, or a reminder to them of what they should do.</summary>
    StaffTraining,
    Other,
}

public static class DecisionFindings
{
    /// <summary>The Ombudsman calls a complaint upheld when it found fault, whether or not that caused injustice.</summary>
    public static bool IsUpheld(this DecisionFinding finding) => finding is DecisionFinding.UpheldWithInjustice or DecisionFinding.FaultWithoutInjustice;

    public static string Describe(this DecisionFinding finding) => finding switch
    {
        DecisionFinding.UpheldWithInjustice => "Upheld: fault causing injustice",
        DecisionFinding.FaultWithoutInjustice => "Upheld: fault, no injustice",
        DecisionFinding.NotUpheld => "Not upheld: no fault",
        DecisionFinding.NotInvestigated => "Not investigated",
        _ => "Premature",
    };

    public static string Describe(this RemedyKind kind) => kind switch
    {
        RemedyKind.Apology => "Apology",
        RemedyKind.FinancialRedress => "Payment",
        RemedyKind.ProcedureChange => "Procedure or policy change",
        RemedyKind.StaffTraining => "Training or reminder to staff",
        _ => "Other action",
    };
}

/// <summary>
/// A value read from a decision statement, with why it deserves a check ("Check this") when it could not be read
/// with confidence. <see cref="Doubt"/> is null when it read cleanly; a value that could not be read at all is
/// default with a doubt saying so.
/// </summary>
public sealed record ReadValue<T>(T Value, string? Doubt = null)
{
    public bool IsDoubtful => Doubt is not null;
}

/// <summary>One remedy proposed from a statement's agreed action.</summary>
/// <param name="Text">The action as the statement words it, its lead-in ("Within one month ... the Council will") left off.</param>
/// <param name="Amount">For a payment, the amount in pounds; null when none could be read.</param>
/// <param name="Due">The date it is due by, from "within one month of the final decision" or a date given; null when none could be read.</param>
/// <param name="DueWording">The words the date was worked out from, so the scrutiny officer can check the sum.</param>
/// <param name="Doubt">What to check about this remedy; null when it read cleanly.</param>
public sealed record ProposedRemedy(RemedyKind Kind, string Text, decimal? Amount, DateOnly? Due, string? DueWording, string? Doubt = null);

/// <summary>
/// One decision statement as read: a proposal the scrutiny officer checks field by field before anything is asked
/// of a service, never used as it is.
/// </summary>
public sealed record ProposedDecision(
    ReadValue<string?> Reference,
    ReadValue<DateOnly?> DecisionDate,
    ReadValue<string?> Council,
    ReadValue<string?> Category,
    ReadValue<DecisionFinding?> Finding,
    ReadValue<string?> Summary,
    IReadOnlyList<ProposedRemedy> Remedies,
    int? Page = null)
{
    /// <summary>How many of its fields (remedies included) are marked for checking.</summary>
    public int DoubtCount =>
        new[] { Reference.IsDoubtful, DecisionDate.IsDoubtful, Council.IsDoubtful, Category.IsDoubtful, Finding.IsDoubtful, Summary.IsDoubtful }.Count(d => d)
        + Remedies.Count(r => r.Doubt is not null);
}
