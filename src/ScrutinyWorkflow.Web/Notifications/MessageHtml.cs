using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using ScrutinyWorkflow.Core.Statements;
using ScrutinyWorkflow.Web.Statements;

namespace ScrutinyWorkflow.Web.Notifications;

/// <summary>
/// A message's two parts from one filled-in template: the HTML from Razor components (<see cref="AnswerView"/> for the
/// body, checked by the statement's sanitiser, inside <see cref="MessageView"/>), and the plain text from the same blocks.
/// </summary>
public sealed class MessageHtml(IServiceProvider services, ILoggerFactory loggers)
{
    public async Task<string> RenderAsync(string subject, RichText body)
    {
        // Components' services are scoped once Razor components are registered for the pages, and mail is composed
        // outside any request, so the renderer gets a scope of its own.
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var fragment = await renderer.RenderComponentAsync<AnswerView>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(AnswerView.Text)] = body }));
            var page = await renderer.RenderComponentAsync<MessageView>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MessageView.Subject)] = subject,
                [nameof(MessageView.Body)] = new MarkupString(StatementHtml.Sanitise(fragment.ToHtmlString())),
            }));
            return page.ToHtmlString();
        });
    }

    /// <summary>
    /// The text part: paragraphs a blank line apart, list items as "  * " with their later lines indented under them,
    /// and a link as "words: address" (just the address when the words are the address).
    /// </summary>
    public static string Text(RichText body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return string.Join("\r\n\r\n", body.Blocks.Select(b => Block(b, ""))) + "\r\n";
    }

    private static string Block(Block block, string indent) => block switch
    {
        Paragraph p => indent + Inlines(p.Inlines).ReplaceLineEndings("\r\n" + indent),
        ListBlock l => string.Join("\r\n", l.Items.Select((item, i) =>
        {
            var marker = l.Numbered ? $"{l.Start + i}. " : "* ";
            var text = string.Join("\r\n", item.Select(inner => Block(inner, "")));
            return indent + "  " + marker + text.ReplaceLineEndings("\r\n" + indent + "    ");
        })),
        TableBlock t => string.Join("\r\n", t.Rows.Select(r => indent + string.Join(" | ", r.Cells.Select(Inlines)))),
        _ => "",
    };

    private static string Inlines(IEnumerable<Inline> inlines) => string.Concat(inlines.Select(inline => inline switch
    {
        TextRun t => t.Text,
        LineBreak => "\n",
        Link l when Inlines(l.Inlines) is var words && words != l.Target.AbsoluteUri && words != l.Target.OriginalString => $"{words}: {l.Target.AbsoluteUri}",
        Link l => l.Target.AbsoluteUri,
        _ => "",
    }));
}
