using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Web.Persistence;
using Coordination.Workflow.Runtime;

namespace Coordination.Web.WorkflowHosting;

/// <summary>Makes the instance store for an operation's DbContext.</summary>
internal sealed class WorkflowStores(WorkflowEffectHandler effects)
{
    public IWorkflowInstanceStore For(CoordinationDbContext db) => new EfWorkflowInstanceStore(db, effects, null);

    /// <summary>A store that takes where a case sits from what the caller already read in this unit of work, so
    /// creating the case's next task does not read the case again.</summary>
    public IWorkflowInstanceStore For(CoordinationDbContext db, CaseAgencies? known) => new EfWorkflowInstanceStore(db, effects, known);
}

/// <summary>Where a case sits, as read in the current unit of work: the police unit that owns it and the OM office it
/// was submitted to. New tasks without an explicit agency go to one of these.</summary>
internal sealed record CaseAgencies(CaseId CaseId, AgencyId OwningUnitId, AgencyId? ProsecutionOfficeId);
