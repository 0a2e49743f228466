using Microsoft.DurableTask;
using ScrutinyWorkflow.Core.Calendar;
using ScrutinyWorkflow.Core.Reviews;
using ScrutinyWorkflow.Workflow.Serialization;

namespace ScrutinyWorkflow.Workflow;

/// <summary>
/// One review as a Durable Task orchestration (instance id = review id): a thin loop around the decider. Each step
/// waits for the next command or the review's next due time, decides with the orchestration's clock in council time,
/// records the events, carries out their effects as activities, and continues as new with the review as data. Every
/// decision is the decider's; every side effect is an activity; nothing here reads a clock, configuration or I/O.
/// </summary>
public sealed class ReviewOrchestration : TaskOrchestrator<ReviewRun, string>
{
    public const string CommandEvent = "command";

    /// <summary>Enough for a caller waiting on its command to find the result, without the status growing for ever.</summary>
    private const int RecentResultsKept = 50;

    /// <summary>More repeats of decided commands than callers could raise in one step (each re-raises every 5 s).</summary>
    private const int MaxRepeatsSkipped = 10_000;

    /// <summary>How soon an effect or a recording that failed every retry is tried again.</summary>
    private static readonly TimeSpan RetryFailedAfter = TimeSpan.FromMinutes(15);

    private static readonly TaskOptions Retries = TaskOptions.FromRetryPolicy(
        new RetryPolicy(maxNumberOfAttempts: 5, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(1)));

    private static readonly ReviewEventSerializer Serializer = new();

