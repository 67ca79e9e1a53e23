using Coordination.Domain.Agencies;
using Coordination.Web.Features.Administration;
using Coordination.Web.Features.Audit;
using Coordination.Web.Features.Cases;
using Coordination.Web.Features.Parties;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Security;

/// <summary>
/// Every role against every use case, for its own agency, another agency and an unrelated case: exactly the users in
/// the expected set get through; everyone else gets "not found". Run on both providers, since the need-to-know
/// filters are SQL.
/// </summary>
public abstract class AuthorizationMatrixTests(DatabaseProvider provider, PostgreSqlFixture postgres) : IAsyncLifetime
{
    private static readonly string[] _policeA = ["intakeA", "investigatorA", "leadA"];
    private static readonly string[] _om1 = ["prosecutor1", "clerk1"];

    // Who may get through, per request. Written out by hand from the rules, not derived from the code.
    private static readonly Dictionary<string, string[]> _expected = new()
    {
        ["GetCaseFile(A)"] = [.. _policeA, .. _om1],
        ["GetCaseFile(B)"] = ["investigatorB"],
        ["ExportCase(A)"] = [.. _policeA, .. _om1],
        ["Search finds A"] = [.. _policeA, .. _om1],
        ["Search finds B"] = ["investigatorB"],
        ["GetPerson(victim A)"] = [.. _policeA, .. _om1],
        ["GetPerson(minor A)"] = [.. _policeA, .. _om1, "haltOfficer"],
        ["GetPerson(victim B)"] = ["investigatorB"],
        ["GetWorkItem(police task A)"] = [.. _policeA, .. _om1],
        ["GetWorkItem(bank X task)"] = [.. _policeA, .. _om1, "bankXOfficer", "bankXLead"],
        ["GetWorkItem(bank Y task)"] = [.. _policeA, .. _om1, "bankYOfficer"],
        ["GetWorkItem(OM task)"] = [.. _policeA, .. _om1],
        ["GetWorkItem(Halt task)"] = [.. _policeA, .. _om1, "haltOfficer"],
        ["GetWorkItem(police task B)"] = ["investigatorB"],
        ["Available tasks show bank X task"] = ["bankXOfficer"],
        ["Claim(bank Y task)"] = ["bankYOfficer"],
        ["AssignCase(A)"] = ["leadA"],
        ["AssignCase(B)"] = [],
        ["ListCaseAssignees(A)"] = ["leadA"],
        ["AddCaseNote(A)"] = [.. _policeA, .. _om1],
        ["AddCaseNote(B)"] = ["investigatorB"],
        ["AssignWorkItem(police task A)"] = ["leadA"],
        ["AssignWorkItem(OM task)"] = [],
        ["ListAssignees(bank X task)"] = ["bankXLead"],
        ["TeamWorkload counts police task A"] = ["leadA"],
        ["TeamWorkload counts bank X task"] = ["bankXLead"],
        ["TeamWorkload counts OM task"] = ["prosecutor1"],
        ["GetAuditTrail"] = ["auditor"],
        ["VerifyAuditTrail"] = ["auditor"],
        ["GrantRole"] = ["adminA"],
        ["ListWorkflowDefinitions"] = ["adminA"],
        ["ListIncidents"] = ["adminA"],
        ["RetryWorkflow"] = ["adminA"],
        ["CancelWorkflow"] = ["adminA"],
        ["FindCaseWorkflows"] = ["adminA"],
        ["ReturnWorkItemToQueue"] = ["adminA"],
        ["GetWorkflowJournal"] = ["adminA"],
        ["GetWorkflowDefinitionJson"] = ["adminA"],
        ["CheckWorkflowDefinition"] = ["adminA"],
        ["PublishWorkflowDefinition"] = ["adminA"],
    };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private AppHost _host = null!;
    private SecurityWorld _world = null!;

