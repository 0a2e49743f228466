using System.Net;
using Microsoft.AspNetCore.Http;
using ScrutinyWorkflow.Web.Tests.EndToEnd;

namespace ScrutinyWorkflow.Web.Tests.Mail;

public sealed class OutboxPagesTests
{
    private static async Task<HttpContext> GetAsync(ScrutinyApplication app, string path, IPAddress caller) =>
        await app.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = path;
            context.Connection.RemoteIpAddress = caller;
        });

    [Fact]
    public async Task The_outbox_shows_sent_mail_to_someone_on_this_machine_and_nothing_to_anyone_else()
    {
        await using var world = new TestWorld();
        await AssuranceReviewScenario.CreateAndDispatchAsync(world.App);
        await AssuranceReviewScenario.SendRequestsAsync(world.App);
        var message = world.App.Mailbox.List()[0].FileName;

        foreach (var path in new[] { "/outbox", $"/outbox/{message}", $"/outbox/{message}/raw" })
        {
            Assert.Equal(StatusCodes.Status200OK, (await GetAsync(world.App, path, IPAddress.Loopback)).Response.StatusCode);
            Assert.Equal(StatusCodes.Status200OK, (await GetAsync(world.App, path, IPAddress.IPv6Loopback)).Response.StatusCode);
            Assert.Equal(StatusCodes.Status404NotFound, (await GetAsync(world.App, path, IPAddress.Parse("203.0.113.7"))).Response.StatusCode);
        }
    }
}
