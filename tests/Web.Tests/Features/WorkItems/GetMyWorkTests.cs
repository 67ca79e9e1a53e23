using Coordination.Domain.Agencies;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.Tests.Security;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Features.WorkItems;

/// <summary>What waits for a user on the home page: held, held and late, available — by the queues' own rules.</summary>
public sealed class GetMyWorkTests(PostgreSqlFixture postgres) : SecurityWorldTest(postgres)
{
    [Fact]
    public async Task MyWork_InvestigatorHoldingALateTask_CountsHeldLateAndAvailableByTheQueuesRules()
    {
        var investigator = World.Users["investigatorA"];
        await using (var db = await Host.DbAsync())
        {
            var held = WorkItem.Create(World.CaseA.Id, "Triage", World.PoliceA.Id, Role.PoliceInvestigator, Clock.GetUtcNow().AddDays(1), Clock);
            held.Claim(investigator.UserName, Clock);
            var other = WorkItem.Create(World.CaseA.Id, "Triage", World.PoliceA.Id, Role.PoliceIntakeOfficer, Clock.GetUtcNow().AddDays(9), Clock);
            db.WorkItems.AddRange(held, other);
            await db.SaveChangesAsync(Ct);
        }

        Clock.Advance(TimeSpan.FromDays(2));
        var work = await Host.QueryAsync(new GetMyWorkQuery(), investigator);

        work.ShouldBe(new MyWorkDto(Holding: 1, HoldingLate: 1, Available: 1), "the world's draft is open to investigators; the intake task is not");
        (await Host.QueryAsync(new GetMyWorkQuery(), World.Users["bankXOfficer"])).ShouldBe(new MyWorkDto(0, 0, 1));
    }
}
