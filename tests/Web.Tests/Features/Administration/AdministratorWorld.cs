using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Web.Tests.Infrastructure;
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

    /// <summary>An administrator (of the case's unit; administrators see no case file anyway).</summary>
    protected CurrentUser Admin { get; private set; } = null!;

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres);
        Host = AppHost.Start(Database, Clock);
        (Case, var unit) = await Host.SeedCaseAsync(Clock);
        Admin = AppHost.User("admin@test.local", unit, Role.Administrator);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
