using System.ComponentModel.DataAnnotations;
using ScrutinyWorkflow.Core.Reviews;

namespace ScrutinyWorkflow.Web.Hosting;

/// <summary>The "Scrutiny" configuration section. See README for each setting and local.settings.sample.json for a sample.</summary>
public sealed class ScrutinyOptions : IValidatableObject
{
    public const string Section = "Scrutiny";

    /// <summary>The data folder for the embedded runtime (SQLite file, outbox, filed statements), relative to the content root.</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    /// <summary>The officer directory file (.json or .csv), relative to the content root, when the directory is a file.</summary>
    public string DirectoryPath { get; set; } = "";

    /// <summary>The address people reach the product at. Links in emails are built from it, never from a request's Host header.</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>The scrutiny team's mailbox: messages come from it, and escalations for officers with no manager go to it.</summary>
    [Required]
    public string TeamEmail { get; set; } = "";

    public string TeamName { get; set; } = "Scrutiny Team";

    /// <summary>The council's name, in every page's header in place of a crown (the service is the council's, not GOV.UK's).</summary>
    [Required, StringLength(80, MinimumLength = 2)]
    public string CouncilName { get; set; } = "Your council";

    /// <summary>The council's time zone: reminders go at 09:00 local time and deadlines end at local midnight.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>Reminders, this many working days before the deadline (default 5 and 2).</summary>
    public int[]? ReminderWorkingDaysBefore { get; set; }

    /// <summary>Escalation to the officer's manager, this many working days before the deadline (0: on the deadline day).</summary>
    [Range(0, 30)]
    public int EscalationWorkingDaysBefore { get; set; }

    /// <summary>The local time of day chasers are sent, "HH:mm".</summary>
    public string ChaseTimeOfDay { get; set; } = "09:00";

    /// <summary>
    /// The local time of day, "HH:mm", an assembled statement nobody has released goes to the panel, on the last
    /// working day agenda papers can still be published.
    /// </summary>
    public string ReleaseTimeOfDay { get; set; } = "09:00";

    /// <summary>Clear working days required between the deadline and the meeting (agenda papers go out five clear days before).</summary>
    [Range(0, 60)]
    public int ClearWorkingDaysBeforeMeeting { get; set; } = 5;

    /// <summary>Extra days the council is closed (e.g. a newly proclaimed bank holiday), as yyyy-MM-dd.</summary>
    public DateOnly[]? ExtraNonWorkingDays { get; set; }

    [Range(100, 1_000_000)]
    public int MaxAnswerLength { get; set; } = 50_000;

    /// <summary>The largest focus report upload accepted, in bytes (50 MB by default).</summary>
    [Range(1024, 1L << 30)]
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>How long reading one uploaded report may take before it is refused (a 40-page report takes about 0.1 s).</summary>
    public TimeSpan IngestionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Uploaded reports read at once; one more is asked to try again, so uploads cannot exhaust memory together.</summary>
    [Range(1, 64)]
    public int MaxConcurrentIngestions { get; set; } = 2;

    /// <summary>Optional base64 key (32 bytes) that response-link tokens are made with; generated into the data folder when absent.</summary>
    public string? LinkKey { get; set; }

    public RunnerOptions Runner { get; set; } = new();

    /// <summary>What runs reviews: "Embedded" (SQLite and local folders, one machine) or "Durable" (Azure Storage).</summary>
    public string Runtime { get; set; } = "Embedded";

    public StorageOptions Storage { get; set; } = new();

    public DurableOptions Durable { get; set; } = new();

    public bool IsDurable => Runtime.Equals("Durable", StringComparison.OrdinalIgnoreCase);

    /// <summary>How long a person's receipt waits for their next answer, so answers sent together get one receipt (5 minutes).</summary>
    public TimeSpan ReceiptQuietPeriod { get; set; } = ReviewPolicy.Default.ReceiptQuietPeriod;

