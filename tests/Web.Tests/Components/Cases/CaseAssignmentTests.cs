using Bunit;
using Coordination.Domain.Agencies;
using Coordination.Web.Components.Pages.Cases;
using Coordination.Web.Features;
using Coordination.Web.Features.Cases;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Components.Cases;

/// <summary>Who a case is given to: everyone reads it; a police team lead of the owning unit chooses a colleague or
/// nobody, and a refusal is shown beside the choice, which stays.</summary>
public sealed class CaseAssignmentTests
{
    private static readonly Guid _caseId = Guid.Parse("0c45e000-0000-4000-8000-000000000001");

    private static readonly CaseAssigneesDto _options = new(null, [new AssigneeDto("ivo@pol.test", "Ivo de Wit"), new AssigneeDto("lea@pol.test", "Lea Leiding")]);

    [Fact]
    public async Task Render_Investigator_ReadsWhoHoldsTheCaseWithoutAChoice()
    {
        await using var ctx = ComponentTestContext.Dutch();

        var cut = RenderAs(ctx, Role.PoliceInvestigator, "Ivo de Wit");

        cut.Find("[data-testid=case-assignee]").TextContent.ShouldBe("Ivo de Wit");
        cut.FindAll("[data-testid=case-assign]").ShouldBeEmpty();
        ctx.Sent<ListCaseAssigneesQuery>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Assign_LeadChoosesAColleague_SendsTheirNameAndTellsTheCaller()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((ListCaseAssigneesQuery _) => (CaseAssigneesDto?)_options);
        ctx.OnCommand((AssignCaseCommand _) => Result.Ok);
        var assigned = 0;

        var cut = RenderAs(ctx, Role.PoliceTeamLead, null, () => assigned++);
        cut.Find("[data-testid=case-assignee]").TextContent.ShouldBe("Niemand");
        await cut.FindComponent<MudSelect<string>>().InvokeAsync(() => cut.FindComponent<MudSelect<string>>().Instance.SelectOption("lea@pol.test"));
        await cut.Find("[data-testid=case-assign]").ClickAsync(new());

        ctx.Sent<AssignCaseCommand>().ShouldHaveSingleItem().ShouldBe(new AssignCaseCommand(_caseId, "lea@pol.test"));
        assigned.ShouldBe(1);
        ctx.SnackbarMessages.ShouldContain("De zaak is toegewezen aan Lea Leiding.");
    }

    [Fact]
    public async Task Assign_Refused_SaysWhyBesideTheChoiceAndKeepsIt()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((ListCaseAssigneesQuery _) => (CaseAssigneesDto?)_options);
        ctx.OnCommand((AssignCaseCommand _) => Result.Fail("case.assignee-unfit", "not fit", "ivo@pol.test"));

        var cut = RenderAs(ctx, Role.PoliceTeamLead, null);
        await cut.FindComponent<MudSelect<string>>().InvokeAsync(() => cut.FindComponent<MudSelect<string>>().Instance.SelectOption("ivo@pol.test"));
        await cut.Find("[data-testid=case-assign]").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find("[data-testid=case-assignment]").TextContent.ShouldContain("ivo@pol.test kan deze zaak niet krijgen"));
        cut.Find(".mud-select input").GetAttribute("value").ShouldBe("Ivo de Wit");
    }

    [Fact]
    public async Task Render_LeadOfAnotherUnit_ReadsButCannotChoose()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((ListCaseAssigneesQuery _) => (CaseAssigneesDto?)null);

        var cut = RenderAs(ctx, Role.PoliceTeamLead, "Lot Leiding");

        cut.Find("[data-testid=case-assignee]").TextContent.ShouldBe("Lot Leiding");
        cut.FindAll("[data-testid=case-assign]").ShouldBeEmpty();
    }

    private static IRenderedComponent<CaseAssignment> RenderAs(ComponentTestContext ctx, Role role, string? assignedTo, Action? onAssigned = null)
    {
        var user = new CurrentUser("user@pol.test", "Gebruiker", AgencyId.From(Guid.NewGuid()), AgencyKind.Police, new HashSet<Role> { role });
        return ctx.Render<CaseAssignment>(p => p
            .Add(c => c.CaseId, _caseId)
            .Add(c => c.AssignedToName, assignedTo)
            .Add(c => c.OnAssigned, EventCallback.Factory.Create(new object(), () => onAssigned?.Invoke()))
            .AddCascadingValue(Task.FromResult(new AuthenticationState(user.ToPrincipal()))));
    }
}