    public static TheoryData<string> Requests => [.. _expected.Keys];

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider, postgres);
        _host = AppHost.Start(_database, _clock);
        _world = await SecurityWorld.CreateAsync(_host, _clock);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Send_EveryRole_OnlyTheEntitledGetThrough(string request)
    {
        var through = new List<string>();
        foreach (var (name, user) in _world.Users)
        {
            if (await GetsThroughAsync(request, user))
            {
                through.Add(name);
            }
        }

        through.ShouldBe(_expected[request], ignoreOrder: true, $"request {request}");
    }

    [Fact]
    public async Task Send_NobodySignedIn_EverythingIsNotFound()
    {
        foreach (var request in _expected.Keys.Where(r => !r.StartsWith("Search", StringComparison.Ordinal) && !r.StartsWith("Available", StringComparison.Ordinal)))
        {
            (await GetsThroughAsync(request, null)).ShouldBeFalse(request);
        }
    }

    private async Task<bool> GetsThroughAsync(string request, CurrentUser? user)
    {
        var w = _world;
        return request switch
        {
            "GetCaseFile(A)" => await _host.QueryAsync(new GetCaseFileQuery(w.CaseA.Id.Value), user) is not null,
            "GetCaseFile(B)" => await _host.QueryAsync(new GetCaseFileQuery(w.CaseB.Id.Value), user) is not null,
            "ExportCase(A)" => await _host.QueryAsync(new ExportCaseQuery(w.CaseA.Id.Value), user) is not null,
            "Search finds A" => (await _host.QueryAsync(new SearchCasesQuery(), user))?.Items.Any(c => c.Id == w.CaseA.Id.Value) == true,
            "Search finds B" => (await _host.QueryAsync(new SearchCasesQuery(), user))?.Items.Any(c => c.Id == w.CaseB.Id.Value) == true,
            "GetPerson(victim A)" => await _host.QueryAsync(new GetPersonQuery(w.VictimA.Id.Value, "matrix test"), user) is not null,
            "GetPerson(minor A)" => await _host.QueryAsync(new GetPersonQuery(w.MinorA.Id.Value, "matrix test"), user) is not null,
            "GetPerson(victim B)" => await _host.QueryAsync(new GetPersonQuery(w.VictimB.Id.Value, "matrix test"), user) is not null,
            "GetWorkItem(police task A)" => await _host.QueryAsync(new GetWorkItemQuery(w.PoliceTaskA.Id.Value), user) is not null,
            "GetWorkItem(bank X task)" => await _host.QueryAsync(new GetWorkItemQuery(w.BankXTask.Id.Value), user) is not null,
            "GetWorkItem(bank Y task)" => await _host.QueryAsync(new GetWorkItemQuery(w.BankYTask.Id.Value), user) is not null,
            "GetWorkItem(OM task)" => await _host.QueryAsync(new GetWorkItemQuery(w.OmTask.Id.Value), user) is not null,
            "GetWorkItem(Halt task)" => await _host.QueryAsync(new GetWorkItemQuery(w.HaltTask.Id.Value), user) is not null,
            "GetWorkItem(police task B)" => await _host.QueryAsync(new GetWorkItemQuery(w.PoliceTaskB.Id.Value), user) is not null,
            "Available tasks show bank X task" => (await _host.QueryAsync(new GetTaskQueueQuery(TaskList.Available), user))?.Items.Any(t => t.Id == w.BankXTask.Id.Value) == true,
            "Claim(bank Y task)" => (await _host.SendAsync(new ClaimWorkItemCommand(w.BankYTask.Id.Value), user ?? Nobody)).Succeeded,
            "AssignCase(A)" => (await _host.SendAsync(new AssignCaseCommand(w.CaseA.Id.Value, null), user ?? Nobody)).Succeeded,
            "AssignCase(B)" => (await _host.SendAsync(new AssignCaseCommand(w.CaseB.Id.Value, null), user ?? Nobody)).Succeeded,
            "ListCaseAssignees(A)" => await _host.QueryAsync(new ListCaseAssigneesQuery(w.CaseA.Id.Value), user) is not null,
            "AddCaseNote(A)" => (await _host.SendAsync(new AddCaseNoteCommand(w.CaseA.Id.Value, "Matrix-notitie"), user ?? Nobody)).Succeeded,
            "AddCaseNote(B)" => (await _host.SendAsync(new AddCaseNoteCommand(w.CaseB.Id.Value, "Matrix-notitie"), user ?? Nobody)).Succeeded,
            // Gets through = anything but "not found"; the world has no user rows, so no assignee fits.
            "AssignWorkItem(police task A)" => (await _host.SendAsync(new AssignWorkItemCommand(w.PoliceTaskA.Id.Value, "someone@pol-a.test"), user ?? Nobody)).ErrorCode != "not-found",
            "AssignWorkItem(OM task)" => (await _host.SendAsync(new AssignWorkItemCommand(w.OmTask.Id.Value, "someone@om-1.test"), user ?? Nobody)).ErrorCode != "not-found",
            "ListAssignees(bank X task)" => await _host.QueryAsync(new ListAssigneesQuery(w.BankXTask.Id.Value), user) is not null,
            "TeamWorkload counts police task A" => (await _host.QueryAsync(new GetTeamWorkloadQuery(), user))?.Steps.Any(s => s.Title == w.PoliceTaskA.Title) == true,
            "TeamWorkload counts bank X task" => (await _host.QueryAsync(new GetTeamWorkloadQuery(), user))?.Steps.Any(s => s.Title == w.BankXTask.Title) == true,
            "TeamWorkload counts OM task" => (await _host.QueryAsync(new GetTeamWorkloadQuery(), user))?.Steps.Any(s => s.Title == w.OmTask.Title) == true,
            "GetAuditTrail" => await _host.QueryAsync(new GetAuditTrailQuery(), user) is not null,
            "VerifyAuditTrail" => await _host.SendAsync(new VerifyAuditTrailCommand(), user ?? Nobody) is not null,
            "GrantRole" => (await _host.SendAsync(new GrantRoleCommand("nobody@nowhere.test", Role.Auditor), user ?? Nobody)).ErrorCode != "not-found",
            "ListWorkflowDefinitions" => await _host.QueryAsync(new ListWorkflowDefinitionsQuery(), user) is not null,
            "ListIncidents" => await _host.QueryAsync(new ListIncidentsQuery(), user) is not null,
            // Gets through = anything but "not found" (an administrator hears that this instance does not exist).
            "RetryWorkflow" => (await _host.SendAsync(new RetryWorkflowCommand(Guid.CreateVersion7()), user ?? Nobody)).ErrorCode != "not-found",
            "CancelWorkflow" => (await _host.SendAsync(new CancelWorkflowCommand(Guid.CreateVersion7(), "Matrix"), user ?? Nobody)).ErrorCode != "not-found",
            "FindCaseWorkflows" => await _host.QueryAsync(new FindCaseWorkflowsQuery(w.CaseA.Number.Value), user) is not null,
            // Gets through = anything but "not found" (an administrator hears that this task does not exist).
            "ReturnWorkItemToQueue" => (await _host.SendAsync(new ReturnWorkItemToQueueCommand(Guid.CreateVersion7()), user ?? Nobody)).ErrorCode != "not-found",
            "GetWorkflowJournal" => await _host.QueryAsync(new GetWorkflowJournalQuery(Guid.CreateVersion7()), user) is not null,
            "GetWorkflowDefinitionJson" => await _host.QueryAsync(new GetWorkflowDefinitionJsonQuery("test-triage", 1), user) is not null,
            "CheckWorkflowDefinition" => await _host.QueryAsync(new CheckWorkflowDefinitionQuery("{}"), user) is not null,
            // "{}" is refused as a definition: getting that answer at all is getting through.
            "PublishWorkflowDefinition" => await _host.SendAsync(new PublishWorkflowDefinitionCommand("{}"), user ?? Nobody) is not null,
            _ => throw new ArgumentOutOfRangeException(nameof(request), request, "unknown request"),
        };
    }

    // A principal-less caller for commands: an agency user without any role that fits, i.e. "signed in as nobody".
    private CurrentUser Nobody => new("nobody@nowhere.test", "Nobody", _world.PoliceB.Id, AgencyKind.Police, new HashSet<Role>());
}

public sealed class SqliteAuthorizationMatrixTests(PostgreSqlFixture postgres) : AuthorizationMatrixTests(DatabaseProvider.Sqlite, postgres);

public sealed class PostgreSqlAuthorizationMatrixTests(PostgreSqlFixture postgres) : AuthorizationMatrixTests(DatabaseProvider.PostgreSql, postgres);
