using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ScrutinyWorkflow.Web.DeliveryReports;
using static ScrutinyWorkflow.Web.Tests.EndToEnd.AssuranceReviewScenario;

namespace ScrutinyWorkflow.Web.Tests.DeliveryReports;

/// <summary>
/// SendGrid's signed event webhook and Notify's callback, as the services send them, to the real host: a bounce
/// marks the officer undeliverable and tells the team once; anything forged, stale or unauthenticated records nothing.
/// </summary>
public sealed class DeliveryReportsTests : IAsyncLifetime, IDisposable
{
    private const string CallbackToken = "notify-callback-token-4f1e";

    private readonly TestWorld world = new();
    private readonly ECDsa sendGridKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private string reviewId = "";

    public async Task InitializeAsync()
    {
        world.Settings["Scrutiny:Mail:SendGrid:WebhookVerificationKey"] = Convert.ToBase64String(sendGridKey.ExportSubjectPublicKeyInfo());
        world.Settings["Scrutiny:Mail:Notify:CallbackToken"] = CallbackToken;
        reviewId = await CreateAndDispatchAsync(world.App);
        await SendRequestsAsync(world.App);
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    public void Dispose() => sendGridKey.Dispose();

    private string RequestTo(string email) => world.App.Mailbox.List().Single(m => m.To.Single().Contains(email, StringComparison.Ordinal)).MessageId;

    private static string Bounce(string email, string messageId, string kind = "bounce") => JsonSerializer.Serialize(new object[]
    {
        new Dictionary<string, object> { ["email"] = "head.of.service@council.example", ["event"] = "delivered", ["timestamp"] = 1765706400, ["message_id"] = messageId },
        new Dictionary<string, object> { ["email"] = email, ["event"] = kind, ["type"] = "bounce", ["reason"] = "550 5.1.1 The email account that you tried to reach does not exist", ["timestamp"] = 1765706400, ["message_id"] = messageId, ["sg_message_id"] = "abc.filter0001" },
    });

    private long Now => world.Clock.GetUtcNow().ToUnixTimeSeconds();

    private HttpRequestMessage Signed(string body, long timestamp, ECDsa? key = null, string? sentBody = null)
    {
        var time = timestamp.ToString(CultureInfo.InvariantCulture);
        var signature = (key ?? sendGridKey).SignData(Encoding.UTF8.GetBytes(time + body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var request = new HttpRequestMessage(HttpMethod.Post, DeliveryReportsApi.SendGridPath) { Content = new StringContent(sentBody ?? body, Encoding.UTF8, "application/json") };
        request.Headers.Add(DeliveryReportsApi.SignatureHeader, Convert.ToBase64String(signature));
        request.Headers.Add(DeliveryReportsApi.TimestampHeader, time);
        return request;
    }

    private async Task<List<string>> EventTypesAsync() =>
        [.. (await world.App.CreateClient().GetFromJsonAsync<JsonElement>($"/api/reviews/{reviewId}/events")).EnumerateArray().Select(e => e.GetProperty("type").GetString()!)];

    private List<Web.Mail.EmlMessage> TeamNotices() => [.. world.App.Mailbox.List().Where(m => m.Subject.Contains("could not be delivered", StringComparison.Ordinal))];

    [Fact]
    public async Task A_signed_sendgrid_bounce_marks_the_officer_undeliverable_and_tells_the_team_once()
    {
        var client = world.App.CreateClient();
        var body = Bounce(Tom, RequestTo(Tom));

        var first = await client.SendAsync(Signed(body, Now));
        var again = await client.SendAsync(Signed(body, Now));
        await world.App.RunRunnerAsync();

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Single(await EventTypesAsync(), t => t == "mail-undeliverable");
        var notice = Assert.Single(TeamNotices());
        Assert.Contains("scrutiny@council.example", notice.To.Single(), StringComparison.Ordinal);
        Assert.Contains("Tom Okafor (tom.okafor@council.example)", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("550 5.1.1 The email account that you tried to reach does not exist", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_tampered_stale_or_unsigned_sendgrid_report_is_refused_and_records_nothing()
    {
        var client = world.App.CreateClient();
        var body = Bounce(Tom, RequestTo(Tom));
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var unsigned = new HttpRequestMessage(HttpMethod.Post, DeliveryReportsApi.SendGridPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var garbled = Signed(body, Now);
        garbled.Headers.Remove(DeliveryReportsApi.SignatureHeader);
        garbled.Headers.Add(DeliveryReportsApi.SignatureHeader, "not base64 at all!");

        var forged = await client.SendAsync(Signed(body, Now, otherKey));
        var tampered = await client.SendAsync(Signed(body, Now, sentBody: Bounce(Zoe, RequestTo(Zoe))));
        var stale = await client.SendAsync(Signed(body, Now - 600));
        var early = await client.SendAsync(Signed(body, Now + 600));
        var none = await client.SendAsync(unsigned);
        var junk = await client.SendAsync(garbled);
        await world.App.RunRunnerAsync();

        Assert.Equal(
            [(HttpStatusCode.Unauthorized, "bad-signature"), (HttpStatusCode.Unauthorized, "bad-signature"), (HttpStatusCode.Unauthorized, "stale-report"),
             (HttpStatusCode.Unauthorized, "stale-report"), (HttpStatusCode.Unauthorized, "unsigned-report"), (HttpStatusCode.Unauthorized, "bad-signature")],
            [await CodeOf(forged), await CodeOf(tampered), await CodeOf(stale), await CodeOf(early), await CodeOf(none), await CodeOf(junk)]);
        Assert.DoesNotContain("mail-undeliverable", await EventTypesAsync());
        Assert.Empty(TeamNotices());
    }

    [Fact]
    public async Task A_notify_failure_callback_with_the_right_bearer_token_marks_the_officer_and_anything_else_records_nothing()
    {
        var client = world.App.CreateClient();
        object Receipt(string status) => new
        {
            id = "740e5834-3a29-46b4-9a6f-16142fde533a",
            reference = RequestTo(Zoe),
            to = Zoe,
            status,
            notification_type = "email",
            created_at = "2026-12-14T10:01:00.000000Z",
            completed_at = "2026-12-14T10:01:05.000000Z",
            sent_at = "2026-12-14T10:01:01.000000Z",
        };
        HttpRequestMessage Callback(string status, string? token)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, DeliveryReportsApi.NotifyPath) { Content = JsonContent.Create(Receipt(status)) };
            if (token is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }
            return request;
        }

        var wrong = await client.SendAsync(Callback("permanent-failure", "someone-elses-token"));
        var missing = await client.SendAsync(Callback("permanent-failure", null));
        var delivered = await client.SendAsync(Callback("delivered", CallbackToken));
        Assert.DoesNotContain("mail-undeliverable", await EventTypesAsync());
        var failed = await client.SendAsync(Callback("permanent-failure", CallbackToken));
        await world.App.RunRunnerAsync();

        Assert.Equal((HttpStatusCode.Unauthorized, "bad-bearer-token"), await CodeOf(wrong));
        Assert.Equal((HttpStatusCode.Unauthorized, "bad-bearer-token"), await CodeOf(missing));
        Assert.Equal(HttpStatusCode.NoContent, delivered.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, failed.StatusCode);
        Assert.Single(await EventTypesAsync(), t => t == "mail-undeliverable");
        Assert.Contains("Zoë Fairbrother (zoe.fairbrother@council.example)", Assert.Single(TeamNotices()).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_report_that_is_not_sendgrids_json_is_a_400_and_one_for_a_message_not_ours_is_ignored()
    {
        var client = world.App.CreateClient();

        var unreadable = await client.SendAsync(Signed("{\"not\":\"an array\"}", Now));
        var foreign = await client.SendAsync(Signed(Bounce(Tom, "some-other-system-id"), Now));
        await world.App.RunRunnerAsync();

        Assert.Equal((HttpStatusCode.BadRequest, "unreadable-report"), await CodeOf(unreadable));
        Assert.Equal(HttpStatusCode.NoContent, foreign.StatusCode);
        Assert.DoesNotContain("mail-undeliverable", await EventTypesAsync());
    }

    private static async Task<(HttpStatusCode, string?)> CodeOf(HttpResponseMessage response) =>
        (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
}
