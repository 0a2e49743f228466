using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Links;

namespace ScrutinyWorkflow.Web.Tests.Links;

/// <summary>Response links under a key ring: rotation keeps old links working, retirement withdraws them, and nothing else passes.</summary>
public sealed class ResponseLinksTests : IDisposable
{
    private const string Review = "rv-0a1b2c3d4e5f";
    private const string OtherReview = "rv-ffeeddccbbaa";
    private static readonly Respondent Tom = new("tom.okafor@council.example");
    private static readonly Respondent Zoe = new("zoe.fairbrother@council.example");

    private readonly TemporaryFolder data = new();
    private readonly LinkIndex index = new();

    public void Dispose() => data.Dispose();

    private LinkKeys Keys(LinksOptions? configured = null, string? linkKey = null) =>
        LinkKeys.Load(new ScrutinyOptions { LinkKey = linkKey }, configured ?? new LinksOptions(), data.Path, NullLogger<LinkKeys>.Instance);

    private static ResponseLinks Links(LinkKeys keys) => new(keys, Options.Create(new ScrutinyOptions { PublicBaseUrl = "https://scrutiny.council.example" }));

    /// <summary>The link index as the store keeps it: entries written when people are first asked.</summary>
    private sealed class LinkIndex : ILinkIndex
    {
        private readonly Dictionary<string, LinkTarget> entries = [];

        public void Add(ResponseLinks links, string reviewId, params Respondent[] people)
        {
            var asked = people.Select((p, i) => (ReviewEvent)new RequestSent($"A{i + 1}", "Q1", p.Email, DateTimeOffset.UnixEpoch));
            foreach (var link in links.IndexFor(reviewId, asked, ReviewState.Initial))
            {
                entries[link.TokenHash] = new LinkTarget(reviewId, link.RespondentKey);
            }
        }

        public void AddHash(string hash, LinkTarget target) => entries[hash] = target;

        public Task<LinkTarget?> FindAsync(string tokenHash, CancellationToken cancellationToken) => Task.FromResult(entries.GetValueOrDefault(tokenHash));
    }

    private async Task<LinkCheck> CheckAsync(ResponseLinks links, string token) => await links.CheckAsync(token, index, CancellationToken.None);

    [Fact]
    public async Task A_rotated_key_still_verifies_links_made_before_and_signs_new_ones_with_the_new_key()
    {
        var keys = Keys();
        var links = Links(keys);
        index.Add(links, Review, Tom);
        var before = links.TokenFor(Review, Tom);

        var rotated = keys.Rotate(DateTimeOffset.UnixEpoch);
        var after = links.TokenFor(Review, Tom);

        Assert.Equal("k1", rotated.Id);
        Assert.StartsWith("k0.", before, StringComparison.Ordinal);
        Assert.StartsWith("k1.", after, StringComparison.Ordinal);
        Assert.Equal(new LinkValid(new LinkTarget(Review, Tom.Key), "k0"), await CheckAsync(links, before));
        Assert.Equal(new LinkValid(new LinkTarget(Review, Tom.Key), "k1"), await CheckAsync(links, after));
        // The same person's link id whatever signs it, so a reminder after the rotation needs no new index entry.
        Assert.Equal(before.Split('.')[1], after.Split('.')[1]);
    }

    [Fact]
    public async Task A_retired_keys_links_are_withdrawn_while_the_current_keys_work_and_the_host_remembers_after_a_restart()
    {
        var keys = Keys();
        var links = Links(keys);
        index.Add(links, Review, Tom);
        var old = links.TokenFor(Review, Tom);
        keys.Rotate(DateTimeOffset.UnixEpoch);
        var fresh = links.TokenFor(Review, Tom);

        Assert.Equal(RetireOutcome.Current, keys.Retire("k1", DateTimeOffset.UnixEpoch));
        Assert.Equal(RetireOutcome.Unknown, keys.Retire("k7", DateTimeOffset.UnixEpoch));
        Assert.Equal(RetireOutcome.Retired, keys.Retire("k0", DateTimeOffset.UnixEpoch));
        Assert.Equal(RetireOutcome.AlreadyRetired, keys.Retire("k0", DateTimeOffset.UnixEpoch));

        Assert.Equal(new LinkWithdrawn(new LinkTarget(Review, Tom.Key), "k0"), await CheckAsync(links, old));
        Assert.IsType<LinkValid>(await CheckAsync(links, fresh));
        var restarted = Links(Keys());
        Assert.IsType<LinkWithdrawn>(await CheckAsync(restarted, old));
        Assert.Equal(fresh, restarted.TokenFor(Review, Tom));
    }

