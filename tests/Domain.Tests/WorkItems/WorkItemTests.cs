using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.WorkItems;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;
using static Coordination.Domain.Tests.TestData;

namespace Coordination.Domain.Tests.WorkItems;

public sealed class WorkItemTests
{
    private const string Title = "Beantwoord vordering";

    private readonly FakeTimeProvider _clock = Clock();
    private readonly CaseId _caseId = CaseId.From(Guid.NewGuid());
    private readonly AgencyId _bankId = AgencyId.From(Guid.NewGuid());

    [Fact]
    public void Create_ValidInput_IsOpenWithCreatedHistory()
    {
        var workflowId = Guid.NewGuid();
        var due = new DateTimeOffset(2026, 3, 9, 12, 0, 0, TimeSpan.FromHours(1));

        var item = WorkItem.Create(_caseId, "  " + Title + " ", _bankId, Role.BankFraudOfficer, due, _clock, workflowId, "S11");

        item.Status.ShouldBe(WorkItemStatus.Open);
        item.Title.ShouldBe(Title);
        item.CaseId.ShouldBe(_caseId);
        item.CandidateAgencyId.ShouldBe(_bankId);
        item.CandidateRole.ShouldBe(Role.BankFraudOfficer);
        item.DueAt.ShouldBe(due);
        item.DueAt.Offset.ShouldBe(TimeSpan.Zero);
        item.CreatedAt.ShouldBe(Now);
        item.WorkflowInstanceId.ShouldBe(workflowId);
        item.ActivityId.ShouldBe("S11");
        item.Assignee.ShouldBeNull();
        item.History.ShouldBe([new WorkItemEvent(WorkItemEventKind.Created, Now, WorkItem.SystemActor, null)]);
    }

    [Fact]
    public void Create_DueInThePast_ThrowsDuePast()
    {
        var exception = ShouldFailWith(
            () => WorkItem.Create(_caseId, Title, _bankId, Role.BankFraudOfficer, Now.AddMinutes(-1), _clock), "work-item.due-past");

        exception.Message.ShouldContain("cannot be due in the past");
    }

    [Fact]
    public void Create_UnknownRole_ThrowsUnknownValue()
    {
        ShouldFailWith(() => WorkItem.Create(_caseId, Title, _bankId, (Role)99, Now.AddDays(1), _clock), "field.unknown-value");
    }

    [Fact]
    public void Create_OfferedAgainWithAReason_KeepsTheReasonAndItsCode()
    {
        var item = WorkItem.Create(_caseId, Title, _bankId, Role.BankFraudOfficer, Now.AddDays(1), _clock, refusal: " Periode te ruim. ", refusalCode: "order.rejected");

        (item.Refusal, item.RefusalCode).ShouldBe(("Periode te ruim.", "order.rejected"));
    }

    [Fact]
    public void Create_CodeWithoutAReason_KeepsNeither()
    {
        var item = WorkItem.Create(_caseId, Title, _bankId, Role.BankFraudOfficer, Now.AddDays(1), _clock, refusal: "  ", refusalCode: "order.rejected");

        (item.Refusal, item.RefusalCode).ShouldBe((null, null));
    }

    [Fact]
    public void Create_ReasonLongerThanAllowed_ThrowsTooLong()
    {
        ShouldFailWith(
            () => WorkItem.Create(_caseId, Title, _bankId, Role.BankFraudOfficer, Now.AddDays(1), _clock, refusal: new string('x', WorkItem.RefusalMaxLength + 1)),
            "field.too-long");
    }

    [Fact]
    public void Claim_OpenItem_IsClaimedByTheUser()
    {
        var item = NewItem();
        _clock.Advance(TimeSpan.FromMinutes(5));

        item.Claim(" alice ", _clock);

        item.Status.ShouldBe(WorkItemStatus.Claimed);
        item.Assignee.ShouldBe("alice");
        item.History[^1].ShouldBe(new WorkItemEvent(WorkItemEventKind.Claimed, Now.AddMinutes(5), "alice", "alice"));
    }

