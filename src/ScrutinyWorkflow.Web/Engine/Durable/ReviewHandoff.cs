using System.Collections.Concurrent;
using ScrutinyWorkflow.Workflow;

namespace ScrutinyWorkflow.Web.Engine.Durable;

/// <summary>
/// Hands a review's new work on straight after a command is recorded, without holding the person who sent it: this
/// host carries out the effects at once (<see cref="ReviewAdvance"/>), then wakes the review's orchestration when its
/// next due time changed, so the durable timer is set for it. One pass per review at a time; a request that arrives
/// during a pass makes one more. Should this host stop first, the review's mark is found by the sweep.
/// </summary>
public sealed class ReviewHandoff(IServiceProvider services, ILogger<ReviewHandoff> logger) : IAsyncDisposable
{
    // Enough passes at once to keep mail flowing for many reviews, few enough not to starve the requests themselves.
    private const int Concurrent = 8;

    private readonly ConcurrentDictionary<string, Pass> passes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim slots = new(Concurrent, Concurrent);
    private readonly CancellationTokenSource stopping = new();

    private sealed class Pass
    {
        public bool Again { get; set; }

        public bool Wake { get; set; }

        public ReviewListLine? Line { get; set; }

        public Task Running { get; set; } = Task.CompletedTask;
    }

    /// <summary>The review orchestrations' port, as this host has it (the Functions app's comes with each trigger).</summary>
    public IReviewTimers Timers => services.GetRequiredService<IReviewTimers>();

    /// <param name="line">The review's list line as of the decision just recorded, written first thing.</param>
    public void Request(string reviewId, bool wakeTimer, ReviewListLine? line = null)
    {
        lock (passes)
        {
            if (passes.TryGetValue(reviewId, out var pass))
            {
                pass.Again = true;
                pass.Wake |= wakeTimer;
                pass.Line = Newer(pass.Line, line);
                return;
            }
            pass = new Pass { Wake = wakeTimer, Line = line };
            passes[reviewId] = pass;
            pass.Running = Task.Run(() => RunAsync(reviewId, pass));
        }
    }

    /// <summary>Waits until no pass is running: for an orderly stop, and for tests that read what a pass wrote.</summary>
    public async Task IdleAsync()
    {
        while (passes.Values.Select(p => p.Running).ToList() is { Count: > 0 } running)
        {
            await Task.WhenAll(running);
        }
    }

    private async Task RunAsync(string reviewId, Pass pass)
    {
        var token = stopping.Token;
        try
        {
            while (true)
            {
                bool wake;
                ReviewListLine? line;
                lock (passes)
                {
                    (wake, line, pass.Wake, pass.Line, pass.Again) = (pass.Wake, pass.Line, false, null, false);
                }
                await slots.WaitAsync(token);
                try
                {
                    if (line is not null)
                    {
                        // Before the effects, which can take a while: the dashboard shows the answer as soon as it can.
                        await services.GetRequiredService<TableReviewStreams>().ListAsync(line.Summary, line.Version, line.CreatedAt, token);
                    }
                    var retry = await services.GetRequiredService<IReviewAdvance>().AdvanceAsync(reviewId, token);
                    if (wake || retry is not null)
                    {
                        await Timers.WakeAsync(reviewId, token);
                    }
                }
                finally
                {
                    slots.Release();
                }
                lock (passes)
                {
                    if (!pass.Again)
                    {
                        passes.TryRemove(reviewId, out _);
                        return;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
        {
            // The command is recorded and the review marked: the sweep or the orchestration hands its work on instead.
            logger.LogWarning(ex, "Handing on review {ReviewId}'s work failed; the sweep will.", reviewId);
            passes.TryRemove(reviewId, out _);
        }
        catch (OperationCanceledException)
        {
            passes.TryRemove(reviewId, out _);
        }
    }

    private static ReviewListLine? Newer(ReviewListLine? one, ReviewListLine? other) =>
        one is null || (other is not null && other.Version > one.Version) ? other : one;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(passes.Values.Select(p => p.Running));
        stopping.Dispose();
        slots.Dispose();
    }
}

/// <summary>A review's line in the list as of one decision.</summary>
public sealed record ReviewListLine(ReviewSummary Summary, long Version, DateTimeOffset CreatedAt);
