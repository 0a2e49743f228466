using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace ScrutinyWorkflow.Functions.Hosting;

/// <summary>
/// The web host's environment, as the pages' Razor components ask for it, made from the worker's own: the worker is
/// a generic host, so nothing else says where the pages' web root is (wwwroot beside the app, as in the web host).
/// </summary>
internal sealed class WorkerWebEnvironment : IWebHostEnvironment
{
    public WorkerWebEnvironment(IHostEnvironment host)
    {
        ApplicationName = host.ApplicationName;
        EnvironmentName = host.EnvironmentName;
        ContentRootPath = host.ContentRootPath;
        ContentRootFileProvider = host.ContentRootFileProvider;
        WebRootPath = Path.Combine(host.ContentRootPath, "wwwroot");
        WebRootFileProvider = Directory.Exists(WebRootPath) ? new PhysicalFileProvider(WebRootPath) : new NullFileProvider();
    }

    public string ApplicationName { get; set; }

    public string EnvironmentName { get; set; }

    public string ContentRootPath { get; set; }

    public IFileProvider ContentRootFileProvider { get; set; }

    public string WebRootPath { get; set; }

    public IFileProvider WebRootFileProvider { get; set; }
}
