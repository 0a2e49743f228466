using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Deployment;
using ScrutinyWorkflow.Web.Engine;
using ScrutinyWorkflow.Web.Hosting;
using ScrutinyWorkflow.Web.Officers;

namespace ScrutinyWorkflow.Web.Tests.Hosting;

/// <summary>
/// Start-up checks, on a plain host built with the product's own registrations. (WebApplicationFactory sometimes
/// reports a failed start as ObjectDisposedException, which would hide the message these tests are about.)
/// </summary>
public sealed class StartupTests
{
    private static WebApplication Host(string dataPath, params (string Key, string Value)[] settings)
    {
        Directory.CreateDirectory(dataPath);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataPath, EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scrutiny:DataPath"] = dataPath,
            ["Scrutiny:DirectoryPath"] = Path.Combine(ScrutinyApplication.RepositoryRoot(), "samples", "directory.json"),
            ["Scrutiny:PublicBaseUrl"] = ScrutinyApplication.PublicBaseUrl,
            ["Scrutiny:TeamEmail"] = "scrutiny@council.example",
            ["Scrutiny:Runner:Enabled"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value));
        builder.AddScrutinyHosting();
        builder.AddEmbeddedReviewEngine();
        builder.AddOfficerDirectory(DeploymentProfile.Read(builder, ProductHost.WebHost));
        return builder.Build();
    }

    [Fact]
    public async Task Good_configuration_starts()
    {
        await using var world = new TestWorld();
        await using var host = Host(world.DataPath);

        await host.StartAsync();
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Scrutiny:PublicBaseUrl", "not a url", "PublicBaseUrl")]
    [InlineData("Scrutiny:ChaseTimeOfDay", "nine", "ChaseTimeOfDay")]
    [InlineData("Scrutiny:TeamEmail", "", "TeamEmail")]
    [InlineData("Scrutiny:TeamEmail", "scrutiny@localhost", "TeamEmail")]
    [InlineData("Scrutiny:TimeZone", "Mars/Olympus_Mons", "TimeZone")]
    [InlineData("Scrutiny:ReleaseTimeOfDay", "noon", "ReleaseTimeOfDay")]
    [InlineData("Scrutiny:Runtime", "Cloudy", "Runtime")]
    [InlineData("Scrutiny:Runner:PollSeconds", "0", "PollSeconds")]
    [InlineData("Scrutiny:Runner:PollSeconds", "-5", "PollSeconds")]
    [InlineData("Scrutiny:Runner:MailConcurrency", "0", "MailConcurrency")]
    public async Task Bad_configuration_stops_the_host_at_start_with_the_setting_named(string key, string value, string named)
    {
        await using var world = new TestWorld();
        await using var host = Host(world.DataPath, (key, value));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_durable_runtime_without_a_storage_account_stops_the_host_with_the_setting_named()
    {
        await using var world = new TestWorld();
        await using var host = Host(world.DataPath, ("Scrutiny:Runtime", "Durable"), ("Scrutiny:Durable:TaskHub", "x"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Scrutiny:Storage:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("Scrutiny:Durable:TaskHub", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_directory_with_no_file_named_stops_the_host_saying_to_name_one_or_use_graph()
    {
        await using var world = new TestWorld();
        await using var host = Host(world.DataPath, ("Scrutiny:DirectoryPath", ""));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Scrutiny:DirectoryPath must name the officer directory file", error.Message, StringComparison.Ordinal);
        Assert.Contains("Graph", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_file_with_a_mistake_stops_the_host_with_the_line_to_fix()
    {
        await using var world = new TestWorld();
        Directory.CreateDirectory(world.DataPath);
        var directory = Path.Combine(world.DataPath, "directory.csv");
        await File.WriteAllTextAsync(directory, "email,name,designation,manager\nann@council.example,,Head of Service,\n");
        await using var host = Host(world.DataPath, ("Scrutiny:DirectoryPath", directory));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => host.StartAsync());

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_written_by_a_newer_version_stops_the_host_and_is_left_alone()
    {
        await using var world = new TestWorld();
        Directory.CreateDirectory(world.DataPath);
        var database = Path.Combine(world.DataPath, "scrutiny.db");
        await ExecuteAsync(database, "PRAGMA user_version = 99;");
        var before = await File.ReadAllBytesAsync(database);
        await using var host = Host(world.DataPath);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("99", error.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, await File.ReadAllBytesAsync(database));
    }

    [Fact]
    public async Task A_database_damaged_part_way_through_stops_the_host_naming_the_file_and_what_to_do()
    {
        await using var world = new TestWorld();
        Directory.CreateDirectory(world.DataPath);
        var database = Path.Combine(world.DataPath, "scrutiny.db");
        await ExecuteAsync(database, "CREATE TABLE padding (id INTEGER PRIMARY KEY, filler BLOB); " +
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400) INSERT INTO padding SELECT i, zeroblob(900) FROM n;");
        var bytes = await File.ReadAllBytesAsync(database);
        Array.Fill(bytes, (byte)0xA5, bytes.Length / 3, bytes.Length / 3);
        await File.WriteAllBytesAsync(database, bytes);
        await using var host = Host(world.DataPath);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => host.StartAsync());

        Assert.Contains(database, error.Message, StringComparison.Ordinal);
        Assert.Contains("restore", error.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
