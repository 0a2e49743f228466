using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ScrutinyWorkflow.Functions.Reviews;

namespace ScrutinyWorkflow.Functions.Http;

/// <summary>
/// The JSON API and the pages, one function per route group so the Functions host lists each with its routes; each
/// hands the request to the web host's pipeline. Anonymous at the Functions level: the product checks who may do
/// what itself (signed links for officers, sign-in for staff), as the web host does.
/// </summary>
public sealed class HttpFunctions(WebPipeline web, IServiceProvider services)
{
    public const string ApiRoute = "api/{*path}";
    public const string RespondRoute = "respond/{*path}";
    public const string PagesRoute = "{*path}";

    [Function("Api")]
    public Task<IActionResult> Api(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", Route = ApiRoute)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => DispatchAsync(request, durable);

    [Function("Respond")]
    public Task<IActionResult> Respond(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = RespondRoute)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => DispatchAsync(request, durable);

    [Function("Pages")]
    public Task<IActionResult> Pages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = PagesRoute)] HttpRequest request,
        [DurableClient] DurableTaskClient durable) => DispatchAsync(request, durable);

    private async Task<IActionResult> DispatchAsync(HttpRequest request, DurableTaskClient durable)
    {
        ArgumentNullException.ThrowIfNull(request);
        (services.GetService(typeof(DurableClientSlot)) as DurableClientSlot)?.Use(durable);
        await web.DispatchAsync(request.HttpContext);
        // The web host's handler has written the response; nothing more to add.
        return new EmptyResult();
    }
}
