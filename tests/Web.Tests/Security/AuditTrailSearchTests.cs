using Coordination.Domain.Audit;
using Coordination.Web.Features.Audit;
using Coordination.Web.Features.Cases;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Security;

/// <summary>
/// "Who looked up this IBAN?": searches record what was searched for, leads in the form reports store them, and the
/// audit trail finds them however the auditor types them — on both databases alike. The auditors' own searches are on
/// record too.
/// </summary>
public abstract class AuditTrailSearchTests(PostgreSqlFixture postgres, DatabaseProvider provider) : SecurityWorldTest(postgres, provider)
{
    private const string Iban = "NL91ABNA0417164300";

    [Theory]
    [InlineData("nl91 abna 0417 1643 00")]
    [InlineData("NL91ABNA0417164300")]
    [InlineData("ABNA0417")]
    public async Task Purpose_LeadLookedUpByIntakeAndCaseSearch_BothFoundHoweverTheIbanIsTyped(string typed)
    {
        await Host.QueryAsync(new FindCasesSharingLeadsQuery(["NL91 ABNA 0417 1643 00"], []), World.Users["intakeA"]);
        await Host.QueryAsync(new SearchCasesQuery("nl91abna0417164300"), World.Users["investigatorA"]);
        await Host.QueryAsync(new SearchCasesQuery("Fiets"), World.Users["investigatorA"]);

        var found = (await Host.QueryAsync(new GetAuditTrailQuery(Purpose: typed), World.Users["auditor"])).ShouldNotBeNull();

        found.Items.Select(e => (e.Actor, e.ObjectType, e.Purpose)).ShouldBe(
        [
            ("investigator@pol-a.test", "FraudCase", Iban),
            ("intake@pol-a.test", "SharedLeads", Iban),
        ]);
    }

    [Fact]
    public async Task Purpose_NameAsWritten_FoundOtherCaseNot()
    {
        await Host.QueryAsync(new SearchCasesQuery("Jansen"), World.Users["investigatorA"]);

        (await Host.QueryAsync(new GetAuditTrailQuery(Purpose: "Jansen"), World.Users["auditor"]))!.Items.ShouldHaveSingleItem();
        (await Host.QueryAsync(new GetAuditTrailQuery(Purpose: "jansen"), World.Users["auditor"]))!.Items
            .ShouldBeEmpty("a name matches as written, on both databases alike");
    }

    [Fact]
    public async Task Purpose_AuditorsOwnSearch_IsOnRecordWithWhatTheySearchedFor()
    {
        await Host.QueryAsync(new GetAuditTrailQuery(Actor: "intake@pol-a.test", Purpose: "NL91 ABNA"), World.Users["auditor"]);

        await using var db = await Host.DbAsync();
        var own = await db.AuditEntries.AsNoTracking().Where(a => a.ObjectType == "AuditTrail").SingleAsync(Ct);
        (own.Action, own.Actor, own.Purpose).ShouldBe((AuditAction.Read, "auditor@om-1.test", "intake@pol-a.test; NL91 ABNA"));
    }

    [Fact]
    public async Task Purpose_LongerThanAnyPurpose_FindsNothing()
    {
        await Host.QueryAsync(new SearchCasesQuery("Jansen"), World.Users["investigatorA"]);

        var found = await Host.QueryAsync(new GetAuditTrailQuery(Purpose: new string('J', AuditEntry.PurposeMaxLength + 1)), World.Users["auditor"]);

        found.ShouldNotBeNull().Items.ShouldBeEmpty();
    }
}

public sealed class SqliteAuditTrailSearchTests(PostgreSqlFixture postgres) : AuditTrailSearchTests(postgres, DatabaseProvider.Sqlite);

public sealed class PostgreSqlAuditTrailSearchTests(PostgreSqlFixture postgres) : AuditTrailSearchTests(postgres, DatabaseProvider.PostgreSql);
