namespace ScrutinyWorkflow.Core.Reviews;

public sealed partial class ReviewDecider
{
    /// <summary>
    /// A revised question that names an existing one keeps that one's source in the report (unless the edit gives
    /// one) and the rule that proposed its officers, while the officers are still the ones proposed: once the
    /// scrutiny officer changes them, the choice is hers.
    /// </summary>
    private static QuestionInput Kept(QuestionInput revised, Question existing)
    {
        var sameOfficers = revised.OfficerEmails.Select(Officer.NormaliseEmail).Order(StringComparer.Ordinal)
            .SequenceEqual(existing.OfficerEmails.Order(StringComparer.Ordinal));
        return revised with
        {
            Source = revised.Source ?? existing.Source,
            RoutedBy = revised.RoutedBy ?? (sameOfficers ? existing.RoutedBy : null),
        };
    }

    /// <summary>Names the question in words as well as by id, so she can find it on the page without counting.</summary>
    private static string NobodyToAnswer(string heading, Question question)
    {
        const int Shown = 80;
        var text = question.Text.Length <= Shown ? question.Text : question.Text[..Shown].TrimEnd() + "\u2026";
        return $"Question {question.QuestionId} under \u201c{heading}\u201d (\u201c{text}\u201d) has nobody to answer it: name an officer or team mailbox for it, then send the review.";
    }
}
