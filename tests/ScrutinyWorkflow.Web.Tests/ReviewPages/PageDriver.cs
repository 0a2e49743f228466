using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ScrutinyWorkflow.Web.Tests.ReviewPages;

/// <summary>
/// A browser without a browser: opens pages, and posts their forms as a browser would (every field the form has,
/// with its antiforgery token and cookie, and the button pressed), without following the redirect.
/// </summary>
internal sealed class PageDriver(HttpClient client)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Client { get; } = client;

    public async Task<IHtmlDocument> OpenAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {path} answered {response.StatusCode}, not {expected}: {html[..Math.Min(html.Length, 2000)]}");
        return Parser.ParseDocument(html);
    }

    /// <summary>Posts the form (the one holding <paramref name="button"/>, or matching <paramref name="formSelector"/>) with these fields changed.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(IHtmlDocument page, string formSelector, IReadOnlyDictionary<string, string>? fields = null,
        (string Name, string Value)? button = null, (string Name, string FileName, byte[] Content)? file = null)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement;
        Assert.True(form is not null, $"The page has no form {formSelector}.");
        var values = Fields(form, fields);
        if (button is { } pressed)
        {
            values.Add((pressed.Name, pressed.Value));
        }
        var action = form.GetAttribute("action")!;
        if (form.Enctype == "multipart/form-data")
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (name, value) in values)
            {
                multipart.Add(new StringContent(value), name);
            }
            if (file is { } chosen)
            {
                multipart.Add(new ByteArrayContent(chosen.Content), chosen.Name, chosen.FileName);
            }
            return await Client.PostAsync(action, multipart);
        }
        return await Client.PostAsync(action, new FormUrlEncodedContent(values.Select(v => KeyValuePair.Create(v.Name, v.Value))));
    }

    /// <summary>Follows a 303 as a browser would and parses the page it leads to.</summary>
    public async Task<IHtmlDocument> FollowAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.SeeOther, $"Expected 303 See Other, got {response.StatusCode}: {body[..Math.Min(body.Length, 3000)]}");
        return await OpenAsync(response.Headers.Location!.OriginalString);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) => Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>The error summary's messages, each with the field it links to.</summary>
    public static IReadOnlyList<(string Href, string Text)> Errors(IDocument page) =>
        [.. page.QuerySelectorAll(".govuk-error-summary__list li").Select(li => (li.QuerySelector("a")?.GetAttribute("href") ?? "", li.TextContent.Trim()))];

    private static List<(string Name, string Value)> Fields(IHtmlFormElement form, IReadOnlyDictionary<string, string>? changes)
    {
        var values = new List<(string Name, string Value)>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "hidden" or "text" or "email" } input when !string.IsNullOrEmpty(input.Name):
                    values.Add((input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement textarea when !string.IsNullOrEmpty(textarea.Name):
                    values.Add((textarea.Name, textarea.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values.Add((select.Name, select.Value ?? ""));
                    break;
                default:
                    break;
            }
        }
        foreach (var (name, value) in changes ?? new Dictionary<string, string>())
        {
            values.RemoveAll(v => v.Name == name);
            values.Add((name, value));
        }
        return values;
    }
}
