using System.Text.Json.Nodes;
using Coordination.Domain.Audit;
using Coordination.Domain.Parties;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.Administration;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Features.Administration;

/// <summary>
/// An administrator sees the workflows an incident stopped and retries the failed step once its cause is fixed. The
/// incident is real: the "age-at-offence" step of the test definition "test-incident" reads a suspect who is not
/// there yet; saving the suspect fixes the cause.
/// </summary>
public sealed class IncidentsTests(PostgreSqlFixture postgres) : AdministratorWorld(postgres)
{
    [Fact]
    public async Task ListIncidents_StepFailed_ShowsTheWorkflowStepMessageAndCaseNumber()
    {
        var (instanceId, _) = await StartStoppedAsync();

        var list = await Host.QueryAsync(new ListIncidentsQuery(), Admin);

        list.Total.ShouldBe(1);
        var incident = list.Items.ShouldHaveSingleItem();
        incident.InstanceId.ShouldBe(instanceId);
        incident.DefinitionId.ShouldBe("test-incident");
        incident.DefinitionVersion.ShouldBe(1);
        incident.DefinitionName.ShouldBe("Test: storing");
        incident.DefinitionNameEnglish.ShouldBe("Test: incident");
        incident.ActivityId.ShouldBe("age");
        incident.Message.ShouldNotBeNullOrWhiteSpace();
        incident.CaseNumber.ShouldBe(Case.Number.Value);
        incident.Since.ShouldBe(Clock.GetUtcNow());
    }

    [Fact]
    public async Task GetWorkflowJournal_StoppedInstance_NewestLinesInOrderEndingWithTheFault()
    {
        var (instanceId, _) = await StartStoppedAsync();

        var journal = await Host.QueryAsync(new GetWorkflowJournalQuery(instanceId), Admin);

        journal.Select(l => l.Sequence).ShouldBeInOrder();
        journal[0].Event.ShouldBe("Started");
        var fault = journal[^1];
        (fault.ActivityId, fault.Event).ShouldBe(("age", "Faulted"));
        fault.Payload.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task RetryWorkflow_CauseFixed_RunsOnToTheNextTaskAndLeavesTheList()
    {
        var (instanceId, suspect) = await StartStoppedAsync();
        await using (var db = await Host.DbAsync())
        {
            db.Parties.Add(suspect);
            await db.SaveChangesAsync(Ct);
        }

        var result = await Host.SendAsync(new RetryWorkflowCommand(instanceId), Admin);

        result.Succeeded.ShouldBeTrue(result.Message);
        await using var fresh = await Host.DbAsync();
        (await fresh.WorkflowInstances.SingleAsync(i => i.Id == instanceId, Ct)).Status.ShouldBe(WorkflowStatus.Running);
        (await fresh.WorkItems.SingleAsync(w => w.WorkflowInstanceId == instanceId, Ct)).Status.ShouldBe(WorkItemStatus.Open);
        (await Host.QueryAsync(new ListIncidentsQuery(), Admin)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task RetryWorkflow_CauseNotFixed_StaysStoppedAndGivesTheNewMessage()
    {
        var (instanceId, _) = await StartStoppedAsync();

        var result = await Host.SendAsync(new RetryWorkflowCommand(instanceId), Admin);

        result.ErrorCode.ShouldBe("workflow.still-failing");
        result.Arguments.ShouldHaveSingleItem().ShouldBeOfType<string>().ShouldNotBeNullOrWhiteSpace();
        (await Host.QueryAsync(new ListIncidentsQuery(), Admin)).Items.ShouldHaveSingleItem().InstanceId.ShouldBe(instanceId);
    }

    [Fact]
    public async Task RetryWorkflow_InstanceNotStopped_RefusedAndNothingChanges()
    {
        Guid instanceId;
        await using (var db = await Host.DbAsync())
        {
            instanceId = (await Host.Get<WorkflowRuntime>().StartAsync(
                Host.Get<WorkflowStores>().For(db), "test-triage", new JsonObject { ["caseId"] = Case.Id.Value.ToString() }, Case.Id.Value.ToString(), Ct)).InstanceId;
        }

        var before = await RevisionAsync(instanceId);

        var result = await Host.SendAsync(new RetryWorkflowCommand(instanceId), Admin);

        result.ErrorCode.ShouldBe("workflow.not-faulted");
        (await RevisionAsync(instanceId)).ShouldBe(before);
    }

    [Fact]
    public async Task RetryWorkflow_UnknownInstance_SaysItDoesNotExist()
    {
        var result = await Host.SendAsync(new RetryWorkflowCommand(Guid.CreateVersion7()), Admin);

        result.ErrorCode.ShouldBe("workflow.not-found");
    }

    [Fact]
    public async Task RetryWorkflow_Sent_IsInTheAuditTrailWithTheInstanceAndTheAdministrator()
    {
        var (instanceId, _) = await StartStoppedAsync();

        await Host.SendAsync(new RetryWorkflowCommand(instanceId), Admin);

        await using var db = await Host.DbAsync();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.ObjectType == "WorkflowInstance", Ct);
        entry.ObjectId.ShouldBe(instanceId.ToString());
        entry.Actor.ShouldBe(Admin.UserName);
        entry.Action.ShouldBe(AuditAction.Update);
    }

    // Starts "test-incident" for a suspect who is not saved: the step that reads them fails, and the instance stops.
    private async Task<(Guid InstanceId, Party Suspect)> StartStoppedAsync()
    {
        var (instanceId, suspect, status) = await StartForUnsavedSuspectAsync("test-incident");
        status.ShouldBe(WorkflowStatus.Faulted);
        return (instanceId, suspect);
    }

    private async Task<long> RevisionAsync(Guid instanceId)
    {
        await using var db = await Host.DbAsync();
        return await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.Revision).SingleAsync(Ct);
    }
}
