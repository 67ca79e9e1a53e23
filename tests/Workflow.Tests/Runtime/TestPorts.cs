using Coordination.Workflow.Definitions;
using Coordination.Workflow.Runtime;

namespace Coordination.Workflow.Tests.Runtime;

/// <summary>Records every wake-up the runtime asks for.</summary>
internal sealed class RecordingScheduler : IWorkflowScheduler
{
    private readonly Lock _lock = new();
    private readonly List<(Guid InstanceId, Guid BookmarkId, DateTimeOffset DueAt)> _calls = [];

    public IReadOnlyList<(Guid InstanceId, Guid BookmarkId, DateTimeOffset DueAt)> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public Task ScheduleAsync(Guid instanceId, Guid bookmarkId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _calls.Add((instanceId, bookmarkId, dueAt));
        }

        return Task.CompletedTask;
    }
}

/// <summary>Published definitions in a dictionary: the latest version for a new start, the asked one otherwise.</summary>
internal sealed class DictionaryDefinitionSource : IWorkflowDefinitionSource
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Id, int Version), WorkflowDefinition> _definitions = [];
    private readonly List<(string Id, int? Version)> _requests = [];

    public IReadOnlyList<(string Id, int? Version)> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public void Publish(WorkflowDefinition definition)
    {
        lock (_lock)
        {
            _definitions.Add((definition.DefinitionId, definition.Version), definition);
        }
    }

    public Task<WorkflowDefinition?> GetAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _requests.Add((definitionId, version));
            var match = _definitions
                .Where(d => d.Key.Id == definitionId && (version is null || d.Key.Version == version))
                .OrderByDescending(d => d.Key.Version)
                .Select(d => d.Value)
                .FirstOrDefault();
            return Task.FromResult(match);
        }
    }
}

/// <summary>A step handler made of a function; counts its runs.</summary>
internal sealed class DelegateStepHandler(string stepKey, Func<StepContext, StepResult> run) : IStepHandler
{
    private int _runs;

    public string StepKey => stepKey;

    public int Runs => Volatile.Read(ref _runs);

    public List<StepContext> Contexts { get; } = [];

    public Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        Contexts.Add(context);
        return Task.FromResult(run(context));
    }
}
