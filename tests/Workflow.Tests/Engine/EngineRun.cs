using System.Text.Json.Nodes;
using Coordination.Workflow.Definitions;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Expressions;

namespace Coordination.Workflow.Tests.Engine;

/// <summary>Drives the pure engine through one instance: keeps the latest state and every effect and journal line.</summary>
internal sealed class EngineRun
{
    /// <summary>A Wednesday morning, so that nothing depends on the machine's clock.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 3, 4, 9, 0, 0, TimeSpan.Zero);

    public static readonly Guid InstanceId = Guid.Parse("0196a0c4-1d2e-7000-8000-000000000001");

    private static readonly WorkflowEngine _engine = new(new ExpressionEvaluator());

    public EngineRun(string definitionJson)
        : this(TestDefinition.Parse(definitionJson))
    {
    }

    public EngineRun(WorkflowDefinition definition) => Definition = definition;

    public WorkflowDefinition Definition { get; }

    public WorkflowState State { get; private set; } = null!;

    public DateTimeOffset Now { get; set; } = T0;

    public List<WorkflowEffect> Effects { get; } = [];

    public List<JournalRecord> Journal { get; } = [];

    public EngineResult Start(string? inputJson = null)
    {
        var result = _engine.Start(Definition, InstanceId, Obj(inputJson ?? "{}"), Now);
        return Keep(result);
    }

    public EngineResult Apply(Stimulus stimulus) => Keep(_engine.Execute(Definition, State, stimulus, Now));

    public EngineResult CompleteTask(Guid taskId, string outcome, string? dataJson = null, string actor = "alice") =>
        Apply(new TaskCompletedStimulus(taskId, outcome, dataJson is null ? null : Obj(dataJson), actor));

    /// <summary>The open task of an activity (there must be exactly one).</summary>
    public Guid TaskOf(string activityId) => BookmarkOf(activityId, BookmarkKind.Task).Id;

    public Bookmark BookmarkOf(string activityId, BookmarkKind kind) =>
        State.Bookmarks.Single(b => b.ActivityId == activityId && b.Kind == kind);

    /// <summary>Effects of a type, in the order they were produced.</summary>
    public List<T> All<T>()
        where T : WorkflowEffect => [.. Effects.OfType<T>()];

    public static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private EngineResult Keep(EngineResult result)
    {
        if (result.Applied)
        {
            State = result.State;
            Effects.AddRange(result.Effects);
            Journal.AddRange(result.Journal);
        }

        return result;
    }
}
