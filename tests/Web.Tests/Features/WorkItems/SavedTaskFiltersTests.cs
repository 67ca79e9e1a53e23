using Coordination.Domain.WorkItems;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.Tests.Security;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Features.WorkItems;

/// <summary>Saved task filters: a user's own, saved again under the same name, refused with a clear reason when the
/// name or the step cannot be kept, never shown to someone else.</summary>
public sealed class SavedTaskFiltersTests(PostgreSqlFixture postgres) : SecurityWorldTest(postgres)
{
    [Fact]
    public async Task Save_TwiceUnderOneName_KeepsOneFilterWithTheLatestSettingsForThatUserOnly()
    {
        var lead = World.Users["leadA"];
        (await Host.SendAsync(new SaveTaskFilterCommand(" Te laat ", TaskList.Team, new TaskFilter(Sla: SlaState.AtRisk)), lead)).Succeeded.ShouldBeTrue();

        (await Host.SendAsync(new SaveTaskFilterCommand("Te laat", TaskList.Team, new TaskFilter(Step: "triage", Sla: SlaState.Breached)), lead)).Succeeded.ShouldBeTrue();

        var saved = (await Host.QueryAsync(new ListSavedTaskFiltersQuery(), lead)).ShouldHaveSingleItem();
        (saved.Name, saved.List, saved.Filter).ShouldBe(("Te laat", TaskList.Team, new TaskFilter(Step: "triage", Sla: SlaState.Breached)));
        (await Host.QueryAsync(new ListSavedTaskFiltersQuery(), World.Users["investigatorA"])).ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_StepLongerThanAnyStep_RefusedWithTheLimitAndNothingSaved()
    {
        var lead = World.Users["leadA"];

        var result = await Host.SendAsync(new SaveTaskFilterCommand("Vreemd", TaskList.Team, new TaskFilter(Step: new string('x', WorkItem.ActivityIdMaxLength + 1))), lead);

        (result.Succeeded, result.ErrorCode).ShouldBe((false, "filter.step"));
        result.Arguments.ShouldBe([WorkItem.ActivityIdMaxLength]);
        (await Host.QueryAsync(new ListSavedTaskFiltersQuery(), lead)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_WithoutAName_Refused()
    {
        var result = await Host.SendAsync(new SaveTaskFilterCommand("  ", TaskList.Mine, new TaskFilter()), World.Users["leadA"]);

        (result.Succeeded, result.ErrorCode).ShouldBe((false, "filter.name"));
    }
}
