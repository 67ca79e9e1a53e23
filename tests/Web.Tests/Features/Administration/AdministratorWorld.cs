using System.Text.Json.Nodes;
using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Parties;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Coordination.Web.Tests.Features.Administration;

/// <summary>The app on a fresh SQLite database with one case, and an administrator to send requests as.</summary>
public abstract class AdministratorWorld(PostgreSqlFixture postgres) : IAsyncLifetime
{
    /// <summary>The test's clock.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The database.</summary>
    protected TestDatabase Database { get; private set; } = null!;

    /// <summary>The app.</summary>
    protected AppHost Host { get; private set; } = null!;

    /// <summary>A case of a police unit.</summary>
    protected FraudCase Case { get; private set; } = null!;

    /// <summary>The police unit that owns the case.</summary>
    protected Agency Unit { get; private set; } = null!;

    /// <summary>An administrator (of the case's unit; administrators see no case file anyway).</summary>
    protected CurrentUser Admin { get; private set; } = null!;

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres);
        Host = AppHost.Start(Database, Clock);
        (Case, var unit) = await Host.SeedCaseAsync(Clock);
        Unit = unit;
        Admin = AppHost.User("admin@test.local", unit, Role.Administrator);
    }

    /// <summary>
    /// Starts a test workflow for the case and a suspect who is not saved: "test-incident" stops at its first step
    /// (which reads that suspect; saving them fixes the cause), "test-parent" runs it as its child.
    /// </summary>
    protected async Task<(Guid InstanceId, Party Suspect, WorkflowStatus Status)> StartForUnsavedSuspectAsync(string definitionId)
    {
        var suspect = Party.Suspect(Case.Id, PartyRole.Suspect, "Sam Verdacht", new DateOnly(2001, 4, 5), new DateOnly(2026, 2, 20), Clock);
        await using var db = await Host.DbAsync();
        var input = new JsonObject { ["caseId"] = Case.Id.Value.ToString(), ["suspectId"] = suspect.Id.Value.ToString() };
        var started = await Host.Get<WorkflowRuntime>().StartAsync(Host.Get<WorkflowStores>().For(db), definitionId, input, Case.Id.Value.ToString(), Ct);
        return (started.InstanceId, suspect, started.Status);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
