using System.Diagnostics;
using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Web.Features.Audit;
using Coordination.Web.Features.Cases;
using Coordination.Web.Features.Parties;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Security;
using Coordination.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Security;

/// <summary>Every audited action writes exactly one complete record; refusals are audited; tampering is found.</summary>
public sealed class AuditTrailTests(PostgreSqlFixture postgres) : SecurityWorldTest(postgres)
{
    [Fact]
    public async Task OpenCase_Investigator_WritesOneCompleteReadRecord()
    {
        var user = World.Users["investigatorA"];

        var entry = await SingleNewEntryAsync(() => Host.QueryAsync(new GetCaseFileQuery(World.CaseA.Id.Value), user));

        AssertComplete(entry, user, AuditAction.Read, "FraudCase", World.CaseA.Id.Value.ToString(), AuditResult.Succeeded);
        entry.SubjectId.ShouldBeNull();
    }

    [Fact]
    public async Task ViewPerson_WithPurpose_RecordsSubjectAndPurpose()
    {
        var user = World.Users["prosecutor1"];

        var entry = await SingleNewEntryAsync(() => Host.QueryAsync(new GetPersonQuery(World.MinorA.Id.Value, "afdoeningsbeslissing voorbereiden"), user));

        AssertComplete(entry, user, AuditAction.Read, "Party", World.MinorA.Id.Value.ToString(), AuditResult.Succeeded);
        entry.SubjectId.ShouldBe(World.MinorA.Id.Value.ToString());
        entry.Purpose.ShouldBe("afdoeningsbeslissing voorbereiden");
    }

    [Fact]
    public async Task ViewPerson_WithoutPurpose_IsRefusedAsNotFoundAndAudited()
    {
        var user = World.Users["prosecutor1"];
        PersonDto? person = null;

        var entry = await SingleNewEntryAsync(async () => person = await Host.QueryAsync(new GetPersonQuery(World.MinorA.Id.Value, " "), user));

        person.ShouldBeNull();
        entry.Result.ShouldBe(AuditResult.Denied);
        entry.SubjectId.ShouldBe(World.MinorA.Id.Value.ToString());
    }

    [Fact]
    public async Task Search_Clerk_WritesOneSearchRecord()
    {
        var user = World.Users["clerk1"];

        var entry = await SingleNewEntryAsync(() => Host.QueryAsync(new SearchCasesQuery(" NL "), user));

        AssertComplete(entry, user, AuditAction.Search, "FraudCase", null, AuditResult.Succeeded);
        entry.Purpose.ShouldBe("NL");
    }

    [Fact]
    public async Task FindCasesSharingLeads_IntakeLooksAcrossUnits_WritesOneSearchRecord()
    {
        var user = World.Users["intakeA"];

        var entry = await SingleNewEntryAsync(() => Host.QueryAsync(new FindCasesSharingLeadsQuery(["NL91 ABNA 0417 1643 00"], ["06 1234 5678"]), user));

        AssertComplete(entry, user, AuditAction.Search, "SharedLeads", null, AuditResult.Succeeded);
        entry.Purpose.ShouldBe("NL91ABNA0417164300, +31612345678", "an auditor can tell who looked up which lead, in the form reports store it");

    }

    [Fact]
    public async Task Export_Investigator_WritesOneExportRecord()
    {
        var user = World.Users["investigatorA"];

        // The export reads the case file through the pipeline too: an export is one Export and one Read.
        var before = await CountAsync();
        var export = await Host.QueryAsync(new ExportCaseQuery(World.CaseA.Id.Value), user);
        var entries = await NewEntriesAsync(before);

        export!.Content.ShouldContain(World.CaseA.Number.Value);
        entries.Count(e => e.Action == AuditAction.Export).ShouldBe(1);
        AssertComplete(entries.Single(e => e.Action == AuditAction.Export), user, AuditAction.Export, "FraudCase", World.CaseA.Id.Value.ToString(), AuditResult.Succeeded);
    }