    [Fact]
    public async Task A_forged_signature_a_token_spliced_from_another_review_or_person_and_a_cut_short_token_are_not_recognised()
    {
        var keys = Keys();
        var links = Links(keys);
        index.Add(links, Review, Tom, Zoe);
        index.Add(links, OtherReview, Tom);
        var tom = links.TokenFor(Review, Tom);
        var parts = tom.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}";
        var otherReview = links.TokenFor(OtherReview, Tom).Split('.');
        var zoe = links.TokenFor(Review, Zoe).Split('.');
        keys.Rotate(DateTimeOffset.UnixEpoch);
        var signedByK1 = links.TokenFor(Review, Tom).Split('.')[2];

        Assert.IsType<LinkValid>(await CheckAsync(links, tom));
        string[] refused =
            [
            forged,
            $"{parts[0]}.{otherReview[1]}.{parts[2]}",
            $"{parts[0]}.{parts[1]}.{otherReview[2]}",
            $"{parts[0]}.{zoe[1]}.{parts[2]}",
            $"k0.{parts[1]}.{signedByK1}",
            tom[..^1],
            tom[..40],
            tom + "A",
            parts[1],
            "",
            "k0..",
            tom.Replace('.', '/'),
            ];
        foreach (var token in refused)
        {
            Assert.True(await CheckAsync(links, token) is LinkNotRecognised, $"'{token}' was not refused.");
        }
    }

    [Fact]
    public async Task Links_sent_before_key_ids_keep_working_after_the_upgrade_until_the_first_key_is_retired()
    {
        // A data folder as the previous version left it: its link.key, and index entries keyed by the SHA-256 of each
        // token, which was HMAC-SHA256(link.key, "respond/v2/{review}/{person}").
        var key = RandomNumberGenerator.GetBytes(32);
        await File.WriteAllTextAsync(data.Combine("link.key"), Convert.ToBase64String(key));
        var legacy = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"respond/v2/{Review}/{Tom.Key}"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        index.AddHash(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(legacy))), new LinkTarget(Review, Tom.Key));

        var keys = Keys();
        var links = Links(keys);

        Assert.True(File.Exists(data.Combine(LinkKeys.RingFileName)));
        Assert.Equal(new LinkValid(new LinkTarget(Review, Tom.Key), "k0"), await CheckAsync(links, legacy));
        // A reminder now carries the new form of link, found through the same index entry.
        Assert.IsType<LinkValid>(await CheckAsync(links, links.TokenFor(Review, Tom)));
        var forgedLegacy = (legacy[0] == 'A' ? "B" : "A") + legacy[1..];
        Assert.IsType<LinkNotRecognised>(await CheckAsync(links, forgedLegacy));

        keys.Rotate(DateTimeOffset.UnixEpoch);
        keys.Retire("k0", DateTimeOffset.UnixEpoch);
        Assert.IsType<LinkWithdrawn>(await CheckAsync(links, legacy));
        Assert.IsType<LinkValid>(await CheckAsync(links, links.TokenFor(Review, Tom)));
    }

    [Fact]
    public void A_lost_or_replaced_link_key_stops_the_host_instead_of_breaking_every_link_already_sent()
    {
        Keys();
        File.WriteAllText(data.Combine("link.key"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        var error = Assert.Throws<InvalidOperationException>(() => Keys());

        Assert.Contains("is not the one this data's response links were made with", error.Message, StringComparison.Ordinal);
        Assert.Contains("retire keys instead", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_from_configuration_sign_with_the_one_named_current_and_withdraw_the_retired_ones()
    {
        var first = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var before = Links(Keys(linkKey: first));
        index.Add(before, Review, Tom);
        var old = before.TokenFor(Review, Tom);
        var configured = new LinksOptions
        {
            Keys = new() { ["k2027"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
            CurrentKeyId = "k2027",
            RetiredKeyIds = ["k0"],
        };
        Assert.Empty(configured.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(configured)));

        var keys = Keys(configured, first);
        var links = Links(keys);

        Assert.False(keys.KeptInDataFolder);
        Assert.StartsWith("k2027.", links.TokenFor(Review, Tom), StringComparison.Ordinal);
        Assert.IsType<LinkValid>(await CheckAsync(links, links.TokenFor(Review, Tom)));
        Assert.IsType<LinkWithdrawn>(await CheckAsync(links, old));
        Assert.Throws<InvalidOperationException>(() => keys.Rotate(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Configured_keys_that_cannot_work_are_named_at_start()
    {
        var problems = new LinksOptions
        {
            Keys = new() { ["K 1"] = "short", ["k2"] = "c2hvcnQ=" },
            CurrentKeyId = "k3",
            RetiredKeyIds = ["k9"],
        };

        var messages = problems.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(problems)).Select(r => r.ErrorMessage!).ToList();

        Assert.Contains(messages, m => m.Contains("Scrutiny:Links:Keys:K 1", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Scrutiny:Links:Keys:k2 must be base64 of at least 32", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("CurrentKeyId", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("k9", StringComparison.Ordinal));
    }
}
