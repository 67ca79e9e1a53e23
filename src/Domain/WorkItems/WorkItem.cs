using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;

namespace Coordination.Domain.WorkItems;

/// <summary>Identifies a <see cref="WorkItem"/>.</summary>
public readonly record struct WorkItemId(Guid Value) : ITypedId<WorkItemId>
{
    /// <inheritdoc />
    public static WorkItemId From(Guid value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>Life cycle of a human task.</summary>
public enum WorkItemStatus
{
    /// <summary>Offered to a role at an agency; nobody works on it.</summary>
    Open,

    /// <summary>Someone claimed it and works on it.</summary>
    Claimed,

    /// <summary>Done, with an outcome.</summary>
    Completed,

    /// <summary>No longer needed (e.g. another branch of the workflow won).</summary>
    Cancelled,
}

/// <summary>How a task stands against its SLA.</summary>
public enum SlaState
{
    /// <summary>Comfortably within its due time.</summary>
    OnTrack,

    /// <summary>Less than a quarter of its time left.</summary>
    AtRisk,

    /// <summary>Past its due time.</summary>
    Breached,
}

/// <summary>What happened to a work item.</summary>
public enum WorkItemEventKind
{
    /// <summary>Created and offered.</summary>
    Created,

    /// <summary>Claimed by the actor.</summary>
    Claimed,

    /// <summary>Released back to the queue.</summary>
    Released,

    /// <summary>Assigned by a team lead to someone.</summary>
    Assigned,

    /// <summary>Completed.</summary>
    Completed,

    /// <summary>Cancelled.</summary>
    Cancelled,

    /// <summary>Past (a share of) its SLA: the escalation role was told. The holder does not change.</summary>
    Escalated,
}

/// <summary>One entry of a work item's history. <paramref name="Assignee"/> is who holds the item afterwards.</summary>
public sealed record WorkItemEvent(WorkItemEventKind Kind, DateTimeOffset At, string Actor, string? Assignee);

/// <summary>
/// A human task offered to a role at an agency: claimed by one person, worked, completed with an outcome and form
/// data. Its history keeps every hand-over with a timestamp so queue time and work time can be measured.
/// </summary>
public sealed class WorkItem : AggregateRoot<WorkItemId>
{
    /// <summary>Maximum length of <see cref="Title"/>.</summary>
    public const int TitleMaxLength = 200;

    /// <summary>Maximum length of a user name (actor, assignee).</summary>
    public const int UserMaxLength = 256;

    /// <summary>Maximum length of <see cref="Outcome"/>.</summary>
    public const int OutcomeMaxLength = 64;

    /// <summary>Maximum length of <see cref="ActivityId"/>.</summary>
    public const int ActivityIdMaxLength = 100;

    /// <summary>Maximum length of <see cref="Subject"/>.</summary>
    public const int SubjectMaxLength = 200;

    /// <summary>
    /// Longest reason a task is offered again for (a refused rule's message, a prosecutor's words): as long as a task's
    /// whole form data may be, so what someone typed as the reason always reaches the next task whole.
    /// </summary>
    public const int RefusalMaxLength = 65_536;

    /// <summary>Longest code of that reason.</summary>
    public const int RefusalCodeMaxLength = 100;

    /// <summary>Actor recorded for changes made by the system itself (workflow, timers).</summary>
    public const string SystemActor = "system";

    /// <summary>The one outcome of a notice (a work item that only tells someone something): whoever holds it has seen it.</summary>
    public const string NoticeOutcome = "Noted";

    private readonly List<WorkItemEvent> _history = [];

    private WorkItem() { } // EF

    /// <summary>The case the task belongs to.</summary>
    public CaseId CaseId { get; private set; }

    /// <summary>The workflow instance that created it; null for a task created by hand.</summary>
    public Guid? WorkflowInstanceId { get; private set; }

    /// <summary>The workflow activity that created it.</summary>
    public string? ActivityId { get; private set; }

    /// <summary>Short description of what to do.</summary>
    public string Title { get; private set; } = null!;

    /// <summary>The agency whose people may take it.</summary>
    public AgencyId CandidateAgencyId { get; private set; }

    /// <summary>The role that may take it.</summary>
    public Role CandidateRole { get; private set; }

    /// <summary>Who holds it now.</summary>
    public string? Assignee { get; private set; }

    /// <summary>Status.</summary>
    public WorkItemStatus Status { get; private set; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it is due (SLA).</summary>
    public DateTimeOffset DueAt { get; private set; }

    /// <summary>From when it is at risk: when less than <see cref="AtRiskShare"/> of its time is left. Stored, so a
    /// queue can filter and sort on it in the database.</summary>
    public DateTimeOffset AtRiskAt { get; private set; }

    /// <summary>Share of a task's time left below which it counts as at risk [ASSUMPTION, cf. escalation at 75%].</summary>
    public const double AtRiskShare = 0.25;

    /// <summary>When it was completed or cancelled.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The outcome chosen on completion (a port of the workflow activity).</summary>
    public string? Outcome { get; private set; }

    /// <summary>Form data entered on completion, as JSON.</summary>
    public string? FormData { get; private set; }

    /// <summary>English title, when the workflow gives one (the UI falls back to <see cref="Title"/>).</summary>
    public string? TitleEnglish { get; private set; }

    /// <summary>What the task is about when its title does not say (e.g. the account a trace's task is for).</summary>
    public string? Subject { get; private set; }

    /// <summary>
    /// Why this task is offered again: what was entered on it before was refused (a domain rule, a prosecutor sending
    /// an order back). It belongs to this task only, not to others of its workflow open at the same time.
    /// </summary>
    public string? Refusal { get; private set; }

    /// <summary>The code of <see cref="Refusal"/>, for its text in the user's language.</summary>
    public string? RefusalCode { get; private set; }

    /// <summary>When the task was escalated (null when it was not).</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }

    /// <summary>The role told about the escalation, with its agency.</summary>
    public Role? EscalatedToRole { get; private set; }

    /// <summary>The agency of <see cref="EscalatedToRole"/>.</summary>
    public AgencyId? EscalatedToAgencyId { get; private set; }

    /// <summary>Every hand-over in order.</summary>
    public IReadOnlyList<WorkItemEvent> History => _history;

    /// <summary>Creates and offers a task.</summary>
    public static WorkItem Create(
        CaseId caseId, string title, AgencyId candidateAgencyId, Role candidateRole, DateTimeOffset dueAt, TimeProvider clock,
        Guid? workflowInstanceId = null, string? activityId = null, WorkItemId? id = null, string? titleEnglish = null, string? subject = null,
        string? refusal = null, string? refusalCode = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        if (dueAt < now)
        {
            throw new DomainException("work-item.due-past", $"A new task cannot be due in the past ({dueAt:yyyy-MM-dd HH:mm}).", dueAt);
        }

        var reason = Guard.Optional(refusal, "Refusal", RefusalMaxLength);
        var item = new WorkItem
        {
            Id = id ?? WorkItemId.From(Guid.CreateVersion7()),
            CaseId = caseId,
            TitleEnglish = Guard.Optional(titleEnglish, "English title", TitleMaxLength),
            Title = Guard.Required(title, "Title", TitleMaxLength),
            CandidateAgencyId = candidateAgencyId,
            CandidateRole = Guard.Defined(candidateRole, "Role"),
            DueAt = dueAt.ToUniversalTime(),
            AtRiskAt = AtRiskFrom(now, dueAt.ToUniversalTime()),
            CreatedAt = now,
            Status = WorkItemStatus.Open,
            WorkflowInstanceId = workflowInstanceId,
            ActivityId = Guard.Optional(activityId, "Activity", ActivityIdMaxLength),
            Subject = Guard.Optional(subject, "Subject", SubjectMaxLength),
            Refusal = reason,

            // A code without a reason would name a refusal nobody can read.
            RefusalCode = reason is null ? null : Guard.Optional(refusalCode, "Refusal code", RefusalCodeMaxLength),
        };
        item._history.Add(new WorkItemEvent(WorkItemEventKind.Created, now, SystemActor, null));
        return item;
    }

    /// <summary>True when the task is past its due time at <paramref name="now"/> and not closed.</summary>
    public bool IsOverdue(DateTimeOffset now) => Status is WorkItemStatus.Open or WorkItemStatus.Claimed && now > DueAt;

    /// <summary>Takes the task.</summary>
    public void Claim(string user, TimeProvider clock)
    {
        var actor = Guard.Required(user, "User", UserMaxLength);
        EnsureActive();
        if (Status == WorkItemStatus.Claimed)
        {
            throw Assignee == actor
                ? new DomainException("work-item.already-yours", $"You already hold the task '{Title}'.", Title)
                : new DomainException("work-item.claimed-by-other", $"The task '{Title}' was already claimed by {Assignee}.", Title, Assignee);
        }

        Record(WorkItemEventKind.Claimed, actor, actor, clock);
        Status = WorkItemStatus.Claimed;
    }

    /// <summary>Gives the task back to the queue; only its holder can.</summary>
    public void Release(string user, TimeProvider clock)
    {
        var actor = Guard.Required(user, "User", UserMaxLength);
        EnsureHeldBy(actor, "release");
        Record(WorkItemEventKind.Released, actor, null, clock);
        Status = WorkItemStatus.Open;
    }

    /// <summary>
    /// An administrator puts a task someone holds back in its queue (its holder is away, and the agency has no team
    /// lead who could reassign it), so a colleague with the role can take it.
    /// </summary>
    public void ReturnToQueue(string administrator, TimeProvider clock)
    {
        var by = Guard.Required(administrator, "User", UserMaxLength);
        EnsureActive();
        if (Status != WorkItemStatus.Claimed)
        {
            throw new DomainException("work-item.not-held", $"The task '{Title}' is not held by anyone; it is in its queue already.", Title);
        }

        Record(WorkItemEventKind.Released, by, null, clock);
        Status = WorkItemStatus.Open;
    }

    /// <summary>A team lead hands the task to a person (re-balancing).</summary>
    public void AssignTo(string assignee, string assignedBy, TimeProvider clock)
    {
        var to = Guard.Required(assignee, "Assignee", UserMaxLength);
        var by = Guard.Required(assignedBy, "User", UserMaxLength);
        EnsureActive();
        Record(WorkItemEventKind.Assigned, by, to, clock);
        Status = WorkItemStatus.Claimed;
    }

    /// <summary>Finishes the task with an outcome and the form data.</summary>
    public void Complete(string user, string outcome, string? formData, TimeProvider clock)
    {
        var actor = Guard.Required(user, "User", UserMaxLength);
        var chosen = Guard.Required(outcome, "Outcome", OutcomeMaxLength);
        if (Status == WorkItemStatus.Completed)
        {
            var completedBy = _history.LastOrDefault(e => e.Kind == WorkItemEventKind.Completed)?.Actor;
            throw new DomainException("work-item.already-completed", $"The task '{Title}' was already completed by {completedBy}.", Title, completedBy);
        }

        EnsureHeldBy(actor, "complete");
        Record(WorkItemEventKind.Completed, actor, actor, clock);
        Status = WorkItemStatus.Completed;
        Outcome = chosen;
        FormData = formData;
        ClosedAt = clock.GetUtcNow();
    }

    /// <summary>Withdraws the task (by the workflow or a team lead).</summary>
    public void Cancel(string actor, TimeProvider clock)
    {
        var by = Guard.Required(actor, "User", UserMaxLength);
        EnsureActive();
        Record(WorkItemEventKind.Cancelled, by, null, clock);
        Status = WorkItemStatus.Cancelled;
        ClosedAt = clock.GetUtcNow();
    }

    /// <summary>Records that the task is late and who was told; only an open or claimed task escalates.</summary>
    public void Escalate(Role role, AgencyId agencyId, TimeProvider clock)
    {
        EnsureActive();
        Record(WorkItemEventKind.Escalated, SystemActor, Assignee, clock);
        EscalatedAt = clock.GetUtcNow();
        EscalatedToRole = Guard.Defined(role, "Role");
        EscalatedToAgencyId = agencyId;
    }

    /// <summary>Moves the due time (a team lead extends a deadline).</summary>
    public void Reschedule(DateTimeOffset dueAt)
    {
        EnsureActive();
        DueAt = dueAt.ToUniversalTime();
        AtRiskAt = AtRiskFrom(CreatedAt, DueAt);
    }

    /// <summary>How the task stands against its SLA at <paramref name="now"/>.</summary>
    public static SlaState SlaAt(DateTimeOffset atRiskAt, DateTimeOffset dueAt, DateTimeOffset now) =>
        now > dueAt ? SlaState.Breached : now >= atRiskAt ? SlaState.AtRisk : SlaState.OnTrack;

    /// <summary>Time spent waiting in a queue (open, unclaimed) up to <paramref name="until"/>.</summary>
    public TimeSpan QueueTime(DateTimeOffset until) => Sum(until, open: true);

    /// <summary>Time spent held by someone up to <paramref name="until"/>.</summary>
    public TimeSpan WorkTime(DateTimeOffset until) => Sum(until, open: false);

    private TimeSpan Sum(DateTimeOffset until, bool open)
    {
        // Walk the history keeping the state each event leaves the item in; an escalation changes nobody's hold,
        // so the period it falls in simply goes on.
        var total = TimeSpan.Zero;
        bool? held = null;
        for (var i = 0; i < _history.Count; i++)
        {
            var e = _history[i];
            held = e.Kind switch
            {
                WorkItemEventKind.Created or WorkItemEventKind.Released => false,
                WorkItemEventKind.Claimed or WorkItemEventKind.Assigned => true,
                WorkItemEventKind.Completed or WorkItemEventKind.Cancelled => null,
                _ => held,
            };
            if (held == !open)
            {
                var end = i + 1 < _history.Count ? _history[i + 1].At : until;
                if (end > e.At)
                {
                    total += end - e.At;
                }
            }
        }

        return total;
    }

    private static DateTimeOffset AtRiskFrom(DateTimeOffset createdAt, DateTimeOffset dueAt) =>
        dueAt <= createdAt ? dueAt : createdAt + TimeSpan.FromTicks((long)((dueAt - createdAt).Ticks * (1 - AtRiskShare)));

    private void Record(WorkItemEventKind kind, string actor, string? assignee, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _history.Add(new WorkItemEvent(kind, clock.GetUtcNow(), actor, assignee));
        Assignee = assignee;
    }

    private void EnsureActive()
    {
        if (Status is WorkItemStatus.Completed or WorkItemStatus.Cancelled)
        {
            throw new DomainException("work-item.closed", $"The task '{Title}' is {Status.ToString().ToLowerInvariant()} and can no longer change.", Title, Status.ToString());
        }
    }

    private void EnsureHeldBy(string actor, string action)
    {
        EnsureActive();
        if (Status != WorkItemStatus.Claimed)
        {
            throw new DomainException("work-item.not-claimed", $"Claim the task '{Title}' before you {action} it.", Title, action);
        }

        if (Assignee != actor)
        {
            throw new DomainException("work-item.held-by-other", $"The task '{Title}' is held by {Assignee}; only they can {action} it.", Title, Assignee, action);
        }
    }
}
