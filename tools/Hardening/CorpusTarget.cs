using System.Net.Http.Json;

namespace ScrutinyWorkflow.Hardening;

/// <summary>
/// What the corpus aims at, made through the API and the runner before the first case: review A asks Tom sixty
/// questions (answer cases each take their own); review B asks Siân one (its assignment is "another review's");
/// review C asked Tom one and was closed (its link has expired); draft D was never sent (the cross-site cases aim at
/// it, so one that got through would show); review E has script in its title and questions.
/// </summary>
internal sealed class CorpusTarget(HostUnderTest host)
{
    public const int Questions = 60;

    /// <summary>Text the host must never write to its log: every answer and draft the corpus sends starts with one of these.</summary>
    public const string AnswerMarker = "Private-answer-4c1f9e";
    public const string DraftMarker = "Private-draft-83b2d7";

    public HostUnderTest Host { get; } = host;

    public string ReviewA { get; private set; } = "";
    public string LinkA { get; private set; } = "";
    public string ReviewB { get; private set; } = "";
    public string LinkB { get; private set; } = "";
    public string LinkC { get; private set; } = "";
    public AnswerForm? FormC { get; private set; }
    public string DraftD { get; private set; } = "";
    public string ReviewE { get; private set; } = "";
    public string LinkE { get; private set; } = "";

    /// <summary>Reviews the corpus meant to create; any more in the list afterwards were left half-made.</summary>
    public int ReviewsCreated { get; set; }

    /// <summary>The tokens of every link the corpus was sent: secrets the log must not hold.</summary>
    public IEnumerable<string> Tokens => new[] { LinkA, LinkB, LinkC, LinkE }.Select(l => l[(l.LastIndexOf('/') + 1)..]);

    public async Task PrepareAsync(IReadOnlyList<string> injections)
    {
        ReviewA = await Host.CreateReviewAsync(Review("Corpus review A", Enumerable.Range(1, Questions).Select(n => ($"Question {n} for the corpus?", HostUnderTest.Tom))));
        ReviewB = await Host.CreateReviewAsync(Review("Corpus review B", [("Another review's question?", HostUnderTest.Head)]));
        var reviewC = await Host.CreateReviewAsync(Review("Corpus review C", [("A question that closes?", HostUnderTest.Tom)]));
        DraftD = await Host.CreateReviewAsync(Review("Corpus draft D", [("A draft's question?", HostUnderTest.Tom)]));
        ReviewE = await Host.CreateReviewAsync(Review($"Corpus review E {injections[0]}", injections.Select(i => ($"Is {i} shown as text?", HostUnderTest.Tom))));
        ReviewsCreated = 5;
        foreach (var id in new[] { ReviewA, ReviewB, reviewC, ReviewE })
        {
            Expect(await Host.PostJsonAsync($"/api/reviews/{id}/dispatch"), 202, $"dispatching {id}");
        }
        LinkA = await Host.LinkAsync(ReviewA, HostUnderTest.Tom);
        LinkE = await Host.LinkAsync(ReviewE, HostUnderTest.Tom);
        LinkB = await Host.LinkAsync(ReviewB, HostUnderTest.Head);
        LinkC = await Host.LinkAsync(reviewC, HostUnderTest.Tom);
        FormC = await Host.OpenFormAsync(LinkC, 0);
        Expect(await Host.PostJsonAsync($"/api/reviews/{reviewC}/close", new { reason = "Closed for the corpus" }), 202, "closing review C");
    }

    /// <summary>An answer's text: marked, so the log can be searched for it.</summary>
    public static string Answer(string text) => $"{AnswerMarker} {text}";

    /// <summary>A fresh browser's form under question <paramref name="question"/> of review A (wrapping round the sixty).</summary>
    public Task<AnswerForm> FormAsync(int question, string action = "submit") => Host.OpenFormAsync(LinkA, question % Questions, action);

    public async Task<HttpClient> UploaderAsync()
    {
        var client = Host.Client();
        var token = (await client.GetFromJsonAsync<Web.FocusReports.UploadToken>("/api/reviews/from-report"))!;
        client.DefaultRequestHeaders.Add(token.HeaderName, token.Token);
        return client;
    }

    public static object Review(string title, IEnumerable<(string Text, string Officer)> questions) => new
    {
        focusReport = new { title, published = "2020-12" },
        panel = new { name = "Children and Families Scrutiny Panel", email = "panel@council.example" },
        meetingDate = "2027-01-20",
        deadline = "2027-01-08",
        areas = new object[] { new { heading = "Corpus", questions = questions.Select(q => new { text = q.Text, officers = new[] { q.Officer } }).ToArray() } },
    };

    private static void Expect(System.Net.HttpStatusCode status, int expected, string what)
    {
        if ((int)status != expected)
        {
            throw new InvalidOperationException($"Preparing the corpus: {what} answered {(int)status}, not {expected}.");
        }
    }
}
