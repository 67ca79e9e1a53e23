using System.Security.Claims;
using Coordination.Domain.Agencies;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Web.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Security;

/// <summary>A principal shaped like Microsoft Entra ID's (app roles in <c>roles</c>, the agency in a claim) becomes a
/// Coordination user with only the roles that exist at that agency.</summary>
public sealed class EntraClaimsTransformationTests(PostgreSqlFixture postgres) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres);
        await using var db = _database.CreateDbContext();
        db.Agencies.AddRange(Agency.Create("POL-ON-CYBER", "Politie Oost-Nederland", AgencyKind.Police), Agency.CreateBank("BANK-X", "Bank X", "XBNK"));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Transform_EntraPrincipalWithRolesAndAgency_MapsToFittingCoordinationRoles()
    {
        var transformation = new EntraClaimsTransformation(_database.System, new SecurityOptions());

        var result = await transformation.TransformAsync(Entra("Jan.Agent@politie.nl", "POL-ON-CYBER", "PoliceInvestigator", "PoliceTeamLead", "BankFraudOfficer", "Janitor"));

        var user = CurrentUser.FromPrincipal(result);
        user.ShouldNotBeNull();
        user.UserName.ShouldBe("jan.agent@politie.nl");
        user.AgencyKind.ShouldBe(AgencyKind.Police);
        user.Roles.ShouldBe([Role.PoliceInvestigator, Role.PoliceTeamLead], ignoreOrder: true);
        result.IsInRole(nameof(Role.PoliceInvestigator)).ShouldBeTrue();
    }

    [Fact]
    public async Task Transform_UnknownAgency_GivesNoCoordinationUser()
    {
        var transformation = new EntraClaimsTransformation(_database.System, new SecurityOptions());

        var result = await transformation.TransformAsync(Entra("someone@elsewhere.nl", "UNKNOWN-UNIT", "PoliceInvestigator"));

        CurrentUser.FromPrincipal(result).ShouldBeNull();
    }

    [Fact]
    public async Task Transform_NoRoleFitsTheAgency_GivesNoCoordinationUser()
    {
        var transformation = new EntraClaimsTransformation(_database.System, new SecurityOptions());

        var result = await transformation.TransformAsync(Entra("officer@bank-x.nl", "BANK-X", "Prosecutor"));

        CurrentUser.FromPrincipal(result).ShouldBeNull();
    }

    [Fact]
    public async Task Transform_ConfiguredAgencyClaim_IsRead()
    {
        var transformation = new EntraClaimsTransformation(_database.System, new SecurityOptions { AgencyClaim = "extension_coordinationAgency" });
        var principal = Entra("officer@bank-x.nl", null, "BankFraudOfficer");
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim("extension_coordinationAgency", "bank-x"));

        var user = CurrentUser.FromPrincipal(await transformation.TransformAsync(principal));

        user.ShouldNotBeNull();
        user.AgencyKind.ShouldBe(AgencyKind.Bank);
        user.Roles.ShouldBe([Role.BankFraudOfficer]);
    }

    private static ClaimsPrincipal Entra(string upn, string? agency, params string[] roles)
    {
        var identity = new ClaimsIdentity("AuthenticationTypes.Federation");
        identity.AddClaim(new Claim("preferred_username", upn));
        identity.AddClaim(new Claim("name", "Test User"));
        identity.AddClaim(new Claim("tid", "11111111-2222-3333-4444-555555555555"));
        if (agency is not null)
        {
            identity.AddClaim(new Claim("agency", agency));
        }

        foreach (var role in roles)
        {
            identity.AddClaim(new Claim("roles", role));
        }

        return new ClaimsPrincipal(identity);
    }
}
