using Ganss.Xss;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Documents.Statements;

namespace ScrutinyWorkflow.Web.Statements;

/// <summary>
/// The position statement as a standalone HTML page, rendered from Razor components. Each answer is rendered on its
/// own and passed through HtmlSanitizer, which lets only the elements an answer can have (paragraphs, lists,
/// emphasis, links to web and mail addresses, simple tables) through: even a fault upstream cannot put script or an
/// unsafe link in the panel's papers.
/// </summary>
public sealed class StatementHtml(IServiceProvider services, ILoggerFactory loggers)
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public async Task<string> RenderAsync(StatementPaper paper)
    {
        // A scope of its own: the pages' Razor component services (navigation, persisted state) are scoped, and a
        // renderer on the root provider would be refused them.
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var page = await renderer.RenderComponentAsync<StatementView>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(StatementView.Paper)] = paper,
                [nameof(StatementView.Answers)] = await AnswersAsync(renderer, paper.Answers),
            }));
            return page.ToHtmlString();
        });
    }

    /// <summary>The monthly decisions paper as a standalone page, its learning answers rendered and sanitised as a statement's are.</summary>
    public async Task<string> RenderAsync(DecisionsPaper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var page = await renderer.RenderComponentAsync<DecisionsPaperView>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(DecisionsPaperView.Paper)] = paper,
                [nameof(DecisionsPaperView.Answers)] = await AnswersAsync(renderer, paper.Answers),
            }));
            return page.ToHtmlString();
        });
    }

    /// <summary>Every answer in the statement as its page shows it, by question: for a page that shows the statement within its own.</summary>
    public Task<IReadOnlyDictionary<string, MarkupString>> RenderAnswersAsync(StatementPaper paper) => RenderAnswersAsync(paper.Answers);

    /// <summary>Every learning answer in the decisions paper as its page shows it, by question.</summary>
    public Task<IReadOnlyDictionary<string, MarkupString>> RenderAnswersAsync(DecisionsPaper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        return RenderAnswersAsync(paper.Answers);
    }

    private async Task<IReadOnlyDictionary<string, MarkupString>> RenderAnswersAsync(IReadOnlyDictionary<string, RichText> texts)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(() => AnswersAsync(renderer, texts));
    }

    private static async Task<IReadOnlyDictionary<string, MarkupString>> AnswersAsync(HtmlRenderer renderer, IReadOnlyDictionary<string, RichText> texts)
    {
        var answers = new Dictionary<string, MarkupString>(StringComparer.Ordinal);
        foreach (var (questionId, text) in texts)
        {
            answers[questionId] = await AnswerAsync(renderer, text);
        }
        return answers;
    }

    /// <summary>
    /// One answer, written in the documented Markdown, exactly as the panel's statement shows it: the officer's page
    /// previews and checks an answer through this, so what they see is what the panel gets.
    /// </summary>
    public async Task<MarkupString> RenderAnswerAsync(string markdown)
    {
        var text = AnswerMarkdown.Parse(markdown);
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(() => AnswerAsync(renderer, text));
    }

    private static async Task<MarkupString> AnswerAsync(HtmlRenderer renderer, RichText text)
    {
        var fragment = await renderer.RenderComponentAsync<AnswerView>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(AnswerView.Text)] = text }));
        return new MarkupString(Sanitise(fragment.ToHtmlString()));
    }

    /// <summary>An answer's HTML with everything an answer may not have taken out.</summary>
    public static string Sanitise(string html) => Sanitizer.Sanitize(html);

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "br", "strong", "em", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href", "start", "scope"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
        };
        return new HtmlSanitizer(options);
    }
}
