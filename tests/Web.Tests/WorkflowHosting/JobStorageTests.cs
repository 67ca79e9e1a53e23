using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.WorkflowHosting;

/// <summary>
/// The embedded (SQLite) setup keeps Hangfire's jobs in memory, per app: two apps in one process (every test host is
/// one) must not share a job store, or the one that stops first disposes it under the other.
/// </summary>
public sealed class JobStorageTests(PostgreSqlFixture postgres)
{
    [Fact]
    public async Task JobStorage_TwoAppsInOneProcess_EachKeepsItsOwnAndOutlivesTheOther()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var first = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres);
        await using var second = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres);
        await using var a = AppHost.Start(first, clock);
        var b = AppHost.Start(second, clock);
        var storageOfA = a.Get<JobStorage>();
        var storageOfB = b.Get<JobStorage>();

        await b.DisposeAsync();

        storageOfA.ShouldNotBeSameAs(storageOfB);
        new[] { storageOfA, storageOfB }.ShouldNotContain(ProcessWide(), "the process-wide store is whichever app configured Hangfire last");
        var id = a.Get<IBackgroundJobClient>().Schedule(() => Console.WriteLine("wake-up"), TimeSpan.FromHours(1));
        id.ShouldNotBeNullOrWhiteSpace("the first app still schedules after the second one stopped");
    }

    private static JobStorage? ProcessWide()
    {
        try
        {
            return JobStorage.Current;
        }
        catch (InvalidOperationException)
        {
            // Never set in this process: nothing to share.
            return null;
        }
    }
}
