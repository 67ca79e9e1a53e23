using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Common;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.Administration;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Workflow.Engine;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Features.Administration;

/// <summary>An administrator looks up every workflow of a case by its number: what each waits for, or why it stopped.</summary>
public sealed class CaseWorkflowsTests(PostgreSqlFixture postgres) : AdministratorWorld(postgres)
{
    [Fact]
    public async Task FindCaseWorkflows_WorkflowThatStartedAnother_ListsItFirstThenTheOneItStartedWithWhereEachStands()
    {
        var (parentId, _, _) = await StartForUnsavedSuspectAsync("test-parent");

        var found = await Host.QueryAsync(new FindCaseWorkflowsQuery(Case.Number.Value), Admin);

        (found.Problem, found.Found, found.CaseNumber).ShouldBe((null, true, Case.Number.Value));
        found.Instances.Count.ShouldBe(2);
        var parent = found.Instances[0];
        (parent.InstanceId, parent.Depth, parent.DefinitionId, parent.Status, parent.ParentInstanceId).ShouldBe((parentId, 0, "test-parent", WorkflowStatus.Running, (Guid?)null));
        parent.DefinitionName.ShouldBe("Test: hoofdworkflow");
        parent.WaitingAt.ShouldBe([new WaitingAtDto("child", BookmarkKind.Child)]);
        var child = found.Instances[1];
        (child.Depth, child.DefinitionId, child.Status, child.ParentInstanceId, child.IncidentActivityId).ShouldBe((1, "test-incident", WorkflowStatus.Faulted, (Guid?)parentId, "age"));
        child.IncidentMessage.ShouldNotBeNullOrWhiteSpace();
        child.WaitingAt.ShouldBeEmpty();
    }

    [Fact]
    public async Task FindCaseWorkflows_WaitingForATask_SaysWhichTask()
    {
        await StartForUnsavedSuspectAsync("test-triage");

        var found = await Host.QueryAsync(new FindCaseWorkflowsQuery(Case.Number.Value), Admin);

        found.Instances.ShouldHaveSingleItem().WaitingAt.ShouldBe([new WaitingAtDto("triage", BookmarkKind.Task)]);
    }

    [Fact]
    public async Task ReturnWorkItemToQueue_TaskHeldByAnAbsentColleague_ListedThenBackInItsQueueAndAudited()
    {
        var (instanceId, _, _) = await StartForUnsavedSuspectAsync("test-triage");
        var lead = AppHost.User("lead@test.local", Unit, Role.PoliceTeamLead);
        await using (var db = await Host.DbAsync())
        {
            var triage = await db.WorkItems.SingleAsync(w => w.WorkflowInstanceId == instanceId, Ct);
            (await Host.SendAsync(new ClaimWorkItemCommand(triage.Id.Value), lead)).Succeeded.ShouldBeTrue();
        }

        var held = (await Host.QueryAsync(new FindCaseWorkflowsQuery(Case.Number.Value), Admin)).Instances.ShouldHaveSingleItem().HeldTasks.ShouldHaveSingleItem();
        (held.ActivityId, held.Holder).ShouldBe(("triage", lead.UserName));

        var result = await Host.SendAsync(new ReturnWorkItemToQueueCommand(held.WorkItemId), Admin);

        result.Succeeded.ShouldBeTrue(result.Message);
        await using var fresh = await Host.DbAsync();
        var item = await fresh.WorkItems.AsNoTracking().SingleAsync(w => w.WorkflowInstanceId == instanceId, Ct);
        (item.Status, item.Assignee).ShouldBe((WorkItemStatus.Open, (string?)null));
        item.History[^1].Actor.ShouldBe(Admin.UserName);
        var entry = await fresh.AuditEntries.AsNoTracking().SingleAsync(a => a.ObjectType == "WorkItemHolder", Ct);
        (entry.ObjectId, entry.Actor).ShouldBe((held.WorkItemId.ToString(), Admin.UserName));
        (await Host.QueryAsync(new FindCaseWorkflowsQuery(Case.Number.Value), Admin)).Instances.Single().HeldTasks.ShouldBeEmpty();
        (await Host.SendAsync(new ReturnWorkItemToQueueCommand(held.WorkItemId), Admin)).ErrorCode.ShouldBe("work-item.not-held");
    }

    [Fact]
    public async Task FindCaseWorkflows_NumberInLowerCaseWithSpaces_FindsTheCase()
    {
        await StartForUnsavedSuspectAsync("test-triage");

        var found = await Host.QueryAsync(new FindCaseWorkflowsQuery($"  {Case.Number.Value.ToLowerInvariant()} "), Admin);

        (found.Found, found.CaseNumber, found.Instances.Count).ShouldBe((true, Case.Number.Value, 1));
    }

    [Fact]
    public async Task FindCaseWorkflows_NotACaseNumber_SaysWhyAndLooksNothingUp()
    {
        var found = await Host.QueryAsync(new FindCaseWorkflowsQuery("12345"), Admin);

        found.Problem.ShouldNotBeNull().Code.ShouldBe("case-number.format");
        found.Problem.Arguments.ShouldBe(["12345"]);
        (found.Found, found.CaseNumber, found.Instances.Count).ShouldBe((false, null, 0));
    }

    [Fact]
    public async Task FindCaseWorkflows_NoCaseWithThatNumber_SaysSo()
    {
        var other = CaseNumber.Create(Case.Number.Year, Case.Number.Sequence + 1000).Value;

        var found = await Host.QueryAsync(new FindCaseWorkflowsQuery(other), Admin);

        (found.Problem, found.Found, found.CaseNumber, found.Instances.Count).ShouldBe((null, false, other, 0));
    }

    [Fact]
    public async Task FindCaseWorkflows_CaseWithoutWorkflows_FoundWithNone()
    {
        var found = await Host.QueryAsync(new FindCaseWorkflowsQuery(Case.Number.Value), Admin);

        (found.Found, found.Instances.Count).ShouldBe((true, 0));
    }

    [Fact]
    public async Task FindCaseWorkflows_Sent_IsInTheAuditTrailWithTheAdministrator()
    {
        await Host.QueryAsync(new FindCaseWorkflowsQuery(Case.Number.Value), Admin);

        await using var db = await Host.DbAsync();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.ObjectType == "WorkflowInstances", Ct);
        (entry.Actor, entry.Action).ShouldBe((Admin.UserName, AuditAction.Read));
    }
}
