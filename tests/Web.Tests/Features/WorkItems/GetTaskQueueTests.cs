using Coordination.Domain.Cases;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.Security;
using Coordination.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Features.WorkItems;

/// <summary>
/// What a queue tells of a task's case: police and OM read and filter on its kind of fraud; banks and Halt see the case
/// number only, and a fraud-type filter does not narrow their queue (the rows that stayed would tell the kind).
/// </summary>
public sealed class GetTaskQueueTests(PostgreSqlFixture postgres) : SecurityWorldTest(postgres)
{
    [Fact]
    public async Task Available_PoliceFilterOnFraudType_KeepsOnlyTasksOfThatKindAndShowsIt()
    {
        var investigator = World.Users["investigatorA"];

        var same = await Host.QueryAsync(new GetTaskQueueQuery(TaskList.Available, new TaskFilter(FraudType: FraudType.FriendInNeed)), investigator);
        var other = await Host.QueryAsync(new GetTaskQueueQuery(TaskList.Available, new TaskFilter(FraudType: FraudType.PurchaseSale)), investigator);

        same.ShouldNotBeNull().Items.ShouldHaveSingleItem().FraudType.ShouldBe(FraudType.FriendInNeed);
        same.Total.ShouldBe(1);
        other.ShouldNotBeNull().Items.ShouldBeEmpty();
        other.Total.ShouldBe(0, "the count filters on the kind too");
    }

    [Theory]
    [InlineData("leadA")]
    [InlineData("bankXLead")]
    [InlineData("prosecutor1")]
    public async Task Team_LeadsQueue_TotalCountsTheSameTasksAsThePage(string lead)
    {
        var page = (await Host.QueryAsync(new GetTaskQueueQuery(TaskList.Team), World.Users[lead])).ShouldNotBeNull();

        page.Items.ShouldHaveSingleItem();
        page.Total.ShouldBe(page.Items.Count);
    }

    [Theory]
    [InlineData("bankXOfficer")]
    [InlineData("haltOfficer")]
    public async Task Available_OutsidePoliceAndOmFilterOnAnyFraudType_SameTasksWithoutTheirKind(string user)
    {
        var unfiltered = (await Host.QueryAsync(new GetTaskQueueQuery(TaskList.Available), World.Users[user])).ShouldNotBeNull();
        unfiltered.Items.ShouldHaveSingleItem();
        unfiltered.Total.ShouldBe(1);

        foreach (var type in Enum.GetValues<FraudType>())
        {
            var filtered = (await Host.QueryAsync(new GetTaskQueueQuery(TaskList.Available, new TaskFilter(FraudType: type)), World.Users[user])).ShouldNotBeNull();
            filtered.Items.Select(r => r.Id).ShouldBe(unfiltered.Items.Select(r => r.Id), $"filtering on {type} must not tell the case's kind");
            filtered.Items.ShouldAllBe(r => r.FraudType == null);
            filtered.Total.ShouldBe(unfiltered.Total);
        }
    }

    [Theory]
    [InlineData("bankXOfficer", new[] { "A" })]
    [InlineData("haltOfficer", new[] { "A" })]
    [InlineData("investigatorB", new[] { "B" })]
    [InlineData("adminA", new string[0])]
    public async Task CaseLabels_ReadDirectly_OnlyCasesWithATaskTheUserMaySee(string user, string[] cases)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAs(World.Users[user], "test");
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CoordinationDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

        var labels = await db.CaseLabels.Select(l => l.Id).ToListAsync(TestContext.Current.CancellationToken);

        labels.ShouldBe([.. cases.Select(c => c == "A" ? World.CaseA.Id : World.CaseB.Id)], ignoreOrder: true);
    }

    [Fact]
    public async Task BankOrders_BankOfficer_NamesTheCaseOfItsOwnOrdersOnly()
    {
        var orders = (await Host.QueryAsync(new ListBankOrdersQuery(), World.Users["bankXOfficer"])).ShouldNotBeNull();

        orders.Items.ShouldHaveSingleItem().CaseNumber.ShouldBe(World.CaseA.Number.Value);
    }
}