    [Fact]
    public void Claim_ClaimedBySomeoneElse_ThrowsClaimedByOtherNamingTheHolder()
    {
        var item = NewItem();
        item.Claim("alice", _clock);

        var exception = ShouldFailWith(() => item.Claim("bob", _clock), "work-item.claimed-by-other");

        exception.Message.ShouldBe($"The task '{Title}' was already claimed by alice.");
        item.Assignee.ShouldBe("alice");
        item.History.Count.ShouldBe(2);
    }

    [Fact]
    public void Claim_AlreadyHeldByTheUser_ThrowsAlreadyYours()
    {
        var item = NewItem();
        item.Claim("alice", _clock);

        ShouldFailWith(() => item.Claim("alice", _clock), "work-item.already-yours").Message.ShouldContain("You already hold");
    }

    [Fact]
    public void Claim_NoUser_ThrowsRequired()
    {
        var item = NewItem();

        ShouldFailWith(() => item.Claim("  ", _clock), "field.required");
        item.Status.ShouldBe(WorkItemStatus.Open);
    }

    [Fact]
    public void Complete_NotClaimed_ThrowsNotClaimed()
    {
        var item = NewItem();

        var exception = ShouldFailWith(() => item.Complete("alice", "done", null, _clock), "work-item.not-claimed");

        exception.Message.ShouldBe($"Claim the task '{Title}' before you complete it.");
        item.Status.ShouldBe(WorkItemStatus.Open);
    }

    [Fact]
    public void Complete_HeldBySomeoneElse_ThrowsHeldByOtherNamingTheHolder()
    {
        var item = NewItem();
        item.Claim("alice", _clock);

        var exception = ShouldFailWith(() => item.Complete("bob", "done", null, _clock), "work-item.held-by-other");

        exception.Message.ShouldBe($"The task '{Title}' is held by alice; only they can complete it.");
        item.Status.ShouldBe(WorkItemStatus.Claimed);
    }

    [Fact]
    public void Complete_ClaimedByUser_RecordsOutcomeAndCloses()
    {
        var item = NewItem();
        item.Claim("alice", _clock);
        _clock.Advance(TimeSpan.FromHours(1));

        item.Complete("alice", " answered ", """{"balance":12.5}""", _clock);

        item.Status.ShouldBe(WorkItemStatus.Completed);
        item.Outcome.ShouldBe("answered");
        item.FormData.ShouldBe("""{"balance":12.5}""");
        item.ClosedAt.ShouldBe(Now.AddHours(1));
        item.History[^1].Kind.ShouldBe(WorkItemEventKind.Completed);
    }

    [Fact]
    public void Complete_NoOutcome_ThrowsRequired()
    {
        var item = NewItem();
        item.Claim("alice", _clock);

        ShouldFailWith(() => item.Complete("alice", " ", null, _clock), "field.required").Message.ShouldBe("Outcome is required.");
        item.Status.ShouldBe(WorkItemStatus.Claimed);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("bob")]
    public void Complete_AlreadyCompleted_ThrowsAlreadyCompletedNamingWho(string secondUser)
    {
        var item = NewItem();
        item.Claim("alice", _clock);
        item.Complete("alice", "answered", null, _clock);

        var exception = ShouldFailWith(() => item.Complete(secondUser, "answered", null, _clock), "work-item.already-completed");

        exception.Message.ShouldBe($"The task '{Title}' was already completed by alice.");
        item.History.Count(e => e.Kind == WorkItemEventKind.Completed).ShouldBe(1);
    }

    [Fact]
    public void Release_ByHolder_ReturnsItemToQueue()
    {
        var item = NewItem();
        item.Claim("alice", _clock);

        item.Release("alice", _clock);

        item.Status.ShouldBe(WorkItemStatus.Open);
        item.Assignee.ShouldBeNull();
        item.History[^1].ShouldBe(new WorkItemEvent(WorkItemEventKind.Released, Now, "alice", null));
    }

