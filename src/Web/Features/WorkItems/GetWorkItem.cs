using System.Text.Json.Nodes;
using Coordination.Domain.Audit;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Definitions;
using Coordination.Workflow.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.WorkItems;

/// <summary>Opens a task with what is needed to work it: its status, due time, outcomes, form and the data entered.
/// A bank user sees the order addressed to their bank and nothing of the case file.</summary>
[Audited(AuditAction.Read, "WorkItem")]
public sealed record GetWorkItemQuery(Guid WorkItemId) : IQuery<WorkItemDto?>, IWorkItemRequest;

/// <summary>A task as its worker sees it.</summary>
public sealed record WorkItemDto(
    Guid Id, Guid CaseId, string CaseNumber, bool CanOpenCase, string Title, string? TitleEnglish, string? ActivityId, string Role, Guid AgencyId,
    WorkItemStatus Status, string? Assignee, bool HeldByMe, DateTimeOffset CreatedAt, DateTimeOffset DueAt, SlaState Sla, string? Outcome, string? FormData,
    IReadOnlyList<string> Outcomes, string? FormKey, IReadOnlyList<FormFieldDto> Fields, string? OrderDetails, string? Subject = null, string? Advice = null, string? Refusal = null, string? RefusalCode = null);

/// <summary>A field of a task's form.</summary>
/// <remarks><see cref="ValueLabels"/>: what the user reads for an allowed value that is a code (none: the value itself).
/// <see cref="RequiredFor"/>: the outcomes a required field is required for (none: every outcome).</remarks>
public sealed record FormFieldDto(
    string Name, string LabelNl, string? LabelEn, string Type, bool Required, IReadOnlyList<string> AllowedValues, IReadOnlyDictionary<string, LocalizedText>? ValueLabels = null,
    IReadOnlyList<string>? RequiredFor = null)
{
    /// <summary>Whether the field must be filled in for <paramref name="outcome"/>.</summary>
    public bool IsRequiredFor(string outcome) => Required && (RequiredFor is null || RequiredFor.Contains(outcome, StringComparer.Ordinal));
}

internal sealed class GetWorkItemHandler(
    IDbContextFactory<CoordinationDbContext> contexts, IWorkflowDefinitionSource definitions, UserContext users, TimeProvider clock)
    : IQueryHandler<GetWorkItemQuery, WorkItemDto?>
{
    // The production order's approval in account-trace.json (the prosecutor reads the order there).
    private const string OrderApprovalActivity = "approve-order";

    public async ValueTask<WorkItemDto?> Handle(GetWorkItemQuery query, CancellationToken cancellationToken)
    {
        var user = (await users.GetAsync())!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.Id == WorkItemId.From(query.WorkItemId), cancellationToken);
        if (item is null)
        {
            return null;
        }

        // The number identifies the case on the task (a bank needs it to answer); its content stays behind the case filter.
        var number = await db.CaseLabels.Where(c => c.Id == item.CaseId).Select(c => c.Number).FirstAsync(cancellationToken);
        var canOpenCase = await db.Cases.AnyAsync(c => c.Id == item.CaseId, cancellationToken);
        var open = item.Status is WorkItemStatus.Open or WorkItemStatus.Claimed;
        HumanTaskActivity? activity = null;
        string? orderDetails = null;
        string? advice = null;
        if (item.WorkflowInstanceId is { } instanceId)
        {
            var instance = await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
            if (instance is not null && await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken) is { } definition)
            {
                activity = definition.Flowchart.AllActivities.OfType<HumanTaskActivity>().FirstOrDefault(t => t.Id == item.ActivityId);
                var restored = WorkflowInstance.Restore(instance.StateJson, instance.Revision, instance.CorrelationId, instance.ParentInstanceId, instance.ParentBookmarkId, instance.CreatedAt, instance.UpdatedAt);
                var variables = restored.Variables;

                // The bank answering the order and the prosecutor approving it both read what it asks (the prosecutor
                // sees no case file before the case reaches the OM); only the bank's copy has the answer's deadline.
                orderDetails = activity?.Form?.FormKey == "bank-answer" ? OrderDetails(restored.Input, variables, item.DueAt)
                    : activity?.Id == OrderApprovalActivity ? OrderDetails(restored.Input, variables, deadline: null)
                    : null;

                // A workflow that works out advice for a decision (the disposition's decision rules) keeps it in
                // "advice"; it is shown when it is one of this task's outcomes. The decision stays the user's.
                if (activity is not null && open)
                {
                    advice = variables["advice"] is JsonValue value && value.TryGetValue<string>(out var text) && activity.Outcomes.Contains(text) ? text : null;
                }
            }
        }

        var fields = activity?.Form?.Fields.Select(f => new FormFieldDto(f.Name, f.Label.Nl, f.Label.En, f.FieldType, f.Required, f.AllowedValues, f.ValueLabels, f.RequiredFor)).ToList() ?? [];
        return new WorkItemDto(
            item.Id.Value, item.CaseId.Value, number.Value, canOpenCase, item.Title, item.TitleEnglish, item.ActivityId, item.CandidateRole.ToString(), item.CandidateAgencyId.Value,
            item.Status, item.Assignee, item.Assignee == user.UserName && item.Status == WorkItemStatus.Claimed, item.CreatedAt, item.DueAt,
            WorkItem.SlaAt(item.AtRiskAt, item.DueAt, clock.GetUtcNow()), item.Outcome, item.FormData,
            CaseWorkflowEvents.IsNotice(item) ? [WorkItem.NoticeOutcome] : activity?.Outcomes ?? [], activity?.Form?.FormKey, fields, orderDetails, item.Subject, advice,

            // Why what was entered on this task before could not be recorded, when it came back for that: kept on the
            // task itself, so another agency's task open in the same workflow never shows it.
            open ? item.Refusal : null, open ? item.RefusalCode : null);
    }

    // What a production order asks of the bank — the account, the person, the data, the period, the legal basis and
    // the deadline — and nothing else of the case (no victim, no other suspects, no other bank's answers).
    private static string OrderDetails(JsonObject input, JsonObject variables, DateTimeOffset? deadline) =>
        new JsonObject
        {
            ["iban"] = input["iban"]?.DeepClone(),
            ["person"] = variables["orderPerson"]?.DeepClone(),
            ["data"] = variables["orderData"]?.DeepClone(),
            ["period"] = variables["orderPeriod"]?.DeepClone(),
            ["legalBasis"] = variables["orderLegalBasis"]?.DeepClone(),
            ["deadline"] = deadline?.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture),
        }.ToJsonString();
}
