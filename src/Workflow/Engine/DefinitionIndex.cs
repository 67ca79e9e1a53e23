using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Coordination.Workflow.Definitions;

namespace Coordination.Workflow.Engine;

/// <summary>Lookups the engine needs on every step, computed once per definition version: where each activity lives
/// and which activities can reach which (for joins).</summary>
internal sealed class DefinitionIndex
{
    private static readonly ConditionalWeakTable<WorkflowDefinition, DefinitionIndex> _cache = [];

    private readonly Dictionary<string, (ActivityDefinition Activity, Flowchart Flowchart)> _activities = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _reachable = new(StringComparer.Ordinal);

    private DefinitionIndex(WorkflowDefinition definition)
    {
        Definition = definition;
        Add(definition.Flowchart);
    }

    public WorkflowDefinition Definition { get; }

    public static DefinitionIndex For(WorkflowDefinition definition) => _cache.GetValue(definition, d => new DefinitionIndex(d));

    public ActivityDefinition Activity(string id) =>
        _activities.TryGetValue(id, out var entry) ? entry.Activity : throw new InvalidOperationException($"The definition {Definition.Key} has no activity '{id}'.");

    public Flowchart FlowchartOf(string activityId) => _activities[activityId].Flowchart;

    /// <summary>Activities reachable from <paramref name="from"/> by following connections (not including itself
    /// unless it lies on a loop).</summary>
    public HashSet<string> ReachableFrom(string from) => _reachable.GetOrAdd(from, id =>
    {
        var flowchart = FlowchartOf(id);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([id]);
        while (queue.Count > 0)
        {
            foreach (var c in flowchart.From(queue.Dequeue()))
            {
                if (seen.Add(c.Target))
                {
                    queue.Enqueue(c.Target);
                }
            }
        }

        return seen;
    });

    private void Add(Flowchart flowchart)
    {
        foreach (var activity in flowchart.Activities)
        {
            _activities[activity.Id] = (activity, flowchart);
            if (activity is ParallelForEachActivity each)
            {
                Add(each.Body);
            }
        }
    }
}