    public override async Task<string> RunAsync(TaskOrchestrationContext context, ReviewRun run)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(run);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(run.Rules.TimeZone);
        var decider = new ReviewDecider(run.Rules.Policy, new WorkingCalendar(run.Rules.ExtraNonWorkingDays));
        var events = run.Events.Select((e, i) => Serializer.Deserialize(new StoredEvent(i + 1, e.Type, e.SchemaVersion, e.Data, default))).ToList();
        var state = ReviewState.From(events);
        context.SetCustomStatus(new ReviewRunStatus(events.Count, state.Status.ToString(), run.RecentResults));
        var behind = run.RecordedVersion < events.Count || run.UndeliveredEffects.Count > 0;
        // A completed review keeps waiting (with no timer, so at no cost): a late answer or a correction after release
        // makes a new version of its statement.
        var envelope = await NextCommandAsync(context, state, zone, behind);
        var step = new Step(context, run, events, state);
        if (envelope is not null && run.RecentResults.Any(r => r.CommandId == envelope.CommandId))
        {
            // Raised twice (a caller retried): it was decided once, and its result stands.
            envelope = null;
        }
        var results = run.RecentResults.ToList();
        do
        {
            var now = TimeZoneInfo.ConvertTime(new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero), zone);
            var command = envelope is null ? new ProcessDueTimers(now) : ReviewCommandSerializer.Deserialize(envelope) with { Now = now };
            while (command is not null)
            {
                if (step.Decide(decider, command, envelope?.CommandId) is { } result)
                {
                    results = [.. results.TakeLast(RecentResultsKept - 1), result];
                }
                envelope = NextWaiting(context, results);
                command = envelope is null ? null : ReviewCommandSerializer.Deserialize(envelope) with { Now = now };
            }
            // Recorded once for every command taken (and anything an earlier step could not record), then the effects
            // carried out, earlier ones that failed first, and what those lead to decided in turn.
            await step.SettleAsync(decider, now);
            // Commands that arrived while the step was recording or delivering are taken too, so that none is waiting
            // when the review continues as new: the self-hosted engine's sidecar drops events carried over to the next
            // generation, and a command that is never carried over cannot be lost in the carrying.
            envelope = NextWaiting(context, results);
        }
        while (envelope is not null);

        context.SetCustomStatus(new ReviewRunStatus(step.Events.Count, step.State.Status.ToString(), results));
        context.ContinueAsNew(run with
        {
            Events = [.. step.Events.Select(Serializer.Serialize)],
            RecordedVersion = step.RecordedVersion,
            RecentResults = results,
            UndeliveredEffects = step.Undelivered,
        });
        return "continued";
    }

    /// <summary>
    /// The next command, or null when the review's due time (or a retry of failed work) came first. Only one wait for
    /// a command is pending at a time, and the timer that lost is cancelled.
    /// </summary>
    private static async Task<CommandEnvelope?> NextCommandAsync(TaskOrchestrationContext context, ReviewState state, TimeZoneInfo zone, bool retryDue)
    {
        DateTime? wake = state.NextDue is { } dueLocal ? ToUtc(dueLocal, zone) : null;
        if (retryDue && (wake is null || context.CurrentUtcDateTime + RetryFailedAfter < wake))
        {
            wake = context.CurrentUtcDateTime + RetryFailedAfter;
        }
        using var cancel = new CancellationTokenSource();
        var command = context.WaitForExternalEvent<CommandEnvelope>(CommandEvent, cancel.Token);
        if (wake is not { } at)
        {
            return await command;
        }
        var timer = context.CreateTimer(at < context.CurrentUtcDateTime ? context.CurrentUtcDateTime : at, cancel.Token);
        var first = await Task.WhenAny(command, timer);
        // Cancelled synchronously: an orchestration must not hop to the thread pool.
#pragma warning disable CA1849
        cancel.Cancel();
#pragma warning restore CA1849
        return first == command ? await command : null;
    }

    /// <summary>A command already waiting (buffered since the step began) and not yet decided, or null when none is.</summary>
    private static CommandEnvelope? NextWaiting(TaskOrchestrationContext context, List<CommandResult> results)
    {
        // Each pass takes one buffered event, so the loop ends when the buffer does; the bound only makes that plain.
        for (var looked = 0; looked < MaxRepeatsSkipped; looked++)
        {
            using var cancel = new CancellationTokenSource();
            var waiting = context.WaitForExternalEvent<CommandEnvelope>(CommandEvent, cancel.Token);
            if (!waiting.IsCompletedSuccessfully)
            {
#pragma warning disable CA1849 // Synchronously: an orchestration must not hop to the thread pool.
                cancel.Cancel();
#pragma warning restore CA1849
                return null;
            }
            if (!results.Any(r => r.CommandId == waiting.Result.CommandId))
            {
                return waiting.Result;
            }
        }
        return null;
    }

    /// <summary>A council-local time as UTC; one that falls in the hour the clocks skip in spring is taken an hour later.</summary>
    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(zone.IsInvalidTime(unspecified) ? unspecified.AddHours(1) : unspecified, zone);
    }

    /// <summary>One step of the review: what it decides, records and carries out.</summary>
    private sealed class Step(TaskOrchestrationContext context, ReviewRun run, List<ReviewEvent> events, ReviewState state)
    {
        public List<ReviewEvent> Events { get; } = events;

        public ReviewState State { get; private set; } = state;

        public long RecordedVersion { get; private set; } = run.RecordedVersion;

        public List<EffectToDeliver> Undelivered { get; } = [];

        /// <summary>Effects not yet carried out: those an earlier step could not, then this step's.</summary>
        private readonly List<EffectToDeliver> pending = [.. run.UndeliveredEffects];

        /// <summary>Decides one command on the state so far, keeping its effects for <see cref="SettleAsync"/>; the command's own result.</summary>
        public CommandResult? Decide(ReviewDecider decider, ReviewCommand command, string? commandId)
        {
            var decision = decider.Decide(command, State);
            if (decision is Accepted { Events.Count: > 0 } accepted)
            {
                var before = State;
                State = accepted.Events.Aggregate(State, ReviewState.Evolve);
                Events.AddRange(accepted.Events);
                // Stable ids, as the embedded outbox makes them: the same decision always gives the same message ids.
                var made = 0;
                foreach (var effect in ReviewEffects.Of(accepted.Events, before, State))
                {
                    var (kind, payload) = ReviewEffectSerializer.Serialize(effect);
                    pending.Add(new EffectToDeliver($"{run.ReviewId}.{Events.Count}.{++made}", kind, payload));
                }
            }
            return commandId is null ? null
                : decision is Rejected rejected ? new CommandResult(commandId, false, Events.Count, rejected.Rejection)
                : new CommandResult(commandId, true, Events.Count, null);
        }

        /// <summary>
        /// Records what the step decided in one go, then carries out the effects together; what they lead to (a filing
        /// is recorded, the panel told) is decided, recorded and carried out in turn.
        /// </summary>
        public async Task SettleAsync(ReviewDecider decider, DateTimeOffset now)
        {
            while (pending.Count > 0 || RecordedVersion < Events.Count)
            {
                await RecordAsync();
                List<EffectToDeliver> effects = [.. pending];
                pending.Clear();
                if (RecordedVersion < Events.Count)
                {
                    // Recording failed every retry: the events stay in the input, and the next step records them and
                    // then carries out these effects.
                    Undelivered.AddRange(effects);
                    return;
                }
                foreach (var follow in await Task.WhenAll(effects.Select(DeliverAsync)))
                {
                    if (follow is not null)
                    {
                        Decide(decider, follow with { Now = now }, commandId: null);
                    }
                }
            }
        }

        /// <summary>Brings the read side up to date; effects only go out once it has the events they describe.</summary>
        private async Task RecordAsync()
        {
            if (RecordedVersion >= Events.Count)
            {
                return;
            }
            try
            {
                var unrecorded = Events.Skip((int)RecordedVersion).Select(Serializer.Serialize).ToList();
                await context.CallActivityAsync(nameof(RecordReviewEvents), new RecordRequest(run.ReviewId, RecordedVersion + 1, unrecorded), Retries);
                RecordedVersion = Events.Count;
            }
            catch (TaskFailedException)
            {
                // The events are safe in this orchestration's input; the next step records them.
            }
        }

        private async Task<ReviewCommand?> DeliverAsync(EffectToDeliver effect)
        {
            if (RecordedVersion < Events.Count)
            {
                Undelivered.Add(effect);
                return null;
            }
            try
            {
                var follow = await context.CallActivityAsync<CommandEnvelope?>(nameof(DeliverEffect), new DeliveryRequest(run.ReviewId, effect), Retries);
                return follow is null ? null : ReviewCommandSerializer.Deserialize(follow);
            }
            catch (TaskFailedException)
            {
                // Kept, and tried again on a later step: a mail outage must not end a weeks-long review.
                Undelivered.Add(effect);
                return null;
            }
        }
    }
}