    [Fact]
    public async Task AssignCase_TeamLead_WritesOneUpdateRecord()
    {
        var user = World.Users["leadA"];
        await using (var db = await Host.DbAsync())
        {
            db.Users.Add(AgencyUser.Create("investigator@pol-a.test", "Ivo Onderzoek", World.PoliceA, Role.PoliceInvestigator));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var entry = await SingleNewEntryAsync(() => Host.SendAsync(new AssignCaseCommand(World.CaseA.Id.Value, "investigator@pol-a.test"), user));

        AssertComplete(entry, user, AuditAction.Update, "FraudCase", World.CaseA.Id.Value.ToString(), AuditResult.Succeeded);
    }

    [Fact]
    public async Task AddCaseNote_Investigator_WritesOneCreateRecordAndTheNoteIsInTheFile()
    {
        var user = World.Users["investigatorA"];

        var entry = await SingleNewEntryAsync(() => Host.SendAsync(new AddCaseNoteCommand(World.CaseA.Id.Value, "  Slachtoffer belde: nog een betaling gevonden.  "), user));

        AssertComplete(entry, user, AuditAction.Create, "CaseNote", World.CaseA.Id.Value.ToString(), AuditResult.Succeeded);
        var note = (await Host.QueryAsync(new GetCaseFileQuery(World.CaseA.Id.Value), World.Users["prosecutor1"])).ShouldNotBeNull().Notes.ShouldHaveSingleItem();
        (note.Author, note.Text).ShouldBe(("investigator@pol-a.test", "Slachtoffer belde: nog een betaling gevonden."));
    }

    [Fact]
    public async Task AddCaseNote_Empty_RefusedWithCodeAndNothingSaved()
    {
        var user = World.Users["investigatorA"];

        var result = await Host.SendAsync(new AddCaseNoteCommand(World.CaseA.Id.Value, "   "), user);

        result.ErrorCode.ShouldBe("note.required");
        (await Host.QueryAsync(new GetCaseFileQuery(World.CaseA.Id.Value), user)).ShouldNotBeNull().Notes.ShouldBeEmpty();
    }

    [Fact]
    public async Task ClaimAndComplete_BankOfficer_WriteOneRecordEach()
    {
        var user = World.Users["bankXOfficer"];

        var claim = await SingleNewEntryAsync(() => Host.SendAsync(new ClaimWorkItemCommand(World.BankXTask.Id.Value), user));
        var complete = await SingleNewEntryAsync(() => Host.SendAsync(new CompleteWorkItemCommand(World.BankXTask.Id.Value, "Done", """{"balance":"12.50"}"""), user));

        AssertComplete(claim, user, AuditAction.Claim, "WorkItem", World.BankXTask.Id.Value.ToString(), AuditResult.Succeeded);
        AssertComplete(complete, user, AuditAction.Complete, "WorkItem", World.BankXTask.Id.Value.ToString(), AuditResult.Succeeded);
    }

    [Fact]
    public async Task OpenOtherBanksOrder_ById_LooksNotFoundAndIsAudited()
    {
        var user = World.Users["bankXOfficer"];
        WorkItemDto? item = null;

        var entry = await SingleNewEntryAsync(async () => item = await Host.QueryAsync(new GetWorkItemQuery(World.BankYTask.Id.Value), user));

        item.ShouldBeNull();
        AssertComplete(entry, user, AuditAction.Read, "WorkItem", World.BankYTask.Id.Value.ToString(), AuditResult.Denied);
        var claim = await Host.SendAsync(new ClaimWorkItemCommand(World.BankYTask.Id.Value), user);
        claim.ErrorCode.ShouldBe("not-found");
    }

    [Fact]
    public async Task OpenOtherUnitsCase_ById_LooksNotFoundAndIsAudited()
    {
        var user = World.Users["investigatorB"];
        CaseFileDto? file = null;

        var entry = await SingleNewEntryAsync(async () => file = await Host.QueryAsync(new GetCaseFileQuery(World.CaseA.Id.Value), user));

        file.ShouldBeNull();
        AssertComplete(entry, user, AuditAction.Read, "FraudCase", World.CaseA.Id.Value.ToString(), AuditResult.Denied);
    }

    [Fact]
    public async Task Verify_RecordAlteredInDatabase_NamesTheFirstBrokenRecord()
    {
        await MakeTrailAsync(6);
        await using (var db = await Host.DbAsync())
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEntries" SET "Actor" = 'someone-else' WHERE "Sequence" = 4""", Ct);
        }

