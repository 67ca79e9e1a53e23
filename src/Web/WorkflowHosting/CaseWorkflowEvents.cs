using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.WorkflowHosting;

/// <summary>
/// What the case workflows mean for the case itself, applied in the same unit of work as the workflow's advance:
/// <list type="bullet">
/// <item>milestones named after a phase move the case (<c>triage</c>, <c>parked</c>, <c>investigation</c>,
/// <c>prosecution</c> — which submits it to the OM the first time —, <c>execution</c>); a move the case cannot make
/// from where it stands (a second suspect's milestone, say) is left out;</item>
/// <item>a case workflow (a root instance correlated to a case) that ends with an outcome named after a
/// <see cref="CaseEndState"/> closes the case with it;</item>
/// <item>a bank task that passes its deadline also shows on the case: the investigators of the owning unit get a
/// notice, besides the escalation to the bank's team lead;</item>
/// <item>a case workflow an administrator stops leaves the case open without a workflow: the investigators of the
/// owning unit get a notice with the reason, so the case is not forgotten.</item>
/// </list>
/// Like the effect handler it acts for the workflow, not for the user whose action advanced it, so its reads ignore
/// the need-to-know filters.
/// </summary>
internal sealed class CaseWorkflowEvents(TimeProvider clock, WorkingDayCalendar calendar)
{
    /// <summary>Activity id of the notice that a bank missed a deadline (a work item no workflow waits for).</summary>
    public const string BankDeadlineMissedActivity = "bank-deadline-missed";

    /// <summary>Activity id of the notice that an administrator stopped the case's workflow.</summary>
    public const string WorkflowStoppedActivity = "workflow-stopped";

    /// <summary>Whether a work item is one of these notices (no workflow waits for it; it is closed as seen).</summary>
    public static bool IsNotice(WorkItem item) =>
        item is { WorkflowInstanceId: null, ActivityId: BankDeadlineMissedActivity or WorkflowStoppedActivity };

    private static readonly Dictionary<string, CasePhase> _phases = new(StringComparer.Ordinal)
    {
        ["triage"] = CasePhase.Triage,
        ["parked"] = CasePhase.Parked,
        ["investigation"] = CasePhase.Investigation,
        ["prosecution"] = CasePhase.Prosecution,
        ["execution"] = CasePhase.Execution,
    };

    public async Task OnMilestoneAsync(CoordinationDbContext db, WorkflowInstance instance, MilestoneReachedEffect milestone, CancellationToken cancellationToken)
    {
        if (!_phases.TryGetValue(milestone.Name, out var phase) || await CaseAsync(db, instance, cancellationToken) is not { } fraudCase || !fraudCase.CanMoveTo(phase))
        {
            return;
        }

        if (phase == CasePhase.Prosecution && fraudCase.ProsecutionOfficeId is null)
        {
            // Without a configured mapping from police unit to district, the case goes to the first OM office.
            var office = await db.Agencies.Where(a => a.Kind == AgencyKind.ProsecutionService).OrderBy(a => a.Code).FirstOrDefaultAsync(cancellationToken)
                ?? throw new InvalidOperationException("There is no OM office to submit the case to; register one first.");
            fraudCase.SubmitToProsecution(office, clock);
            return;
        }

        fraudCase.MoveTo(phase, clock);
    }

    public async Task OnCompletedAsync(CoordinationDbContext db, WorkflowInstance instance, WorkflowCompletedEffect completed, CancellationToken cancellationToken)
    {
        if (instance.ParentInstanceId is not null
            || !Enum.TryParse<CaseEndState>(completed.Outcome, ignoreCase: false, out var endState) || !Enum.IsDefined(endState)
            || await CaseAsync(db, instance, cancellationToken) is not { IsClosed: false } fraudCase)
        {
            return;
        }

        fraudCase.Close(endState, clock);
    }

    public async Task OnEscalatedAsync(CoordinationDbContext db, WorkItem late, CancellationToken cancellationToken)
    {
        var bank = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == late.CandidateAgencyId && a.Kind == AgencyKind.Bank, cancellationToken);
        var owner = await db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == late.CaseId).Select(c => (AgencyId?)c.OwningUnitId).FirstOrDefaultAsync(cancellationToken);
        if (bank is null || owner is null)
        {
            return;
        }

        Notice(db, late.CaseId, owner.Value, BankDeadlineMissedActivity,
            $"{bank.Name} heeft de termijn gemist: {late.Title}", $"{bank.Name} missed the deadline: {late.TitleEnglish ?? late.Title}");
    }

    public async Task OnCancelledAsync(CoordinationDbContext db, WorkflowInstance instance, WorkflowCancelledEffect cancelled, CancellationToken cancellationToken)
    {
        // A child stops with its parent (the parent's own cancellation says it); only a case's own workflow tells the case.
        if (instance.ParentInstanceId is not null || await CaseAsync(db, instance, cancellationToken) is not { IsClosed: false } fraudCase)
        {
            return;
        }

        Notice(db, fraudCase.Id, fraudCase.OwningUnitId, WorkflowStoppedActivity,
            $"Workflow gestopt door een beheerder: {cancelled.Reason}", $"Workflow stopped by an administrator: {cancelled.Reason}");
    }

    // A notice for the investigators of the unit that owns the case: a work item no workflow waits for, due the next
    // working day, closed by saying it was seen (WorkItem.NoticeOutcome).
    private void Notice(CoordinationDbContext db, CaseId caseId, AgencyId unit, string activityId, string title, string titleEnglish) =>
        db.WorkItems.Add(WorkItem.Create(
            caseId, Fit(title), unit, Role.PoliceInvestigator, calendar.AddWorkingDays(clock.GetUtcNow(), 1), clock,
            workflowInstanceId: null, activityId: activityId, titleEnglish: Fit(titleEnglish)));

    private static async Task<FraudCase?> CaseAsync(CoordinationDbContext db, WorkflowInstance instance, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(instance.CorrelationId, out var id))
        {
            return null;
        }

        var caseId = CaseId.From(id);
        return db.Cases.Local.FirstOrDefault(c => c.Id == caseId) ?? await db.Cases.IgnoreQueryFilters().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
    }

    private static string Fit(string title) => title.Length <= WorkItem.TitleMaxLength ? title : title[..(WorkItem.TitleMaxLength - 1)] + "…";
}
