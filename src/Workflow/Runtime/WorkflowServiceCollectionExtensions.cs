using Coordination.Workflow.Definitions;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Expressions;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Workflow.Runtime;

/// <summary>The one registration of the workflow runtime.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine, the expression evaluator, the definition validator and the <see cref="WorkflowRuntime"/>.
    /// The host registers the ports: <see cref="IWorkflowDefinitionSource"/>, <see cref="IWorkflowScheduler"/> and any
    /// number of <see cref="IStepHandler"/>s (the instance store is passed per call); a <see cref="TimeProvider"/>
    /// is used when registered, else the system clock.
    /// </summary>
    public static IServiceCollection AddWorkflowRuntime(this IServiceCollection services, Action<WorkflowRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new WorkflowRuntimeOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton(_ => new ExpressionEvaluator());
        services.AddSingleton(sp => new WorkflowEngine(sp.GetRequiredService<ExpressionEvaluator>()));
        services.AddSingleton(sp => new DefinitionValidator(sp.GetRequiredService<ExpressionEvaluator>()));
        services.AddSingleton(sp => new WorkflowRuntime(
            sp.GetRequiredService<WorkflowEngine>(),
            sp.GetRequiredService<IWorkflowDefinitionSource>(),
            sp.GetRequiredService<IWorkflowScheduler>(),
            sp.GetServices<IStepHandler>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<WorkflowRuntimeOptions>()));
        return services;
    }
}
