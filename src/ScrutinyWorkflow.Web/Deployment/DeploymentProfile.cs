using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace ScrutinyWorkflow.Web.Deployment;

/// <summary>Which process the product runs in.</summary>
public enum ProductHost
{
    /// <summary>The ASP.NET Core web host (<c>dotnet run</c>): Kestrel, background services for timers and jobs.</summary>
    WebHost,

    /// <summary>The Azure Functions isolated worker: requests through HTTP triggers, jobs on timer triggers.</summary>
    FunctionsWorker,
}

public enum ReviewRuntime
{
    Embedded,
    Durable,
}

public enum SignInMode
{
    Local,
    EntraId,
}

public enum MailProvider
{
    Outbox,
    SendGrid,
    Graph,
    Notify,
    Smtp,
}

public enum DirectoryProvider
{
    File,
    Graph,
}

public enum FilingTarget
{
    Folder,
    Blob,
    SharePoint,
}

/// <summary>
/// What a deployment is, decided once from configuration before anything is registered: which host, whether it runs
/// in Azure, the review runtime, the storage account and how it is reached, how staff sign in, and which mail, directory
/// and filing services it uses. Every <c>AddX</c> receives this rather than reading configuration itself, so a choice
/// is made in one place and an unsafe combination stops the host before it starts (<see cref="Problems"/>).
/// A value these choices do not know is read as its default here and named by its section's own check at start.
/// </summary>
public sealed record DeploymentProfile(
    ProductHost Host,
    bool InAzure,
    bool IsDevelopment,
    ReviewRuntime Runtime,
    StorageAccount Storage,
    SignInMode SignIn,
    MailProvider Mail,
    DirectoryProvider Directory,
    FilingTarget Filing)
{
    /// <summary>
    /// Set by App Service and Azure Functions on every instance they run, and by nothing on a developer's machine (Core
    /// Tools does not set it), so its presence means the process is reachable from outside whatever it binds to.
    /// </summary>
    public const string AzureInstanceVariable = "WEBSITE_INSTANCE_ID";

    public bool IsDurable => Runtime == ReviewRuntime.Durable;

    /// <summary>The web host runs its own timers and jobs; the Functions worker has timer triggers for them.</summary>
    public bool RunsBackgroundJobs => Host == ProductHost.WebHost;

    /// <summary>The profile of the host <paramref name="builder"/> makes.</summary>
    public static DeploymentProfile Read(IHostApplicationBuilder builder, ProductHost host)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Read(builder.Configuration, host, builder.Environment.IsDevelopment());
    }

    public static DeploymentProfile Read(IConfiguration configuration, ProductHost host, bool isDevelopment = false)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var unknown = new List<string>();
        T Choice<T>(string key, T fallback)
            where T : struct, Enum
        {
            var value = configuration[key];
            if (string.IsNullOrWhiteSpace(value))
            {
                return fallback;
            }
            if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
            {
                return parsed;
            }
            unknown.Add($"{key} '{value}' must be one of {string.Join(", ", Enum.GetNames<T>())}.");
            return fallback;
        }

        var runtime = Choice("Scrutiny:Runtime", ReviewRuntime.Embedded);
        return new DeploymentProfile(
            host,
            InAzure: !string.IsNullOrEmpty(configuration[AzureInstanceVariable]),
            isDevelopment,
            runtime,
            new StorageAccount(Blank(configuration["Scrutiny:Storage:ConnectionString"]), Blank(configuration["Scrutiny:Storage:AccountName"])),
            Choice("Scrutiny:SignIn:Mode", SignInMode.Local),
            Choice("Scrutiny:Mail:Provider", MailProvider.Outbox),
            Choice("Scrutiny:Directory:Provider", DirectoryProvider.File),
            Choice("Scrutiny:Filing:Target", runtime == ReviewRuntime.Durable ? FilingTarget.Blob : FilingTarget.Folder))
        {
            Unknown = unknown,
        };
    }

    /// <summary>Choices configuration names that no deployment has, each read as its default until refused.</summary>
    public IReadOnlyList<string> Unknown { get; private init; } = [];

    /// <summary>
    /// Combinations no council should run, each with what to change. In Local mode nobody signs in and every request
    /// is the scrutiny officer, so it is a developer's own machine or nothing: never in Azure, never in the Functions
    /// worker outside Development (its host, not this process, decides who can reach it).
    /// </summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>(Unknown);
        if (SignIn == SignInMode.Local && InAzure)
        {
            problems.Add(
                "Scrutiny:SignIn:Mode is Local (nobody signs in; every request is the scrutiny officer), but this process runs in Azure " +
                $"({AzureInstanceVariable} is set). Set Scrutiny:SignIn:Mode to EntraId with the AzureAd settings (README, \"Running in Azure\").");
        }
        else if (SignIn == SignInMode.Local && Host == ProductHost.FunctionsWorker && !IsDevelopment)
        {
            problems.Add(
                "Scrutiny:SignIn:Mode is Local (nobody signs in; every request is the scrutiny officer), which the Functions app allows only " +
                "on a developer's machine (AZURE_FUNCTIONS_ENVIRONMENT=Development). Set Scrutiny:SignIn:Mode to EntraId (README, \"Signing in\").");
        }
        return problems;
    }

    /// <summary>Stops the host with every problem named, before anything is registered.</summary>
    public DeploymentProfile ThrowIfUnsafe() => Problems() is { Count: > 0 } problems
        ? throw new InvalidOperationException("This deployment cannot start:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "- " + p)))
        : this;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>
/// The storage account the Durable runtime, the sent-mail record and filing share: by <c>AccountName</c> with the app's
/// managed identity in Azure (no key anywhere), or by <c>ConnectionString</c> locally (Azurite).
/// </summary>
public sealed record StorageAccount(string? ConnectionString, string? AccountName)
{
    public bool IsNamed => ConnectionString is not null || AccountName is not null;

    public TableServiceClient Tables() =>
        ConnectionString is { } connection ? new TableServiceClient(connection) : new TableServiceClient(Endpoint("table"), AppIdentity.Credential());

    public BlobServiceClient Blobs() =>
        ConnectionString is { } connection ? new BlobServiceClient(connection) : new BlobServiceClient(Endpoint("blob"), AppIdentity.Credential());

    private Uri Endpoint(string service) => AccountName is { } name
        ? new($"https://{name}.{service}.core.windows.net")
        : throw new InvalidOperationException("Scrutiny:Storage:ConnectionString or Scrutiny:Storage:AccountName must name the storage account.");
}
