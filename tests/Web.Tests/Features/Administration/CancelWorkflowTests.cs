using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Cases;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.Administration;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Engine;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Features.Administration;

/// <summary>
/// An administrator stops a workflow for good, with a reason: the whole workflow stops, its open tasks are withdrawn,
/// and the case's unit gets a notice so the case is not forgotten.
/// </summary>
public sealed class CancelWorkflowTests(PostgreSqlFixture postgres) : AdministratorWorld(postgres)
{
    private const string Reason = "Aangifte dubbel geregistreerd; verder in de andere zaak.";

    [Fact]
    public async Task CancelWorkflow_StoppedByAnIncident_StopsItLeavesTheListAndTellsTheCasesUnit()
    {
        var instanceId = await StartAsync("test-incident");

        var result = await Host.SendAsync(new CancelWorkflowCommand(instanceId, "  " + Reason + " "), Admin);

        result.Succeeded.ShouldBeTrue(result.Message);
        (await InstanceAsync(instanceId)).Status.ShouldBe(WorkflowStatus.Cancelled);
        (await Host.QueryAsync(new ListIncidentsQuery(), Admin)).Items.ShouldBeEmpty();
        var journal = await Host.QueryAsync(new GetWorkflowJournalQuery(instanceId), Admin);
        (journal[^1].Event, journal[^1].Payload, journal[^1].Actor).ShouldBe(("Cancelled", Reason, Admin.UserName));
        var notice = (await OpenItemsAsync(CaseWorkflowEvents.WorkflowStoppedActivity)).ShouldHaveSingleItem();
        (notice.CandidateRole, notice.CandidateAgencyId, notice.WorkflowInstanceId).ShouldBe((Role.PoliceInvestigator, Case.OwningUnitId, (Guid?)null));
        notice.Title.ShouldBe($"Workflow gestopt door een beheerder: {Reason}");
        notice.TitleEnglish.ShouldBe($"Workflow stopped by an administrator: {Reason}");
    }

    [Fact]
    public async Task CancelWorkflow_Running_WithdrawsItsOpenTask()
    {
        var instanceId = await StartAsync("test-triage");
        var task = (await OpenItemsAsync("triage")).ShouldHaveSingleItem();

        var result = await Host.SendAsync(new CancelWorkflowCommand(instanceId, Reason), Admin);

        result.Succeeded.ShouldBeTrue(result.Message);
        await using var db = await Host.DbAsync();
        (await db.WorkItems.AsNoTracking().SingleAsync(w => w.Id == task.Id, Ct)).Status.ShouldBe(WorkItemStatus.Cancelled);
        (await db.WorkflowBookmarks.AsNoTracking().CountAsync(b => b.InstanceId == instanceId, Ct)).ShouldBe(0, "nothing can resume it");
    }

