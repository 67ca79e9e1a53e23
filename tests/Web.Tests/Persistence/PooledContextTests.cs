using System.Data;
using Coordination.Domain.Cases;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Persistence;

/// <summary>
/// The app pools its DbContexts, and a context carries its user's need-to-know restriction. These tests take the very
/// instance another operation used (proven by reference) and check that it shows only what the new holder may see.
/// </summary>
public abstract class PooledContextTests(DatabaseProvider provider, PostgreSqlFixture postgres) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private AppHost _host = null!;
    private SecurityWorld _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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

    [Fact]
    public async Task CreateDbContext_InstanceUsedByAnotherUserBefore_ShowsOnlyTheNewUsersCases()
    {
        var used = await UseAsAsync(_world.Users["investigatorA"]);

        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAs(_world.Users["investigatorB"], "test");
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<CoordinationDbContext>>();
        await using var reused = await TakeAsync(() => factory.CreateDbContextAsync(Ct), used);

        (await VisibleCasesAsync(reused)).ShouldBe([_world.CaseB.Id]);
    }

    [Fact]
    public async Task CreateDbContext_InstanceUsedByAUserBefore_IsUnrestrictedForTheSystem()
    {
        var used = await UseAsAsync(_world.Users["investigatorB"]);

        var system = _host.Get<SystemDbContexts>();
        await using var reused = await TakeAsync(() => system.CreateDbContextAsync(Ct), used);

        reused.IsRestricted.ShouldBeFalse();
        (await VisibleCasesAsync(reused)).ShouldBe([_world.CaseA.Id, _world.CaseB.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task CompleteAsync_TaskCompleted_LeavesTheContextWithoutAnOpenConnection()
    {
        var investigator = _world.Users["investigatorA"];
        (await _host.SendAsync(new ClaimWorkItemCommand(_world.PoliceTaskA.Id.Value), investigator)).Succeeded.ShouldBeTrue();
        await using var db = await _host.DbAsync();

        var result = await _host.Get<WorkItemCompletion>().CompleteAsync(db, _world.PoliceTaskA.Id, "Done", null, investigator.UserName, Ct);

        // The context goes back to the pool when disposed; holding a connection there would starve the database.
        result.Succeeded.ShouldBeTrue();
        db.Database.GetDbConnection().State.ShouldBe(ConnectionState.Closed);
    }

    // A use case's context for the user: queried (so the restriction was in force), then disposed (back to the pool).
    private async Task<CoordinationDbContext> UseAsAsync(CurrentUser user)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAs(user, "test");
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CoordinationDbContext>>().CreateDbContextAsync(Ct);
        await using (db)
        {
            db.IsRestricted.ShouldBeTrue();
            (await VisibleCasesAsync(db)).Count.ShouldBe(1);
        }

        return db;
    }

    // Takes contexts from the pool until the given instance comes back (the pool hands out the longest-waiting one
    // first), keeping the others out meanwhile; the ones passed over are returned afterwards.
    private static async Task<CoordinationDbContext> TakeAsync(Func<Task<CoordinationDbContext>> create, CoordinationDbContext wanted)
    {
        var passedOver = new List<CoordinationDbContext>();
        try
        {
            for (var i = 0; i < 1024; i++)
            {
                var db = await create();
                if (ReferenceEquals(db, wanted))
                {
                    return db;
                }

                passedOver.Add(db);
            }

            throw new InvalidOperationException("The context was not handed out again: the factory does not pool.");
        }
        finally
        {
            foreach (var db in passedOver)
            {
                await db.DisposeAsync();
            }
        }
    }

    private static async Task<List<CaseId>> VisibleCasesAsync(CoordinationDbContext db) =>
        await db.Cases.AsNoTracking().Select(c => c.Id).ToListAsync(Ct);
}

public sealed class SqlitePooledContextTests(PostgreSqlFixture postgres) : PooledContextTests(DatabaseProvider.Sqlite, postgres);

public sealed class PostgreSqlPooledContextTests(PostgreSqlFixture postgres) : PooledContextTests(DatabaseProvider.PostgreSql, postgres);
