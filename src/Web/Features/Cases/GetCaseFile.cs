using Coordination.Domain.Accounts;
using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Parties;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Workflow.Definitions;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Cases;

/// <summary>Opens a case file: summary, parties, accounts and the mule chain, tasks, and the workflow timeline.</summary>
[Audited(AuditAction.Read, "FraudCase")]
public sealed record GetCaseFileQuery(Guid CaseId) : IQuery<CaseFileDto?>, ICaseRequest;

/// <summary>A case file as its reader may see it.</summary>
public sealed record CaseFileDto(
    Guid Id, string Number, FraudType FraudType, CasePhase Phase, CaseEndState? EndState, string Summary, decimal ReportedDamage,
    int ReportCount, DateOnly? OffenceDate, DateTimeOffset RegisteredAt, string? AssignedTo,
    IReadOnlyList<PartySummaryDto> Parties, IReadOnlyList<AccountDto> Accounts, IReadOnlyList<ChainNodeDto> ChainNodes,
    IReadOnlyList<ChainEdgeDto> ChainEdges, IReadOnlyList<TaskSummaryDto> Tasks, IReadOnlyList<TimelineEntryDto> Timeline,
    IReadOnlyList<MilestoneDto> Milestones, IReadOnlyList<CaseNoteDto> Notes, SlaState? Sla = null, string? AssignedToName = null);

/// <summary>A note in the case file.</summary>
public sealed record CaseNoteDto(string Author, string Text, DateTimeOffset WrittenAt);

/// <summary>A person in the case; minors are marked.</summary>
public sealed record PartySummaryDto(Guid Id, PartyRole Role, string FullName, int? AgeAtOffence, bool IsMinor);

/// <summary>An account in the case's money trail.</summary>
public sealed record AccountDto(string Iban, string? BankName, string Status, string? HolderName);

/// <summary>An account in the mule chain graph.</summary>
public sealed record ChainNodeDto(string Iban, int Line, bool IsCashOutPoint, decimal Received, decimal CashedOut);

/// <summary>Money between two accounts of the chain.</summary>
public sealed record ChainEdgeDto(string From, string To, decimal Amount, int Transfers);

/// <summary>A task of the case.</summary>
/// <remarks><see cref="Sla"/>: how an open task stands against its SLA now; null once closed.</remarks>
public sealed record TaskSummaryDto(
    Guid Id, string Title, string? TitleEnglish, string Role, string AgencyName, WorkItemStatus Status, string? Assignee, DateTimeOffset CreatedAt, DateTimeOffset DueAt,
    DateTimeOffset? ClosedAt, string? Outcome, SlaState? Sla = null);

/// <summary>One step of the workflow journal.</summary>
/// <remarks><see cref="WorkflowName"/> and <see cref="ActivityTitle"/> are what users read (the definition's name, a
/// task's title); null when the definition does not name it.</remarks>
public sealed record TimelineEntryDto(
    string Workflow, long Sequence, string? ActivityId, string Event, DateTimeOffset At, string Actor, string? Detail,
    LocalizedText? WorkflowName = null, LocalizedText? ActivityTitle = null);

/// <summary>A milestone reached.</summary>
public sealed record MilestoneDto(string Name, DateTimeOffset At);

