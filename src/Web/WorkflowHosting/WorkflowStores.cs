using Coordination.Web.Persistence;
using Coordination.Workflow.Runtime;

namespace Coordination.Web.WorkflowHosting;

/// <summary>Makes the instance store for an operation's DbContext.</summary>
internal sealed class WorkflowStores(WorkflowEffectHandler effects)
{
    public IWorkflowInstanceStore For(CoordinationDbContext db) => new EfWorkflowInstanceStore(db, effects);
}
