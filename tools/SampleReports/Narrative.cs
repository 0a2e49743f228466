namespace SampleReports;

/// <summary>Makes a long report out of a short one, for the benchmark: the narrative repeated, the questions once.</summary>
internal static class Narrative
{
    public static ReportSource Repeat(ReportSource source, int times)
    {
        var questions = source.Body.ToList().FindIndex(element => element is HeadingElement { OpensQuestions: true });
        var narrative = source.Body.Take(questions).ToList();
        var body = new List<Element>();
        for (var i = 0; i < times; i++)
        {
            body.AddRange(narrative);
        }
        body.AddRange(source.Body.Skip(questions));
        return source with { Body = body };
    }
}
