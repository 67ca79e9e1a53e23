using System.Text.Json.Nodes;
using Coordination.Web.Features.Administration;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Features.Administration;

/// <summary>
/// Administrators publish new definition versions as JSON: checked as at start-up (validator and host rules), refused
/// with every problem at its activity, never overwriting a published version; new workflows start on the newest one,
/// also in another app process.
/// </summary>
public sealed class WorkflowDefinitionsTests(PostgreSqlFixture postgres) : AdministratorWorld(postgres)
{
    [Fact]
    public async Task PublishWorkflowDefinition_NextVersion_StoredListedAndNewWorkflowsStartOnIt()
    {
        var running = await StartAsync(Host);
        var json = await TriageAsync(version: 2, title: "Triage (herzien)");

        var result = await Host.SendAsync(new PublishWorkflowDefinitionCommand(json), Admin);

        result.Outcome.ShouldBe(PublishOutcome.Published);
        (result.DefinitionId, result.Version).ShouldBe(("test-triage", 2));
        var listed = (await Host.QueryAsync(new ListWorkflowDefinitionsQuery(), Admin)).Where(d => d.DefinitionId == "test-triage").ToList();
        listed.Select(d => (d.Version, d.ActiveInstances)).ShouldBe([(2, 0), (1, 1)]);
        listed[0].Name.ShouldBe("Test: triage");
        (await VersionOfAsync(await StartAsync(Host))).ShouldBe(2);
        (await VersionOfAsync(running)).ShouldBe(1, "a running workflow keeps the version it started with");
    }

    [Fact]
    public async Task PublishWorkflowDefinition_InvalidDefinition_RefusedWithEveryProblemAtItsActivityAndNothingStored()
    {
        var root = JsonNode.Parse(await TriageAsync(version: 2, title: "Triage"))!.AsObject();
        var activities = root["activities"]!.AsArray();
        activities.Single(a => (string?)a!["id"] == "investigate")!.AsObject().Remove("role");
        activities.Single(a => (string?)a!["id"] == "triage")!.AsObject().Remove("role");

        var result = await Host.SendAsync(new PublishWorkflowDefinitionCommand(root.ToJsonString()), Admin);

        result.Outcome.ShouldBe(PublishOutcome.Refused);
        result.Problems.Select(p => p.ActivityId).ShouldBe(["triage", "investigate"], ignoreOrder: true);
        result.Problems.ShouldAllBe(p => p.Message.Contains("needs a 'role'", StringComparison.Ordinal));
        (await VersionsAsync()).ShouldBe([1]);
    }

    [Fact]
    public async Task PublishWorkflowDefinition_ReadingAndStructureProblems_ListsThemAllAtOnce()
    {
        var root = JsonNode.Parse(await TriageAsync(version: 2, title: "Triage"))!.AsObject();
        root["activities"]!.AsArray().Single(a => (string?)a!["id"] == "investigate")!.AsObject().Remove("role");
        root["connections"]!.AsArray().Add(JsonNode.Parse("""{ "source": { "activity": "triage", "port": "Close" }, "target": { "activity": "nowhere" } }"""));

        var result = await Host.SendAsync(new PublishWorkflowDefinitionCommand(root.ToJsonString()), Admin);

        result.Outcome.ShouldBe(PublishOutcome.Refused);
        result.Problems.Count.ShouldBe(2, string.Join("; ", result.Problems));
        result.Problems.ShouldContain(p => p.ActivityId == "investigate" && p.Message.Contains("needs a 'role'", StringComparison.Ordinal));
        result.Problems.ShouldContain(p => p.ActivityId == "triage" && p.Message.Contains("goes to 'nowhere'", StringComparison.Ordinal));
        (await VersionsAsync()).ShouldBe([1]);
    }

    [Fact]
    public async Task PublishWorkflowDefinition_PublishedVersionWithOtherContent_RefusedAndTheVersionUnchanged()
    {
        var json = await TriageAsync(version: 1, title: "Triage (stiekem gewijzigd)");

        var result = await Host.SendAsync(new PublishWorkflowDefinitionCommand(json), Admin);

        result.Outcome.ShouldBe(PublishOutcome.Refused);
        result.Problems.ShouldHaveSingleItem().Message.ShouldContain("already published with other content");
        (await Host.QueryAsync(new GetWorkflowDefinitionJsonQuery("test-triage", 1), Admin))!.ShouldNotContain("stiekem");
    }