    public ReviewPolicy ToPolicy() => new(
        ReminderWorkingDaysBefore ?? [.. ReviewPolicy.Default.ReminderWorkingDaysBefore],
        EscalationWorkingDaysBefore,
        TimeOnly.ParseExact(ChaseTimeOfDay, "HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ClearWorkingDaysBeforeMeeting,
        MaxAnswerLength,
        TimeOnly.ParseExact(ReleaseTimeOfDay, "HH:mm", System.Globalization.CultureInfo.InvariantCulture))
    {
        ReceiptQuietPeriod = ReceiptQuietPeriod,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult($"Scrutiny:PublicBaseUrl '{PublicBaseUrl}' must be an absolute http(s) URL.", [nameof(PublicBaseUrl)]);
        }
        if (!Core.Reviews.EmailAddress.IsValid(TeamEmail))
        {
            yield return new ValidationResult($"Scrutiny:TeamEmail '{TeamEmail}' is not an address mail can be sent from (name@council.gov.uk).", [nameof(TeamEmail)]);
        }
        if (!TimeOnly.TryParseExact(ChaseTimeOfDay, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            yield return new ValidationResult($"Scrutiny:ChaseTimeOfDay '{ChaseTimeOfDay}' must be a time as HH:mm.", [nameof(ChaseTimeOfDay)]);
        }
        if (!TimeOnly.TryParseExact(ReleaseTimeOfDay, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            yield return new ValidationResult($"Scrutiny:ReleaseTimeOfDay '{ReleaseTimeOfDay}' must be a time as HH:mm.", [nameof(ReleaseTimeOfDay)]);
        }
        if (ReminderWorkingDaysBefore is { } reminders && reminders.Any(d => d is < 1 or > 60))
        {
            yield return new ValidationResult("Scrutiny:ReminderWorkingDaysBefore must hold whole numbers from 1 to 60.", [nameof(ReminderWorkingDaysBefore)]);
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"Scrutiny:TimeZone '{TimeZone}' is not a time zone this machine knows.", [nameof(TimeZone)]);
        }
        if (IngestionTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Scrutiny:IngestionTimeout must be a positive time span, e.g. 00:00:30.", [nameof(IngestionTimeout)]);
        }
        if (!IsDurable && !Runtime.Equals("Embedded", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Scrutiny:Runtime '{Runtime}' must be Embedded or Durable.", [nameof(Runtime)]);
        }
        if (IsDurable && string.IsNullOrWhiteSpace(Storage.ConnectionString) && string.IsNullOrWhiteSpace(Storage.AccountName))
        {
            yield return new ValidationResult("Scrutiny:Storage:ConnectionString (or, in Azure, Scrutiny:Storage:AccountName) must name the storage account when Scrutiny:Runtime is Durable.", [nameof(Storage)]);
        }
        if (IsDurable && !System.Text.RegularExpressions.Regex.IsMatch(Durable.TaskHub, "^[A-Za-z][A-Za-z0-9]{2,44}$"))
        {
            yield return new ValidationResult($"Scrutiny:Durable:TaskHub '{Durable.TaskHub}' must be 3 to 45 letters and digits, starting with a letter.", [nameof(Durable)]);
        }
        // Data annotations are not checked on nested settings, so the runner's are checked here.
        if (Runner.PollSeconds is < 1 or > 3600)
        {
            yield return new ValidationResult($"Scrutiny:Runner:PollSeconds {Runner.PollSeconds} must be from 1 to 3600 (seconds between the runner's looks; 0 would keep a core busy).", [nameof(Runner)]);
        }
        if (Runner.MailConcurrency is < 1 or > 64)
        {
            yield return new ValidationResult($"Scrutiny:Runner:MailConcurrency {Runner.MailConcurrency} must be from 1 to 64 (emails written at once; 0 would never send any).", [nameof(Runner)]);
        }
        if (LinkKey is { Length: > 0 } key && (!IsBase64(key, out var bytes) || bytes < 32))
        {
            yield return new ValidationResult("Scrutiny:LinkKey must be base64 of at least 32 random bytes.", [nameof(LinkKey)]);
        }
    }

    private static bool IsBase64(string text, out int length)
    {
        var buffer = new byte[text.Length];
        var ok = Convert.TryFromBase64String(text, buffer, out length);
        return ok;
    }
}

public sealed class RunnerOptions
{
    /// <summary>Whether the background runner (scheduler and outbox dispatcher) runs in this process.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the runner looks for due timers and pending effects.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 15;

    /// <summary>How many emails the runner writes at once; it still never sends one twice.</summary>
    [Range(1, 64)]
    public int MailConcurrency { get; set; } = 8;
}

public sealed class StorageOptions
{
    /// <summary>The Azure Storage account the Durable runtime keeps its task hub, read side and statements in (Key Vault in Azure).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>In Azure: the account's name, reached with the app's managed identity (DefaultAzureCredential) instead of a connection string.</summary>
    public string? AccountName { get; set; }
}

public sealed class DurableOptions
{
    /// <summary>The task hub: every web host (or Function App) naming the same one shares the same reviews.</summary>
    public string TaskHub { get; set; } = "scrutiny";

    /// <summary>
    /// The longest the engine waits between looks at its queues when they are empty (it looks again at once while they
    /// are busy). Nobody waits on it: commands are recorded where they arrive, so this only delays a due reminder or a
    /// wake-up by at most this much, and each second less costs about 1,800 more storage transactions an hour at rest.
    /// </summary>
    public int MaxPollingSeconds { get; set; } = 10;
}
