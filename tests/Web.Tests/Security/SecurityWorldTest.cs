using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Coordination.Web.Tests.Security;

/// <summary>
/// A test class over the <see cref="SecurityWorld"/>: two police units, two OM offices, two banks and Halt with their
/// cases, tasks and users, in a fresh database of <paramref name="provider"/> behind a started app, on a fake clock.
/// </summary>
public abstract class SecurityWorldTest(PostgreSqlFixture postgres, DatabaseProvider provider = DatabaseProvider.Sqlite) : IAsyncLifetime
{
    /// <summary>Monday 2 March 2026, 09:00 UTC, until a test moves it.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    /// <summary>The database.</summary>
    protected TestDatabase Database { get; private set; } = null!;

    /// <summary>The app.</summary>
    protected AppHost Host { get; private set; } = null!;

    /// <summary>The agencies, cases, tasks and users.</summary>
    protected SecurityWorld World { get; private set; } = null!;

    /// <summary>The test's cancellation token.</summary>
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <inheritdoc />
    public virtual async ValueTask InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider, postgres);
        Host = AppHost.Start(Database, Clock);
        World = await SecurityWorld.CreateAsync(Host, Clock);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
