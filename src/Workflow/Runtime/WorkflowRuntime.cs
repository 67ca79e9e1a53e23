using System.Text.Json.Nodes;
using Coordination.Workflow.Definitions;
using Coordination.Workflow.Engine;

namespace Coordination.Workflow.Runtime;

/// <summary>Options of the runtime.</summary>
public sealed class WorkflowRuntimeOptions
{
    /// <summary>
    /// Adds whole working days to a moment (the host's calendar, e.g. Dutch office days). The default counts every
    /// weekday, so the runtime works without a host calendar.
    /// </summary>
    public Func<DateTimeOffset, int, DateTimeOffset> AddWorkingDays { get; set; } = DefaultAddWorkingDays;

    /// <summary>How many stimuli one call may process (steps, children) before stopping with an error.</summary>
    public int MaxStimuliPerCall { get; set; } = 10_000;

    private static DateTimeOffset DefaultAddWorkingDays(DateTimeOffset start, int days)
    {
        var result = start;
        while (days > 0)
        {
            result = result.AddDays(1);
            if (result.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days--;
            }
        }

        return result;
    }
}

/// <summary>The outcome of a runtime call.</summary>
/// <param name="InstanceId">The instance acted on.</param>
/// <param name="Status">Its status afterwards.</param>
/// <param name="Rejection">Why nothing happened, or <see cref="Engine.Rejection.None"/>.</param>
/// <param name="Message">A readable reason when rejected.</param>
/// <param name="Effects">What happened, for callers that want to react (e.g. show the next task).</param>
public sealed record WorkflowRunResult(Guid InstanceId, WorkflowStatus Status, Rejection Rejection, string? Message, IReadOnlyList<WorkflowEffect> Effects)
{
    /// <summary>True when the stimulus was applied.</summary>
    public bool Succeeded => Rejection == Rejection.None;
}

/// <summary>
/// Starts and drives workflow instances: load → engine → run steps and start children → save (one atomic store call)
/// → ask the scheduler to wake for timers. Stateless between calls; the store is passed per call so that the host can
/// bind it to the unit of work of the operation that causes the change.
/// </summary>
public sealed class WorkflowRuntime
{
    private readonly WorkflowEngine _engine;
    private readonly IWorkflowDefinitionSource _definitions;
    private readonly IWorkflowScheduler _scheduler;
    private readonly Dictionary<string, IStepHandler> _steps;
    private readonly TimeProvider _clock;
    private readonly WorkflowRuntimeOptions _options;

    internal WorkflowRuntime(
        WorkflowEngine engine, IWorkflowDefinitionSource definitions, IWorkflowScheduler scheduler, IEnumerable<IStepHandler> steps, TimeProvider clock, WorkflowRuntimeOptions options)
    {
        _engine = engine;
        _definitions = definitions;
        _scheduler = scheduler;
        _steps = steps.ToDictionary(s => s.StepKey, StringComparer.Ordinal);
        _clock = clock;
        _options = options;
    }