        var result = await Host.SendAsync(new VerifyAuditTrailCommand(), World.Users["auditor"]);

        result.Intact.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(4);
    }

    [Fact]
    public async Task Verify_RecordDeletedFromDatabase_NamesTheGap()
    {
        await MakeTrailAsync(6);
        await using (var db = await Host.DbAsync())
        {
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "AuditEntries" WHERE "Sequence" = 3""", Ct);
        }

        var result = await Host.SendAsync(new VerifyAuditTrailCommand(), World.Users["auditor"]);

        result.FirstBrokenSequence.ShouldBe(3);
    }

    [Fact]
    public async Task Verify_UntouchedTrail_IsIntact()
    {
        await MakeTrailAsync(5);

        var result = await Host.SendAsync(new VerifyAuditTrailCommand(), World.Users["auditor"]);

        result.Intact.ShouldBeTrue();
        result.Entries.ShouldBeGreaterThanOrEqualTo(5);
    }

    [Fact]
    public async Task CommandLine_VerifyAuditOnAlteredTrail_ExitsNonZeroNamingTheRecord()
    {
        await MakeTrailAsync(4);
        await using (var db = await Host.DbAsync())
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEntries" SET "Purpose" = 'rewritten' WHERE "Sequence" = 2""", Ct);
        }

        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Coordination.Web.dll"), "--verify-audit"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["Security__DevelopmentSignInEnabled"] = "true",
                ["ConnectionStrings__Coordination"] = Database.ConnectionString,
            },
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);

        process.ExitCode.ShouldBe(3, output + await process.StandardError.ReadToEndAsync(Ct));
        output.ShouldContain("BROKEN: entry 2");
    }

    private async Task MakeTrailAsync(int reads)
    {
        for (var i = 0; i < reads; i++)
        {
            await Host.QueryAsync(new GetCaseFileQuery(World.CaseA.Id.Value), World.Users["investigatorA"]);
        }
    }

    private static void AssertComplete(AuditEntry entry, CurrentUser user, AuditAction action, string objectType, string? objectId, AuditResult result)
    {
        entry.Actor.ShouldBe(user.UserName);
        entry.OnBehalfOfAgencyId.ShouldBe(user.AgencyId.Value);
        entry.Action.ShouldBe(action);
        entry.ObjectType.ShouldBe(objectType);
        entry.ObjectId.ShouldBe(objectId);
        entry.Result.ShouldBe(result);
        entry.Origin.ShouldBe("test");
        entry.At.ShouldNotBe(default);
        entry.Hash.Length.ShouldBe(AuditEntry.HashLength);
        entry.Hash.ShouldBe(entry.ComputeHash());
    }

    private async Task<AuditEntry> SingleNewEntryAsync<T>(Func<Task<T>> action)
    {
        var before = await CountAsync();
        await action();
        var entries = await NewEntriesAsync(before);
        entries.Count.ShouldBe(1);
        return entries[0];
    }

    private async Task<int> CountAsync()
    {
        await using var db = await Host.DbAsync();
        return await db.AuditEntries.CountAsync(Ct);
    }

    private async Task<List<AuditEntry>> NewEntriesAsync(int before)
    {
        await using var db = await Host.DbAsync();
        var all = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync(Ct);
        AuditChain.FirstBrokenLink(all).ShouldBeNull();
        return all.Skip(before).ToList();
    }
}
