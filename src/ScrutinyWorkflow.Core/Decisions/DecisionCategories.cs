namespace ScrutinyWorkflow.Core.Decisions;

/// <summary>
/// The Ombudsman's categories of complaint about councils, and words that point to each, for statements that give no
/// category (the PDF form does not; the web page does). A guess from words is always marked for checking.
/// </summary>
internal static class DecisionCategories
{
    private static readonly (string Category, string[] Words)[] Clues =
    [
        ("Adult care services", ["adult social care", "care home", "home care", "care package", "care act", "care and support", "residential care", "care provider", "direct payment", "carer's assessment", "deferred payment", "care charges"]),
        ("Children's care services", ["children's services", "child protection", "looked after", "foster", "special guardian", "child in need", "children’s services", "care leaver"]),
        ("Education", ["education", "school", "ehc plan", "education, health and care", "special educational needs", "sen ", "admission appeal", "home to school transport", "alternative provision", "tuition"]),
        ("Housing", ["homeless", "housing", "allocation", "tenancy", "temporary accommodation", "disrepair", "housing register", "bed and breakfast", "disabled facilities grant"]),
        ("Benefits and tax", ["council tax", "housing benefit", "business rates", "council tax reduction", "discretionary housing payment", "benefit overpayment"]),
        ("Planning and development", ["planning", "planning permission", "enforcement notice", "building control", "planning application"]),
        ("Highways and transport", ["highway", "parking", "penalty charge", "blue badge", "pothole", " road", "bus pass", "traffic"]),
        ("Environment and regulation", ["noise", "refuse", "bin collection", " bins", "rubbish", "recycling", "waste", "fly-tipping", "pest", "environmental health", "licensing", "anti-social behaviour", "antisocial behaviour", "statutory nuisance"]),
    ];

    /// <summary>The category whose words come first in <paramref name="text"/>; null when none do.</summary>
    public static string? Guess(string text)
    {
        var lower = text.ToLowerInvariant();
        string? best = null;
        var bestAt = int.MaxValue;
        foreach (var (category, words) in Clues)
        {
            foreach (var word in words)
            {
                var at = lower.IndexOf(word, StringComparison.Ordinal);
                if (at >= 0 && at < bestAt)
                {
                    (best, bestAt) = (category, at);
                }
            }
        }
        return best;
    }
}
