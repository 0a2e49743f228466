using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Mail;

namespace ScrutinyWorkflow.Web.Tests.Mail;

/// <summary>Which adapter Scrutiny:Mail:Provider chooses, and the settings each one needs before the host may start.</summary>
public sealed class MailProviderTests : IDisposable
{
    private readonly TemporaryFolder temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Without_settings_mail_goes_into_the_folder_of_eml_files()
    {
        await MailServices.Sender(temp.Path, new Dictionary<string, string?>()).SendAsync(Mails.Request(), CancellationToken.None);

        Assert.EndsWith(".eml", Mails.OnlyFile(temp.Combine("mail")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("delivered-mail")));
    }

    [Theory]
    [InlineData("Pigeon", null, null, "Scrutiny:Mail:Provider 'Pigeon' must be one of Outbox, SendGrid, Graph, Notify, Smtp")]
    [InlineData("SendGrid", null, null, "Scrutiny:Mail:SendGrid:ApiKey must be set")]
    [InlineData("SendGrid", "Scrutiny:Mail:SendGrid:BaseUrl", "http://sendgrid.example", "Scrutiny:Mail:SendGrid:BaseUrl 'http://sendgrid.example' must be an https URL")]
    [InlineData("Notify", "Scrutiny:Mail:Notify:ApiKey", "not-a-key", "Scrutiny:Mail:Notify:ApiKey must be a GOV.UK Notify API key")]
    [InlineData("Notify", null, null, "Scrutiny:Mail:Notify:TemplateId must be the id")]
    [InlineData("Graph", null, null, "Scrutiny:Mail:Graph:Mailbox must be the shared mailbox's address")]
    [InlineData("Smtp", null, null, "Scrutiny:Mail:Smtp:Host must name the council's mail relay")]
    [InlineData("Smtp", "Scrutiny:Mail:Smtp:UserName", "scrutiny-app", "Scrutiny:Mail:Smtp:UserName and Password must be set together")]
    [InlineData("Outbox", "Scrutiny:Mail:From", "not an address", "Scrutiny:Mail:From 'not an address' is not an email address")]
    public void A_missing_or_bad_setting_is_named_at_start(string provider, string? key, string? value, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Scrutiny:Mail:Provider"] = provider };
        if (key is not null)
        {
            settings[key] = value;
        }

        var failure = Assert.Throws<OptionsValidationException>(() => MailServices.Build(temp.Path, settings).GetRequiredService<IOptions<MailOptions>>().Value);

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_Notify_configuration_passes()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Scrutiny:Mail:Provider"] = "Notify",
            ["Scrutiny:Mail:Notify:ApiKey"] = FakeNotify.ApiKey,
            ["Scrutiny:Mail:Notify:TemplateId"] = FakeNotify.TemplateId,
        };

        Assert.Equal("Notify", MailServices.Build(temp.Path, settings).GetRequiredService<IOptions<MailOptions>>().Value.Provider);
    }
}