    /// <summary>Starts an instance of the latest published version of a definition.</summary>
    /// <exception cref="WorkflowDefinitionException">No such definition is published.</exception>
    public async Task<WorkflowRunResult> StartAsync(
        IWorkflowInstanceStore store, string definitionId, JsonObject input, string? correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var session = new Session(this, store);
        var instance = await session.StartAsync(definitionId, input, correlationId, null, null, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return session.ResultFor(instance.Id, Rejection.None, null);
    }

    /// <summary>Completes a human task with one of its outcomes and the form data.</summary>
    public Task<WorkflowRunResult> CompleteTaskAsync(
        IWorkflowInstanceStore store, Guid taskId, string outcome, JsonObject? data, string actor, CancellationToken cancellationToken) =>
        ResumeByBookmarkAsync(store, taskId, new TaskCompletedStimulus(taskId, outcome, data, actor), cancellationToken);

    /// <summary>Completes a human task of a known instance (saves the lookup of the task's bookmark).</summary>
    public Task<WorkflowRunResult> CompleteTaskAsync(
        IWorkflowInstanceStore store, Guid instanceId, Guid taskId, string outcome, JsonObject? data, string actor, CancellationToken cancellationToken) =>
        ApplyAsync(store, instanceId, new TaskCompletedStimulus(taskId, outcome, data, actor), cancellationToken);

    /// <summary>Fires a due timer (or escalation). Firing one that already fired is a harmless no-op.</summary>
    public Task<WorkflowRunResult> FireTimerAsync(IWorkflowInstanceStore store, Guid bookmarkId, CancellationToken cancellationToken) =>
        ResumeByBookmarkAsync(store, bookmarkId, new TimerElapsedStimulus(bookmarkId), cancellationToken);

    /// <summary>Delivers a named signal to an instance.</summary>
    public Task<WorkflowRunResult> SignalAsync(
        IWorkflowInstanceStore store, Guid instanceId, string signal, JsonNode? payload, string actor, CancellationToken cancellationToken) =>
        ApplyAsync(store, instanceId, new SignalStimulus(signal, payload, actor), cancellationToken);

    /// <summary>Cancels an instance, its tasks, timers and children.</summary>
    public Task<WorkflowRunResult> CancelAsync(IWorkflowInstanceStore store, Guid instanceId, string reason, string actor, CancellationToken cancellationToken) =>
        ApplyAsync(store, instanceId, new CancelStimulus(reason, actor), cancellationToken);

    /// <summary>Retries the activity of an incident once its cause is fixed.</summary>
    public Task<WorkflowRunResult> RetryAsync(IWorkflowInstanceStore store, Guid instanceId, string actor, CancellationToken cancellationToken) =>
        ApplyAsync(store, instanceId, new RetryStimulus(actor), cancellationToken);

    private async Task<WorkflowRunResult> ResumeByBookmarkAsync(IWorkflowInstanceStore store, Guid bookmarkId, Stimulus stimulus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var instanceId = await store.FindInstanceByBookmarkAsync(bookmarkId, cancellationToken).ConfigureAwait(false);
        if (instanceId is null)
        {
            return new WorkflowRunResult(Guid.Empty, WorkflowStatus.Completed, Rejection.BookmarkNotFound,
                stimulus is TaskCompletedStimulus ? "This task is no longer open: it was already completed or withdrawn." : "Nothing waits for this any more.", []);
        }

        return await ApplyAsync(store, instanceId.Value, stimulus, cancellationToken).ConfigureAwait(false);
    }

    private async Task<WorkflowRunResult> ApplyAsync(IWorkflowInstanceStore store, Guid instanceId, Stimulus stimulus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var session = new Session(this, store);
        var (rejection, message) = await session.ApplyAsync(instanceId, stimulus, cancellationToken).ConfigureAwait(false);
        if (rejection == Rejection.None)
        {
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return session.ResultFor(instanceId, rejection, message);
    }

    /// <summary>One call's work: every instance it touches, with their journals and effects, saved together.</summary>
    private sealed class Session(WorkflowRuntime runtime, IWorkflowInstanceStore store)
    {
        private readonly Dictionary<Guid, (WorkflowInstance Instance, long? ExpectedRevision, List<JournalRecord> Journal, List<WorkflowEffect> Effects)> _touched = [];
        private readonly Queue<(Guid InstanceId, Stimulus Stimulus)> _pending = new();
        private int _processed;

        public async Task<WorkflowInstance> StartAsync(
            string definitionId, JsonObject input, string? correlationId, Guid? parentId, Guid? parentBookmarkId, CancellationToken cancellationToken, Guid? instanceId = null)
        {
            var definition = await runtime._definitions.GetAsync(definitionId, null, cancellationToken).ConfigureAwait(false)
                ?? throw new WorkflowDefinitionException(definitionId, [new DefinitionProblem(null, "definition-not-published", definitionId)]);
            var now = runtime._clock.GetUtcNow();
            var result = runtime._engine.Start(definition, instanceId ?? Guid.CreateVersion7(), input, now);
            var instance = WorkflowInstance.New(result.State, correlationId, parentId, parentBookmarkId, now);
            _touched[instance.Id] = (instance, null, [.. result.Journal], []);
            await HandleEffectsAsync(instance, result.Effects, cancellationToken).ConfigureAwait(false);
            await DrainAsync(cancellationToken).ConfigureAwait(false);
            return instance;
        }

        public async Task<(Rejection, string?)> ApplyAsync(Guid instanceId, Stimulus stimulus, CancellationToken cancellationToken)
        {
            var outcome = await ApplyOneAsync(instanceId, stimulus, cancellationToken).ConfigureAwait(false);
            if (outcome.Item1 == Rejection.None)
            {
                await DrainAsync(cancellationToken).ConfigureAwait(false);
            }

            return outcome;
        }

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            var changes = _touched.Values.Select(t => new InstanceChange(t.Instance, t.ExpectedRevision, t.Journal, t.Effects)).ToList();
            await store.SaveAsync(changes, cancellationToken).ConfigureAwait(false);

            // Only after the save: a wake-up for a timer that was never saved would find nothing, which is harmless,
            // but asking after a failed save would be noise.
            foreach (var change in changes)
            {
                foreach (var timer in change.Effects.OfType<ScheduleTimerEffect>())
                {
                    await runtime._scheduler.ScheduleAsync(change.Instance.Id, timer.BookmarkId, timer.Due.At!.Value, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        public WorkflowRunResult ResultFor(Guid instanceId, Rejection rejection, string? message) =>
            _touched.TryGetValue(instanceId, out var t)
                ? new WorkflowRunResult(instanceId, t.Instance.Status, rejection, message, t.Effects)
                : new WorkflowRunResult(instanceId, WorkflowStatus.Running, rejection, message, []);

        private async Task<(Rejection, string?)> ApplyOneAsync(Guid instanceId, Stimulus stimulus, CancellationToken cancellationToken)
        {
            if (++_processed > runtime._options.MaxStimuliPerCall)
            {
                throw new InvalidOperationException($"One call processed more than {runtime._options.MaxStimuliPerCall} workflow stimuli; a step or child keeps triggering itself.");
            }

            if (!_touched.TryGetValue(instanceId, out var entry))
            {
                var loaded = await store.FindAsync(instanceId, cancellationToken).ConfigureAwait(false);
                if (loaded is null)
                {
                    return (Rejection.NotApplicable, "There is no such workflow instance.");
                }

                entry = (loaded, loaded.Revision, [], []);
                _touched[instanceId] = entry;
            }

            var instance = entry.Instance;
            var definition = await runtime._definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken).ConfigureAwait(false)
                ?? throw new WorkflowDefinitionException(instance.DefinitionId, [new DefinitionProblem(null, "version-missing", instance.DefinitionVersion, instance.DefinitionId)]);
            var now = runtime._clock.GetUtcNow();
            var result = runtime._engine.Execute(definition, instance.State, stimulus, now);
            if (!result.Applied)
            {
                return (result.Rejection, result.Message);
            }

            instance.Advance(result.State, now);
            entry.Journal.AddRange(result.Journal);
            await HandleEffectsAsync(instance, result.Effects, cancellationToken).ConfigureAwait(false);
            return (Rejection.None, null);
        }

        private async Task HandleEffectsAsync(WorkflowInstance instance, IReadOnlyList<WorkflowEffect> effects, CancellationToken cancellationToken)
        {
            var recorded = _touched[instance.Id].Effects;
            foreach (var effect in effects)
            {
                switch (effect)
                {
                    case ScheduleTimerEffect timer:
                        recorded.Add(timer with { Due = timer.Due with { At = Resolve(timer.Due) } });
                        break;
                    case RunStepEffect step:
                        recorded.Add(step);
                        _pending.Enqueue((instance.Id, await RunStepAsync(instance, step, cancellationToken).ConfigureAwait(false)));
                        break;
                    case StartChildEffect child:
                        recorded.Add(child);
                        await StartAsync(child.DefinitionId, child.Input, instance.CorrelationId, instance.Id, child.BookmarkId, cancellationToken, child.ChildInstanceId).ConfigureAwait(false);
                        break;
                    case CancelChildEffect cancel:
                        recorded.Add(cancel);
                        _pending.Enqueue((cancel.ChildInstanceId, new CancelStimulus(
                            cancel.Reason ?? "The parent workflow no longer needs it.", cancel.Actor ?? WorkflowEngine.SystemActor)));
                        break;
                    case WorkflowCompletedEffect completed:
                        recorded.Add(completed);
                        if (instance.ParentInstanceId is { } parent)
                        {
                            _pending.Enqueue((parent, new ChildCompletedStimulus(instance.ParentBookmarkId!.Value, completed.Outcome, completed.Outputs)));
                        }

                        break;
                    default:
                        recorded.Add(effect);
                        break;
                }
            }

        }

        private async Task<Stimulus> RunStepAsync(WorkflowInstance instance, RunStepEffect step, CancellationToken cancellationToken)
        {
            if (!runtime._steps.TryGetValue(step.StepKey, out var handler))
            {
                return new StepFailedStimulus(step.BookmarkId, $"No handler is registered for the step '{step.StepKey}'.");
            }

            try
            {
                var result = await handler.ExecuteAsync(new StepContext(instance.Id, step.ActivityId, step.Input, instance.CorrelationId), cancellationToken).ConfigureAwait(false);
                return new StepCompletedStimulus(step.BookmarkId, result.Outcome, result.Outputs);
            }
#pragma warning disable CA1031 // Any failure of a host's step becomes an incident an operator can retry, never a crash of the caller.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                return new StepFailedStimulus(step.BookmarkId, $"The step '{step.StepKey}' failed: {ex.Message}");
            }
        }

        private async Task DrainAsync(CancellationToken cancellationToken)
        {
            while (_pending.TryDequeue(out var next))
            {
                await ApplyOneAsync(next.InstanceId, next.Stimulus, cancellationToken).ConfigureAwait(false);
            }
        }

        private DateTimeOffset Resolve(TimerDue due)
        {
            if (due.At is { } at)
            {
                return at;
            }

            if (due.After is { } after)
            {
                return after.AddTo(due.From);
            }

            var sla = due.Sla!;
            var full = sla.Kind == TimeKind.Working && sla.Duration.WholeDays is { } days
                ? runtime._options.AddWorkingDays(due.From, days)
                : sla.Duration.AddTo(due.From);
            var percent = due.Percent ?? 100;
            return due.From + TimeSpan.FromTicks((full - due.From).Ticks * percent / 100);
        }
    }
}
