using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Hosting;

namespace ScrutinyWorkflow.Web.Tests.Pages;

/// <summary>A page component rendered to HTML as the host renders it, for tests that read its markup without a host.</summary>
internal static class PageHtml
{
    public static async Task<string> RenderAsync<TPage>(IDictionary<string, object?> parameters) where TPage : IComponent
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(Options.Create(new ScrutinyOptions { CouncilName = "Test Council", TeamEmail = "scrutiny@council.example" }))
            .BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TPage>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    /// <summary>The page's main landmark: what the page says, without the layout's header, scripts and footer.</summary>
    public static string MainOf(string page)
    {
        var start = page.IndexOf("<main", StringComparison.Ordinal);
        var end = page.IndexOf("</main>", StringComparison.Ordinal);
        return start >= 0 && end > start ? page[start..(end + "</main>".Length)] : throw new InvalidOperationException("The page has no main landmark.");
    }
}
