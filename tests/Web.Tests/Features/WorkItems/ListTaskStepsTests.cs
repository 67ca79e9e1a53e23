using Coordination.Web.Features.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.Tests.Scenarios;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Features.WorkItems;

/// <summary>The queue's step filter offers the titles of the kinds of task open at the user's agency, nothing else.</summary>
public sealed class ListTaskStepsTests(PostgreSqlFixture postgres) : IAsyncLifetime
{
    private CaseScenario _s = null!;

    public async ValueTask InitializeAsync() => _s = await CaseScenario.StartAsync(DatabaseProvider.Sqlite, postgres);

    public async ValueTask DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task Handle_OpenTasksAtTheAgency_OneEntryPerStepWithItsTitleAndNoneForOtherAgencies()
    {
        await _s.RegisterReportAsync(CaseScenario.Nl(_s.Noordzee, 31));
        var second = await _s.RegisterReportAsync(CaseScenario.Nl(_s.Polder, 32));
        await _s.CompleteAsync(second, "civil-check", _s.Intake, "Criminal");

        var police = await _s.QueryAsync(new ListTaskStepsQuery(), _s.Intake);
        var bank = await _s.QueryAsync(new ListTaskStepsQuery(), CaseScenario.BankOfficer(_s.Noordzee));

        police.Select(s => s.ActivityId).ShouldBe(["civil-check", "triage", "victim-info"], ignoreOrder: true);
        police.Single(s => s.ActivityId == "civil-check").TitleEnglish.ShouldBe("Check: criminal or civil (breach of contract)?");
        bank.ShouldBeEmpty("no task of the bank is open, and the police's are not the bank's to list");
    }
}
