using System.Net;
using Microsoft.AspNetCore.Http;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Tests;
using ScrutinyWorkflow.Web.Tests.SignIn;

namespace ScrutinyWorkflow.Functions.Tests.Http;

/// <summary>
/// Behind the Functions host every request comes from loopback; the caller the platform names is the one the app
/// believes, so address rules (the sent-mail pages, per-address limits) keep their meaning.
/// </summary>
public sealed class CallerAddressTests
{
    [Fact]
    public async Task On_a_developers_machine_the_sent_mail_pages_open_to_a_request_from_the_host_with_no_caller_named()
    {
        using var data = new TemporaryFolder();
        await using var functions = await FunctionsWorker.StartAsync(data.Path);

        var answer = await functions.SendAsync((f, r) => f.Pages(r, FunctionsWorker.Durable), "GET", "/mail", from: IPAddress.Loopback);

        Assert.Equal(StatusCodes.Status200OK, answer.Status);
    }

    [Theory]
    [InlineData("203.0.113.9")]
    [InlineData("127.0.0.1, 203.0.113.9")]
    [InlineData("203.0.113.9:50123")]
    public async Task A_caller_the_platform_names_behind_the_host_is_that_caller_not_loopback(string forwardedFor)
    {
        using var data = new TemporaryFolder();
        await using var functions = await FunctionsWorker.StartAsync(data.Path);

        var answer = await functions.SendAsync(
            (f, r) =>
            {
                r.Headers["X-Forwarded-For"] = forwardedFor;
                return f.Pages(r, FunctionsWorker.Durable);
            },
            "GET", "/mail", from: IPAddress.Loopback);

        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
    }

    [Fact]
    public async Task A_forwarded_address_from_anyone_but_the_host_is_not_believed()
    {
        using var data = new TemporaryFolder();
        await using var functions = await FunctionsWorker.StartAsync(data.Path);

        var answer = await functions.SendAsync(
            (f, r) =>
            {
                r.Headers["X-Forwarded-For"] = "127.0.0.1";
                return f.Pages(r, FunctionsWorker.Durable);
            },
            "GET", "/mail", from: IPAddress.Parse("198.51.100.20"));

        Assert.Equal(StatusCodes.Status404NotFound, answer.Status);
    }

    [Fact]
    public async Task In_azure_there_are_no_sent_mail_pages_even_for_a_signed_in_officer_on_loopback()
    {
        using var data = new TemporaryFolder();
        await using var entra = await LocalOpenIdIssuer.StartAsync();
        await using var functions = await FunctionsWorker.StartSignedInAsync(data.Path, entra, new Dictionary<string, string?> { [DeploymentProfile.AzureInstanceVariable] = "0123abcd" });
        var token = "Bearer " + entra.AccessToken(TestUser.Officer);

        var mail = await functions.SendAsync((f, r) => { r.Headers.Authorization = token; return f.Pages(r, FunctionsWorker.Durable); }, "GET", "/mail", from: IPAddress.Loopback);
        var reviews = await functions.SendAsync((f, r) => { r.Headers.Authorization = token; return f.Api(r, FunctionsWorker.Durable); }, "GET", "/api/reviews", from: IPAddress.Loopback);

        Assert.Equal(StatusCodes.Status404NotFound, mail.Status);
        Assert.Equal(StatusCodes.Status200OK, reviews.Status);
    }
}