    [Fact]
    public async Task PublishWorkflowDefinition_SameContentAgain_AlreadyPublishedAndNothingChanges()
    {
        var json = await Host.QueryAsync(new GetWorkflowDefinitionJsonQuery("test-triage", 1), Admin);

        var result = await Host.SendAsync(new PublishWorkflowDefinitionCommand(json!), Admin);

        result.Outcome.ShouldBe(PublishOutcome.AlreadyPublished);
        (await VersionsAsync()).ShouldBe([1]);
    }

    [Fact]
    public async Task PublishWorkflowDefinition_NotJson_RefusedSayingSo()
    {
        var result = await Host.SendAsync(new PublishWorkflowDefinitionCommand("{ \"definitionId\": "), Admin);

        result.Outcome.ShouldBe(PublishOutcome.Refused);
        result.Problems.ShouldHaveSingleItem().Message.ShouldContain("not valid JSON");
    }

    [Fact]
    public async Task PublishWorkflowDefinition_LargerThanTheLimit_RefusedSayingHowLarge()
    {
        var json = await TriageAsync(version: 2, title: new string('x', PublishWorkflowDefinitionHandler.MaxLength));

        var result = await Host.SendAsync(new PublishWorkflowDefinitionCommand(json), Admin);

        result.Outcome.ShouldBe(PublishOutcome.Refused);
        result.Problems.ShouldHaveSingleItem().Message.ShouldContain("the maximum is 256 KB");
        (await VersionsAsync()).ShouldBe([1]);
    }

    [Fact]
    public async Task CheckWorkflowDefinition_UnknownAutomatedStep_NamesTheActivityAndStoresNothing()
    {
        var json = """
            {
              "definitionId": "test-steps", "version": 1, "name": { "nl": "Test: stappen" },
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "magic", "type": "Step", "step": "does-not-exist" },
                { "id": "done", "type": "End", "outcome": "Done" }
              ],
              "connections": [
                { "source": { "activity": "start" }, "target": { "activity": "magic" } },
                { "source": { "activity": "magic" }, "target": { "activity": "done" } }
              ]
            }
            """;

        var result = await Host.QueryAsync(new CheckWorkflowDefinitionQuery(json), Admin);

        result.Outcome.ShouldBe(PublishOutcome.Refused);
        var problem = result.Problems.ShouldHaveSingleItem();
        problem.ActivityId.ShouldBe("magic");
        problem.Message.ShouldContain("'does-not-exist' is not an automated step of this application");
        (await VersionsAsync("test-steps")).ShouldBeEmpty();
    }

    [Fact]
    public async Task CheckWorkflowDefinition_ValidNextVersion_SaysSoAndStoresNothing()
    {
        var result = await Host.QueryAsync(new CheckWorkflowDefinitionQuery(await TriageAsync(version: 2, title: "Triage")), Admin);

        result.Outcome.ShouldBe(PublishOutcome.Valid);
        (await VersionsAsync()).ShouldBe([1]);
    }

    [Fact]
    public async Task StartAsync_VersionPublishedThroughAnotherAppProcess_NewWorkflowsStartOnIt()
    {
        await using var other = AppHost.Start(Database, Clock);
        (await VersionOfAsync(await StartAsync(other))).ShouldBe(1);

        (await Host.SendAsync(new PublishWorkflowDefinitionCommand(await TriageAsync(version: 2, title: "Triage")), Admin)).Outcome.ShouldBe(PublishOutcome.Published);

        (await VersionOfAsync(await StartAsync(other))).ShouldBe(2);
    }

    // test-triage as published, with another version number and triage title.
    private async Task<string> TriageAsync(int version, string title)
    {
        var json = await Host.QueryAsync(new GetWorkflowDefinitionJsonQuery("test-triage", 1), Admin);
        var root = JsonNode.Parse(json!)!.AsObject();
        root["version"] = version;
        root["activities"]!.AsArray().Single(a => (string?)a!["id"] == "triage")!["title"]!["nl"] = title;
        return root.ToJsonString();
    }

    private async Task<Guid> StartAsync(AppHost host)
    {
        await using var db = await host.DbAsync();
        var started = await host.Get<WorkflowRuntime>().StartAsync(
            host.Get<WorkflowStores>().For(db), "test-triage", new JsonObject { ["caseId"] = Case.Id.Value.ToString() }, Case.Id.Value.ToString(), Ct);
        started.Succeeded.ShouldBeTrue(started.Message);
        return started.InstanceId;
    }

    private async Task<int> VersionOfAsync(Guid instanceId)
    {
        await using var db = await Host.DbAsync();
        return await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.DefinitionVersion).SingleAsync(Ct);
    }

    private async Task<List<int>> VersionsAsync(string definitionId = "test-triage")
    {
        await using var db = await Host.DbAsync();
        return await db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId).OrderBy(d => d.Version).Select(d => d.Version).ToListAsync(Ct);
    }
}
