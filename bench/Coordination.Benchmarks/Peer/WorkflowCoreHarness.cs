using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;

namespace Coordination.Benchmarks.Peer;

/// <summary>WorkflowCore's data for the benchmark workflows: nothing but the key its events are published under.</summary>
public sealed class HumanTaskData
{
    public string Key { get; set; } = string.Empty;
}

/// <summary>
/// N human tasks in a row, WorkflowCore's way: a human task is a WaitFor on an event ("task1", "task2", …) keyed by
/// the instance, and completing it is PublishEvent. Step ids are 0 for the start step and k for the k-th task.
/// </summary>
public sealed class HumanTasksWorkflow(int tasks) : IWorkflow<HumanTaskData>
{
    public string Id => $"bench-{tasks.ToString(CultureInfo.InvariantCulture)}-tasks";

    public int Version => 1;

    public void Build(IWorkflowBuilder<HumanTaskData> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var step = builder.StartWith(_ => { }).WaitFor(EventName(1), data => data.Key).Name(EventName(1));
        for (var task = 2; task <= tasks; task++)
        {
            step = step.WaitFor(EventName(task), data => data.Key).Name(EventName(task));
        }
    }

    public static string EventName(int task) => "task" + task.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A WorkflowCore 3.22.0 host with its defaults: in-memory persistence (MemoryPersistenceProvider), single-node queue
/// and locks, its own worker threads. The harness watches its life-cycle events: StepStarted of task k means the
/// instance now waits at task k (the moment Coordination would have created the work item), WorkflowCompleted means done.
/// </summary>
internal sealed class WorkflowCoreHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly Channel<(string Key, int Task)> _waiting = Channel.CreateUnbounded<(string, int)>();
    private readonly ConcurrentDictionary<string, int> _waitingAt = new(StringComparer.Ordinal);
    private long _completed;

    private WorkflowCoreHarness(ServiceProvider services, int tasks, bool announceWaiting)
    {
        _services = services;
        Tasks = tasks;
        AnnounceWaiting = announceWaiting;
        Host = services.GetRequiredService<IWorkflowHost>();
        Definition = new HumanTasksWorkflow(tasks);
        services.GetRequiredService<IWorkflowRegistry>().RegisterWorkflow(Definition);
        Host.OnLifeCycleEvent += OnLifeCycleEvent;
        Host.Start();
    }

    public IWorkflowHost Host { get; }

    public HumanTasksWorkflow Definition { get; }

    public int Tasks { get; }

    /// <summary>Instances (by key) and the task each waits at now.</summary>
    public IReadOnlyDictionary<string, int> WaitingAt => _waitingAt;

    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Write every newly reached task to <see cref="Waiting"/> (for a consumer that completes them).</summary>
    public bool AnnounceWaiting { get; }

    /// <summary>Tells the waiting instances as they reach a task; the harness's consumer completes them.</summary>
    public ChannelReader<(string Key, int Task)> Waiting => _waiting.Reader;

    public static WorkflowCoreHarness Start(int tasks, bool announceWaiting = true)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddWorkflow()
            .BuildServiceProvider();
        return new WorkflowCoreHarness(services, tasks, announceWaiting);
    }

    public async Task<string> StartAsync(string key) =>
        await Host.StartWorkflow(Definition.Id, Definition.Version, new HumanTaskData { Key = key }, reference: key);

    /// <summary>Completes the human task <paramref name="task"/> of the instance with <paramref name="key"/>.</summary>
    public Task CompleteAsync(string key, int task) => Host.PublishEvent(HumanTasksWorkflow.EventName(task), key, null);

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"WorkflowCore did not {what} within {timeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Host.OnLifeCycleEvent -= OnLifeCycleEvent;
        _waiting.Writer.TryComplete();
        Host.Stop();
        await _services.DisposeAsync();
    }

    private void OnLifeCycleEvent(LifeCycleEvent evt)
    {
        switch (evt)
        {
            // A WaitFor step "starts" twice: when it subscribes (the task appears) and when its event resumes it.
            case StepStarted started when started.StepId >= 1 && started.StepId <= Tasks && started.Reference is { } key:
                var task = started.StepId;
                var reached = false;
                _waitingAt.AddOrUpdate(
                    key,
                    _ =>
                    {
                        reached = true;
                        return task;
                    },
                    (_, current) =>
                    {
                        reached = task > current;
                        return Math.Max(current, task);
                    });
                if (reached && AnnounceWaiting)
                {
                    _waiting.Writer.TryWrite((key, task));
                }

                break;
            case WorkflowCompleted completed when completed.Reference is { } key:
                _waitingAt.TryRemove(key, out _);
                Interlocked.Increment(ref _completed);
                break;
        }
    }
}