internal sealed class GetCaseFileHandler(IDbContextFactory<CoordinationDbContext> contexts, IWorkflowDefinitionSource definitions, TimeProvider clock)
    : IQueryHandler<GetCaseFileQuery, CaseFileDto?>
{
    public async ValueTask<CaseFileDto?> Handle(GetCaseFileQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = CaseId.From(query.CaseId);
        var fraudCase = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (fraudCase is null)
        {
            return null;
        }

        var parties = await db.Parties.AsNoTracking().Where(p => p.CaseId == id).ToListAsync(cancellationToken);
        // The accounts the reports say the victims paid into start the chain, whether or not a payment is recorded yet.
        var reports = await db.Reports.AsNoTracking().Where(r => r.CaseId == id).ToListAsync(cancellationToken);
        var victimAccounts = reports.Select(r => r.VictimIban).OfType<Iban>().ToHashSet();
        var reportedAccounts = reports.SelectMany(r => r.Ibans).Where(i => !victimAccounts.Contains(i)).Distinct().ToList();
        var ibans = fraudCase.Transfers.SelectMany(t => new[] { t.FromIban, t.ToIban }).Concat(reportedAccounts).Distinct().ToList();
        // Agency names (banks and the agencies tasks are offered to) come from one read of the few agencies.
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, cancellationToken);
        var directory = BankDirectory.From(agencies.Values);
        string? NameOf(AgencyId? agency) => agency is { } known && agencies.TryGetValue(known, out var found) ? found.Name : null;

        // The account filter lets through only accounts this case (or another the user sees) traced itself; every other
        // account of the file — named by a report, or a counter-account in an answer — shows by its IBAN and bank only:
        // what a bank told another case about it is not this case's to see.
        var traced = await db.BankAccounts.AsNoTracking().Where(a => ibans.Contains(a.Iban)).ToDictionaryAsync(a => a.Iban, cancellationToken);
        var accounts = ibans
            .Select(i => traced.GetValueOrDefault(i) is { } known
                ? new AccountDto(i.Value, NameOf(known.BankId), known.Status.ToString(), known.HolderName)
                : new AccountDto(i.Value, NameOf(directory.BankOf(i)), nameof(AccountStatus.Unknown), null))
            .ToList();
        var rows = await db.WorkItems.AsNoTracking().Where(w => w.CaseId == id)
            .OrderBy(w => w.CreatedAt)
            .Select(w => new { w.Id, w.Title, w.TitleEnglish, w.CandidateRole, w.CandidateAgencyId, w.Status, w.Assignee, w.CreatedAt, w.DueAt, w.AtRiskAt, w.ClosedAt, w.Outcome })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var tasks = rows
            .Select(t => new TaskSummaryDto(
                t.Id.Value, t.Title, t.TitleEnglish, t.CandidateRole.ToString(), NameOf(t.CandidateAgencyId) ?? string.Empty, t.Status, t.Assignee, t.CreatedAt, t.DueAt, t.ClosedAt, t.Outcome,
                t.Status is WorkItemStatus.Open or WorkItemStatus.Claimed ? WorkItem.SlaAt(t.AtRiskAt, t.DueAt, now) : null))
            .ToList();

        // The case is as late as its most late open task (OnTrack < AtRisk < Breached): one breached task is enough.
        var openSla = tasks.Where(t => t.Sla is not null).Select(t => t.Sla!.Value).ToList();
        SlaState? caseSla = openSla.Count == 0 ? null : openSla.Max();

        // The case's workflows are found by their correlation; access to them follows from access to the case.
        var correlation = query.CaseId.ToString();
        var instances = await db.WorkflowInstances.AsNoTracking().Where(i => i.CorrelationId == correlation).ToListAsync(cancellationToken);
        var instanceIds = instances.Select(i => i.Id).ToList();
        var names = instances.ToDictionary(i => i.Id, i => i.DefinitionId);
        var journal = await db.WorkflowJournal.AsNoTracking().Where(j => instanceIds.Contains(j.InstanceId)).OrderBy(j => j.At).ThenBy(j => j.Sequence).ToListAsync(cancellationToken);
        var milestones = instances
            .SelectMany(i => WorkflowInstance.Restore(i.StateJson, i.Revision, i.CorrelationId, i.ParentInstanceId, i.ParentBookmarkId, i.CreatedAt, i.UpdatedAt).Milestones)
            .OrderBy(m => m.At)
            .Select(m => new MilestoneDto(m.Name, m.At))
            .ToList();

        var notes = (await db.CaseNotes.AsNoTracking().Where(n => n.CaseId == id).ToListAsync(cancellationToken))
            .OrderBy(n => n.WrittenAt).Select(n => new CaseNoteDto(n.Author, n.Text, n.WrittenAt)).ToList();
        var labels = await LabelsAsync(instances, cancellationToken);
        var chain = fraudCase.MuleChain(reportedAccounts);
        var assignedToName = fraudCase.AssignedTo is { } assignee
            ? await db.Users.AsNoTracking().Where(u => u.UserName == assignee).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? assignee
            : null;
        return new CaseFileDto(
            fraudCase.Id.Value, fraudCase.Number.Value, fraudCase.FraudType, fraudCase.Phase, fraudCase.EndState, fraudCase.Summary, fraudCase.ReportedDamage.Amount,
            fraudCase.ReportCount, fraudCase.OffenceDate, fraudCase.RegisteredAt, fraudCase.AssignedTo,
            [.. parties.OrderBy(p => p.Role).ThenBy(p => p.FullName).Select(p => new PartySummaryDto(p.Id.Value, p.Role, p.FullName, p.AgeAtOffence, p.IsMinorAtOffence))],
            accounts,
            [.. chain.Nodes.Select(n => new ChainNodeDto(n.Iban.Value, n.Line, n.IsCashOutPoint, n.Received.Amount, n.CashedOut.Amount))],
            [.. chain.Edges.Select(e => new ChainEdgeDto(e.From.Value, e.To.Value, e.Amount.Amount, e.TransferCount))],
            tasks,
            [.. journal.Select(j => new TimelineEntryDto(
                names[j.InstanceId], j.Sequence, j.ActivityId, j.Event, j.At, j.Actor, j.Payload,
                labels.GetValueOrDefault(j.InstanceId)?.Name,
                j.ActivityId is { } activity ? labels.GetValueOrDefault(j.InstanceId)?.Titles.GetValueOrDefault(activity) : null))],
            milestones,
            notes,
            caseSla,
            assignedToName);
    }

    // Each instance's pinned definition names the workflow and its tasks (by their title); other activities keep
    // their id.
    private async Task<Dictionary<Guid, DefinitionLabels>> LabelsAsync(IEnumerable<WorkflowInstanceRecord> instances, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<Guid, DefinitionLabels>();
        var cache = new Dictionary<(string, int), DefinitionLabels?>();
        foreach (var instance in instances)
        {
            var key = (instance.DefinitionId, instance.DefinitionVersion);
            if (!cache.TryGetValue(key, out var entry))
            {
                entry = await definitions.GetAsync(instance.DefinitionId, instance.DefinitionVersion, cancellationToken) is { } definition
                    ? new DefinitionLabels(definition.Name, definition.Flowchart.AllActivities.OfType<HumanTaskActivity>().ToDictionary(t => t.Id, t => t.Title, StringComparer.Ordinal))
                    : null;
                cache[key] = entry;
            }

            if (entry is not null)
            {
                labels[instance.Id] = entry;
            }
        }

        return labels;
    }
}

internal sealed record DefinitionLabels(LocalizedText Name, IReadOnlyDictionary<string, LocalizedText> Titles);