    [Fact]
    public async Task CancelWorkflow_PartOfALargerWorkflow_StopsTheWholeWorkflowAndTellsTheUnitOnce()
    {
        var parentId = await StartAsync("test-parent");
        var child = (await Host.QueryAsync(new ListIncidentsQuery(), Admin)).Items.ShouldHaveSingleItem();
        child.InstanceId.ShouldNotBe(parentId, "the incident is in the child");

        var result = await Host.SendAsync(new CancelWorkflowCommand(child.InstanceId, Reason), Admin);

        result.Succeeded.ShouldBeTrue(result.Message);
        (await InstanceAsync(parentId)).Status.ShouldBe(WorkflowStatus.Cancelled);
        (await InstanceAsync(child.InstanceId)).Status.ShouldBe(WorkflowStatus.Cancelled);
        var childJournal = await Host.QueryAsync(new GetWorkflowJournalQuery(child.InstanceId), Admin);
        (childJournal[^1].Event, childJournal[^1].Payload, childJournal[^1].Actor).ShouldBe(("Cancelled", Reason, Admin.UserName), "the child says who stopped it and why");
        (await OpenItemsAsync(CaseWorkflowEvents.WorkflowStoppedActivity)).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("", "workflow.reason-required")]
    [InlineData("   ", "workflow.reason-required")]
    public async Task CancelWorkflow_NoReason_RefusedAndNothingChanges(string reason, string code)
    {
        var instanceId = await StartAsync("test-incident");
        var before = (await InstanceAsync(instanceId)).Revision;

        var result = await Host.SendAsync(new CancelWorkflowCommand(instanceId, reason), Admin);

        result.ErrorCode.ShouldBe(code);
        (await InstanceAsync(instanceId)).Revision.ShouldBe(before);
        (await OpenItemsAsync(CaseWorkflowEvents.WorkflowStoppedActivity)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CancelWorkflow_ReasonTooLong_RefusedWithBothLengths()
    {
        var instanceId = await StartAsync("test-incident");

        var result = await Host.SendAsync(new CancelWorkflowCommand(instanceId, new string('x', CancelWorkflowValidator.ReasonMaxLength + 1)), Admin);

        result.ErrorCode.ShouldBe("workflow.reason-too-long");
        result.Arguments.ShouldBe([CancelWorkflowValidator.ReasonMaxLength, CancelWorkflowValidator.ReasonMaxLength + 1]);
        (await InstanceAsync(instanceId)).Status.ShouldBe(WorkflowStatus.Faulted);
    }

    [Fact]
    public async Task CancelWorkflow_AlreadyStopped_SaysItHasEndedAndTellsTheUnitOnlyOnce()
    {
        var instanceId = await StartAsync("test-incident");
        (await Host.SendAsync(new CancelWorkflowCommand(instanceId, Reason), Admin)).Succeeded.ShouldBeTrue();

        var again = await Host.SendAsync(new CancelWorkflowCommand(instanceId, Reason), Admin);

        again.ErrorCode.ShouldBe("workflow.ended");
        (await OpenItemsAsync(CaseWorkflowEvents.WorkflowStoppedActivity)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task CancelWorkflow_UnknownInstance_SaysItDoesNotExist()
    {
        var result = await Host.SendAsync(new CancelWorkflowCommand(Guid.CreateVersion7(), Reason), Admin);

        result.ErrorCode.ShouldBe("workflow.not-found");
    }

    [Fact]
    public async Task CancelWorkflow_Sent_IsInTheAuditTrailWithTheInstanceAndTheAdministrator()
    {
        var instanceId = await StartAsync("test-incident");

        await Host.SendAsync(new CancelWorkflowCommand(instanceId, Reason), Admin);

        await using var db = await Host.DbAsync();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.ObjectType == "WorkflowInstance", Ct);
        (entry.ObjectId, entry.Actor, entry.Action, entry.Purpose).ShouldBe((instanceId.ToString(), Admin.UserName, AuditAction.Cancel, Reason), "told apart from a retry, with the reason");
    }

    [Fact]
    public async Task CancelWorkflow_LongestReason_KeptWholeInTheNoticeAndTheJournal()
    {
        var instanceId = await StartAsync("test-incident");
        var longest = "Dubbel: " + new string('x', CancelWorkflowValidator.ReasonMaxLength - 9) + ".";
        longest.Length.ShouldBe(CancelWorkflowValidator.ReasonMaxLength);

        (await Host.SendAsync(new CancelWorkflowCommand(instanceId, longest), Admin)).Succeeded.ShouldBeTrue();

        var notice = (await OpenItemsAsync(CaseWorkflowEvents.WorkflowStoppedActivity)).ShouldHaveSingleItem();
        notice.Title.ShouldEndWith(longest);
        notice.TitleEnglish.ShouldNotBeNull().ShouldEndWith(longest);
        (await Host.QueryAsync(new GetWorkflowJournalQuery(instanceId), Admin))[^1].Payload.ShouldBe(longest);
    }

    [Fact]
    public async Task CancelWorkflow_CaseAlreadyClosed_StopsWithoutANotice()
    {
        var instanceId = await StartAsync("test-triage");
        await using (var db = await Host.DbAsync())
        {
            var fraudCase = await db.Cases.SingleAsync(c => c.Id == Case.Id, Ct);
            fraudCase.Close(CaseEndState.ClosedNoLeads, Clock);
            await db.SaveChangesAsync(Ct);
        }

        var result = await Host.SendAsync(new CancelWorkflowCommand(instanceId, Reason), Admin);

        result.Succeeded.ShouldBeTrue(result.Message);
        (await InstanceAsync(instanceId)).Status.ShouldBe(WorkflowStatus.Cancelled);
        (await OpenItemsAsync(CaseWorkflowEvents.WorkflowStoppedActivity)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CancelWorkflow_TwoAdministratorsAtOnce_OneStopsItAndTheOtherHearsOfTheConflictOrTheEnd()
    {
        var instanceId = await StartAsync("test-triage");
        var other = AppHost.User("admin2@test.local", Unit, Role.Administrator);

        var results = await Task.WhenAll(
            Task.Run(() => Host.SendAsync(new CancelWorkflowCommand(instanceId, Reason), Admin), Ct),
            Task.Run(() => Host.SendAsync(new CancelWorkflowCommand(instanceId, Reason), other), Ct));

        results.Count(r => r.Succeeded).ShouldBe(1);
        results.Single(r => !r.Succeeded).ErrorCode.ShouldBeOneOf("workflow.conflict-stop", "workflow.ended");
        (await OpenItemsAsync(CaseWorkflowEvents.WorkflowStoppedActivity)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Notice_OfAStoppedWorkflow_TheInvestigatorClosesItAsSeen()
    {
        var instanceId = await StartAsync("test-incident");
        await Host.SendAsync(new CancelWorkflowCommand(instanceId, Reason), Admin);
        var notice = (await OpenItemsAsync(CaseWorkflowEvents.WorkflowStoppedActivity)).ShouldHaveSingleItem();
        var investigator = AppHost.User("investigator@test.local", Unit, Role.PoliceInvestigator);

        (await Host.SendAsync(new ClaimWorkItemCommand(notice.Id.Value), investigator)).Succeeded.ShouldBeTrue();
        (await Host.QueryAsync(new GetWorkItemQuery(notice.Id.Value), investigator))!.Outcomes.ShouldBe([WorkItem.NoticeOutcome]);
        var closed = await Host.SendAsync(new CompleteWorkItemCommand(notice.Id.Value, WorkItem.NoticeOutcome, null), investigator);

        closed.Succeeded.ShouldBeTrue(closed.Message);
        (await OpenItemsAsync(CaseWorkflowEvents.WorkflowStoppedActivity)).ShouldBeEmpty();
    }

    private async Task<Guid> StartAsync(string definitionId) => (await StartForUnsavedSuspectAsync(definitionId)).InstanceId;

    private async Task<WorkflowInstanceRecord> InstanceAsync(Guid instanceId)
    {
        await using var db = await Host.DbAsync();
        return await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == instanceId, Ct);
    }

    private async Task<List<WorkItem>> OpenItemsAsync(string activityId)
    {
        await using var db = await Host.DbAsync();
        return await db.WorkItems.AsNoTracking()
            .Where(w => w.CaseId == Case.Id && w.ActivityId == activityId && (w.Status == WorkItemStatus.Open || w.Status == WorkItemStatus.Claimed))
            .ToListAsync(Ct);
    }
}
