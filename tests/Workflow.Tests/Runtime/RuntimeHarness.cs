using System.Text.Json.Nodes;
using Coordination.Workflow.Runtime;
using Coordination.Workflow.Tests.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coordination.Workflow.Tests.Runtime;

/// <summary>The runtime as a host registers it (<c>AddWorkflowRuntime</c>), on the in-memory ports and a fake clock.</summary>
internal sealed class RuntimeHarness
{
    private WorkflowRuntime? _runtime;

    public FakeTimeProvider Clock { get; } = new(EngineRun.T0);

    public InMemoryInstanceStore Store { get; } = new();

    public RecordingScheduler Scheduler { get; } = new();

    public DictionaryDefinitionSource Definitions { get; } = new();

    public List<IStepHandler> Steps { get; } = [];

    public Action<WorkflowRuntimeOptions>? Configure { get; set; }

    public WorkflowRuntime Runtime => _runtime ??= Build();

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public RuntimeHarness Publish(string json, string definitionId, int version = 1)
    {
        Definitions.Publish(TestDefinition.Parse(json, definitionId, version));
        return this;
    }

    public DelegateStepHandler Step(string key, Func<StepContext, StepResult> run)
    {
        var handler = new DelegateStepHandler(key, run);
        Steps.Add(handler);
        return handler;
    }

    public Task<WorkflowRunResult> StartAsync(string definitionId, string inputJson = "{}", string? correlationId = null) =>
        Runtime.StartAsync(Store, definitionId, EngineRun.Obj(inputJson), correlationId, Ct);

    public Task<WorkflowRunResult> CompleteTaskAsync(Guid taskId, string outcome, string? dataJson = null, string actor = "alice") =>
        Runtime.CompleteTaskAsync(Store, taskId, outcome, dataJson is null ? null : EngineRun.Obj(dataJson), actor, Ct);

    public Task<WorkflowRunResult> FireTimerAsync(Guid bookmarkId) => Runtime.FireTimerAsync(Store, bookmarkId, Ct);

    public Task<WorkflowRunResult> SignalAsync(Guid instanceId, string signal, JsonNode? payload = null) =>
        Runtime.SignalAsync(Store, instanceId, signal, payload, "system", Ct);

    public Task<WorkflowRunResult> CancelAsync(Guid instanceId, string reason = "withdrawn") =>
        Runtime.CancelAsync(Store, instanceId, reason, "supervisor", Ct);

    public Task<WorkflowRunResult> RetryAsync(Guid instanceId) => Runtime.RetryAsync(Store, instanceId, "operator", Ct);

    private WorkflowRuntime Build()
    {
        var services = new ServiceCollection()
            .AddSingleton<IWorkflowDefinitionSource>(Definitions)
            .AddSingleton<IWorkflowScheduler>(Scheduler)
            .AddSingleton<TimeProvider>(Clock);
        foreach (var step in Steps)
        {
            services.AddSingleton(step);
        }

        services.AddWorkflowRuntime(Configure);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<WorkflowRuntime>();
    }
}