    [Fact]
    public void Release_ByNonHolder_ThrowsHeldByOther()
    {
        var item = NewItem();
        item.Claim("alice", _clock);

        var exception = ShouldFailWith(() => item.Release("bob", _clock), "work-item.held-by-other");

        exception.Message.ShouldBe($"The task '{Title}' is held by alice; only they can release it.");
        item.Assignee.ShouldBe("alice");
    }

    [Fact]
    public void Release_OpenItem_ThrowsNotClaimed()
    {
        var item = NewItem();

        ShouldFailWith(() => item.Release("alice", _clock), "work-item.not-claimed")
            .Message.ShouldBe($"Claim the task '{Title}' before you release it.");
    }

    [Fact]
    public void ReturnToQueue_HeldBySomeoneElse_OpenAgainWithTheAdministratorRecorded()
    {
        var item = NewItem();
        item.Claim("alice", _clock);

        item.ReturnToQueue("admin", _clock);

        item.Status.ShouldBe(WorkItemStatus.Open);
        item.Assignee.ShouldBeNull();
        item.History[^1].ShouldBe(new WorkItemEvent(WorkItemEventKind.Released, Now, "admin", null));
    }

    [Fact]
    public void ReturnToQueue_NotHeld_ThrowsNotHeld()
    {
        var item = NewItem();

        ShouldFailWith(() => item.ReturnToQueue("admin", _clock), "work-item.not-held")
            .Message.ShouldBe($"The task '{Title}' is not held by anyone; it is in its queue already.");
    }

    [Fact]
    public void AssignTo_ClaimedItem_HandsItToTheAssignee()
    {
        var item = NewItem();
        item.Claim("alice", _clock);

        item.AssignTo("bob", "lead", _clock);

        item.Status.ShouldBe(WorkItemStatus.Claimed);
        item.Assignee.ShouldBe("bob");
        item.History[^1].ShouldBe(new WorkItemEvent(WorkItemEventKind.Assigned, Now, "lead", "bob"));
        item.Complete("bob", "answered", null, _clock);
        item.Status.ShouldBe(WorkItemStatus.Completed);
    }

    [Fact]
    public void AssignTo_OpenItem_IsClaimedForTheAssignee()
    {
        var item = NewItem();

        item.AssignTo("bob", "lead", _clock);

        item.Status.ShouldBe(WorkItemStatus.Claimed);
        ShouldFailWith(() => item.Claim("alice", _clock), "work-item.claimed-by-other").Message.ShouldContain("claimed by bob");
    }

    [Fact]
    public void Cancel_OpenItem_IsCancelledAndClosed()
    {
        var item = NewItem();
        _clock.Advance(TimeSpan.FromHours(2));

        item.Cancel(WorkItem.SystemActor, _clock);

        item.Status.ShouldBe(WorkItemStatus.Cancelled);
        item.ClosedAt.ShouldBe(Now.AddHours(2));
        item.Assignee.ShouldBeNull();
    }

    [Theory]
    [InlineData("claim")]
    [InlineData("release")]
    [InlineData("complete")]
    [InlineData("assign")]
    [InlineData("cancel")]
    [InlineData("reschedule")]
    public void AnyAction_CancelledItem_ThrowsClosed(string action)
    {
        var item = NewItem();
        item.Claim("alice", _clock);
        item.Cancel("lead", _clock);
        var due = item.DueAt;

        Action act = action switch
        {
            "claim" => () => item.Claim("bob", _clock),
            "release" => () => item.Release("alice", _clock),
            "complete" => () => item.Complete("alice", "done", null, _clock),
            "assign" => () => item.AssignTo("bob", "lead", _clock),
            "cancel" => () => item.Cancel("lead", _clock),
            _ => () => item.Reschedule(Now.AddDays(30)),
        };

        var exception = ShouldFailWith(act, "work-item.closed");
        exception.Message.ShouldBe($"The task '{Title}' is cancelled and can no longer change.");
        item.Status.ShouldBe(WorkItemStatus.Cancelled);
        item.DueAt.ShouldBe(due);
        item.History.Count.ShouldBe(3);
    }

