using System.Text.Json.Nodes;
using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Cases;
using Coordination.Domain.Parties;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.Administration;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Features.Administration;

/// <summary>
/// An administrator sees the workflows an incident stopped and retries the failed step once its cause is fixed. The
/// incident is real: the "age-at-offence" step of the test definition "test-incident" reads a suspect who is not
/// there yet; saving the suspect fixes the cause.
/// </summary>
public sealed class IncidentsTests(PostgreSqlFixture postgres) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private AppHost _host = null!;
    private FraudCase _case = null!;
    private CurrentUser _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres);
        _host = AppHost.Start(_database, _clock);
        (_case, var unit) = await _host.SeedCaseAsync(_clock);
        _admin = AppHost.User("admin@test.local", unit, Role.Administrator);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ListIncidents_StepFailed_ShowsTheWorkflowStepMessageAndCaseNumber()
    {
        var (instanceId, _) = await StartStoppedAsync();

        var list = await _host.QueryAsync(new ListIncidentsQuery(), _admin);

        list.Total.ShouldBe(1);
        var incident = list.Items.ShouldHaveSingleItem();
        incident.InstanceId.ShouldBe(instanceId);
        incident.DefinitionId.ShouldBe("test-incident");
        incident.DefinitionVersion.ShouldBe(1);
        incident.DefinitionName.ShouldBe("Test: storing");
        incident.DefinitionNameEnglish.ShouldBe("Test: incident");
        incident.ActivityId.ShouldBe("age");
        incident.Message.ShouldNotBeNullOrWhiteSpace();
        incident.CaseNumber.ShouldBe(_case.Number.Value);
        incident.Since.ShouldBe(_clock.GetUtcNow());
    }

    [Fact]
    public async Task RetryWorkflow_CauseFixed_RunsOnToTheNextTaskAndLeavesTheList()
    {
        var (instanceId, suspect) = await StartStoppedAsync();
        await using (var db = await _host.DbAsync())
        {
            db.Parties.Add(suspect);
            await db.SaveChangesAsync(Ct);
        }

        var result = await _host.SendAsync(new RetryWorkflowCommand(instanceId), _admin);

        result.Succeeded.ShouldBeTrue(result.Message);
        await using var fresh = await _host.DbAsync();
        (await fresh.WorkflowInstances.SingleAsync(i => i.Id == instanceId, Ct)).Status.ShouldBe(WorkflowStatus.Running);
        (await fresh.WorkItems.SingleAsync(w => w.WorkflowInstanceId == instanceId, Ct)).Status.ShouldBe(WorkItemStatus.Open);
        (await _host.QueryAsync(new ListIncidentsQuery(), _admin)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task RetryWorkflow_CauseNotFixed_StaysStoppedAndGivesTheNewMessage()
    {
        var (instanceId, _) = await StartStoppedAsync();

        var result = await _host.SendAsync(new RetryWorkflowCommand(instanceId), _admin);

        result.ErrorCode.ShouldBe("workflow.still-failing");
        result.Arguments.ShouldHaveSingleItem().ShouldBeOfType<string>().ShouldNotBeNullOrWhiteSpace();
        (await _host.QueryAsync(new ListIncidentsQuery(), _admin)).Items.ShouldHaveSingleItem().InstanceId.ShouldBe(instanceId);
    }

    [Fact]
    public async Task RetryWorkflow_InstanceNotStopped_RefusedAndNothingChanges()
    {
        Guid instanceId;
        await using (var db = await _host.DbAsync())
        {
            instanceId = (await _host.Get<WorkflowRuntime>().StartAsync(
                _host.Get<WorkflowStores>().For(db), "test-triage", new JsonObject { ["caseId"] = _case.Id.Value.ToString() }, _case.Id.Value.ToString(), Ct)).InstanceId;
        }

        var before = await RevisionAsync(instanceId);

        var result = await _host.SendAsync(new RetryWorkflowCommand(instanceId), _admin);

        result.ErrorCode.ShouldBe("workflow.not-faulted");
        (await RevisionAsync(instanceId)).ShouldBe(before);
    }

    [Fact]
    public async Task RetryWorkflow_UnknownInstance_SaysItDoesNotExist()
    {
        var result = await _host.SendAsync(new RetryWorkflowCommand(Guid.CreateVersion7()), _admin);

        result.ErrorCode.ShouldBe("workflow.not-found");
    }

    [Fact]
    public async Task RetryWorkflow_Sent_IsInTheAuditTrailWithTheInstanceAndTheAdministrator()
    {
        var (instanceId, _) = await StartStoppedAsync();

        await _host.SendAsync(new RetryWorkflowCommand(instanceId), _admin);

        await using var db = await _host.DbAsync();
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.ObjectType == "WorkflowInstance", Ct);
        entry.ObjectId.ShouldBe(instanceId.ToString());
        entry.Actor.ShouldBe(_admin.UserName);
        entry.Action.ShouldBe(AuditAction.Update);
    }

    // Starts "test-incident" for a suspect who is not saved: the step that reads them fails, and the instance stops.
    private async Task<(Guid InstanceId, Party Suspect)> StartStoppedAsync()
    {
        var suspect = Party.Suspect(_case.Id, PartyRole.Suspect, "Sam Verdacht", new DateOnly(2001, 4, 5), new DateOnly(2026, 2, 20), _clock);
        await using var db = await _host.DbAsync();
        var started = await _host.Get<WorkflowRuntime>().StartAsync(
            _host.Get<WorkflowStores>().For(db), "test-incident",
            new JsonObject { ["caseId"] = _case.Id.Value.ToString(), ["suspectId"] = suspect.Id.Value.ToString() }, _case.Id.Value.ToString(), Ct);
        started.Status.ShouldBe(WorkflowStatus.Faulted);
        return (started.InstanceId, suspect);
    }

    private async Task<long> RevisionAsync(Guid instanceId)
    {
        await using var db = await _host.DbAsync();
        return await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.Revision).SingleAsync(Ct);
    }
}
