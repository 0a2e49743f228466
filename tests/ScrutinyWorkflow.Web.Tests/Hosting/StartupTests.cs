using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using ScrutinyWorkflow.Web.Tests.EndToEnd;

namespace ScrutinyWorkflow.Web.Tests.Hosting;

public sealed class StartupTests
{
    [Theory]
    [InlineData("Scrutiny:PublicBaseUrl", "not a url", "PublicBaseUrl")]
    [InlineData("Scrutiny:ChaseTimeOfDay", "nine", "ChaseTimeOfDay")]
    [InlineData("Scrutiny:TeamEmail", "", "TeamEmail")]
    [InlineData("Scrutiny:TeamEmail", "scrutiny@localhost", "TeamEmail")]
    [InlineData("Scrutiny:TimeZone", "Mars/Olympus_Mons", "TimeZone")]
    public async Task Bad_configuration_stops_the_host_at_start_with_the_setting_named(string key, string value, string named)
    {
        await using var world = new TestWorld();
        await using var app = new ScrutinyApplication(world.DataPath, world.Clock).WithWebHostBuilder(b => b.UseSetting(key, value));

        var error = Assert.Throws<OptionsValidationException>(() => app.Server);

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_file_with_a_mistake_stops_the_host_with_the_line_to_fix()
    {
        await using var world = new TestWorld();
        Directory.CreateDirectory(world.DataPath);
        var directory = Path.Combine(world.DataPath, "directory.csv");
        await File.WriteAllTextAsync(directory, "email,name,designation,manager\nann@council.example,,Head of Service,\n");
        await using var app = new ScrutinyApplication(world.DataPath, world.Clock).WithWebHostBuilder(b => b.UseSetting("Scrutiny:DirectoryPath", directory));

        var error = Assert.ThrowsAny<Exception>(() => app.Services.GetService(typeof(Web.Officers.IOfficerDirectory)));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }
}