    [Fact]
    public void Claim_CompletedItem_ThrowsClosed()
    {
        var item = NewItem();
        item.Claim("alice", _clock);
        item.Complete("alice", "answered", null, _clock);

        ShouldFailWith(() => item.Claim("bob", _clock), "work-item.closed").Message.ShouldContain("is completed");
    }

    [Fact]
    public void Reschedule_OpenItem_MovesTheDueTime()
    {
        var item = NewItem();
        var later = new DateTimeOffset(2026, 3, 20, 17, 0, 0, TimeSpan.FromHours(1));

        item.Reschedule(later);

        item.DueAt.ShouldBe(later);
        item.DueAt.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void IsOverdue_AroundDueTime_IsTrueOnlyAfterItWhileActive()
    {
        var item = NewItem(due: Now.AddDays(1));

        item.IsOverdue(Now.AddDays(1)).ShouldBeFalse();
        item.IsOverdue(Now.AddDays(1).AddTicks(1)).ShouldBeTrue();

        item.Claim("alice", _clock);
        item.IsOverdue(Now.AddDays(2)).ShouldBeTrue();

        item.Complete("alice", "answered", null, _clock);
        item.IsOverdue(Now.AddDays(2)).ShouldBeFalse();
    }

    [Fact]
    public void QueueTimeAndWorkTime_ClaimReleaseClaimComplete_SumThePeriods()
    {
        // t0 created, t0+2h claimed, t0+3h released, t0+5h claimed, t0+6h completed.
        var item = NewItem();
        _clock.Advance(TimeSpan.FromHours(2));
        item.Claim("alice", _clock);
        _clock.Advance(TimeSpan.FromHours(1));
        item.Release("alice", _clock);
        _clock.Advance(TimeSpan.FromHours(2));
        item.Claim("bob", _clock);
        _clock.Advance(TimeSpan.FromHours(1));
        item.Complete("bob", "answered", null, _clock);

        var later = Now.AddDays(3);
        item.QueueTime(later).ShouldBe(TimeSpan.FromHours(4));
        item.WorkTime(later).ShouldBe(TimeSpan.FromHours(2));
        item.History.Select(e => e.At - Now).ShouldBe(
            [TimeSpan.Zero, TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromHours(5), TimeSpan.FromHours(6)]);
    }

    [Fact]
    public void QueueTime_StillOpen_CountsUpToTheGivenMoment()
    {
        var item = NewItem();

        item.QueueTime(Now.AddHours(7)).ShouldBe(TimeSpan.FromHours(7));
        item.WorkTime(Now.AddHours(7)).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void WorkTime_StillClaimed_CountsUpToTheGivenMoment()
    {
        var item = NewItem();
        _clock.Advance(TimeSpan.FromMinutes(30));
        item.Claim("alice", _clock);

        item.WorkTime(Now.AddHours(2)).ShouldBe(TimeSpan.FromMinutes(90));
        item.QueueTime(Now.AddHours(2)).ShouldBe(TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void WorkTime_ReassignedWhileHeld_CountsBothHolders()
    {
        var item = NewItem();
        _clock.Advance(TimeSpan.FromHours(1));
        item.Claim("alice", _clock);
        _clock.Advance(TimeSpan.FromHours(1));
        item.AssignTo("bob", "lead", _clock);
        _clock.Advance(TimeSpan.FromHours(3));
        item.Complete("bob", "answered", null, _clock);

        item.WorkTime(Now.AddDays(1)).ShouldBe(TimeSpan.FromHours(4));
        item.QueueTime(Now.AddDays(1)).ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void QueueTime_Cancelled_StopsAtCancellation()
    {
        var item = NewItem();
        _clock.Advance(TimeSpan.FromHours(5));
        item.Cancel(WorkItem.SystemActor, _clock);

        item.QueueTime(Now.AddDays(10)).ShouldBe(TimeSpan.FromHours(5));
    }

    private WorkItem NewItem(DateTimeOffset? due = null) =>
        WorkItem.Create(_caseId, Title, _bankId, Role.BankFraudOfficer, due ?? Now.AddDays(5), _clock);
}
