using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using ScrutinyWorkflow.Workflow;

namespace ScrutinyWorkflow.Functions.Reviews;

/// <summary>
/// The Durable extension hands each function its <see cref="DurableTaskClient"/> as a binding, not through the
/// container: every trigger that sends commands takes the binding and leaves it here for the services it calls.
/// The extension keeps one client per task hub and connection, so the latest one is as good as any.
/// </summary>
public sealed class DurableClientSlot
{
    private DurableTaskClient? client;

    public DurableTaskClient Client =>
        Volatile.Read(ref client) ?? throw new InvalidOperationException("No function has been given the Durable client yet: every trigger that sends commands takes [DurableClient] and calls Use.");

    public void Use(DurableTaskClient durable) => Volatile.Write(ref client, durable);
}

public static class FunctionsReviewEngine
{
    /// <summary>
    /// In Azure (<c>Scrutiny:Runtime</c> Durable) each review's clock is the Durable extension's orchestration: the
    /// product's composition registers what the engine's hosts share, and this the client the extension hands the triggers.
    /// </summary>
    public static IHostApplicationBuilder AddDurableExtensionClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<DurableClientSlot>();
        // Per use, from the slot: a singleton would keep whichever client it saw first.
        builder.Services.AddTransient<IReviewTimers>(sp => new DurableReviewTimers(sp.GetRequiredService<DurableClientSlot>().Client));
        return builder;
    }
}
