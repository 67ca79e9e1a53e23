using Coordination.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace Coordination.E2E.Tests;

/// <summary>
/// axe-core (WCAG 2.0/2.1 A and AA) on the pages case officers work in, each in a state with content: the queue with
/// tasks, the intake form empty and with its error messages, claimed tasks with a generic form, the suspects form and a
/// bank's answer form, the bank portal, and a case file with parties, a mule chain, tasks and a timeline. No serious or
/// critical violation may remain.
/// </summary>
public sealed class AccessibilityTests(E2EFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task TaskQueue_AvailableAndMine_HaveNoSeriousViolations()
    {
        var page = await NewSignedInPageAsync(DemoUsers.PoliceTeamLead);

        await GoToAsync(page, "tasks?tab=available");
        await Assertions.Expect(page.GetByTestId("claim").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "queue-available");
        await AssertAccessibleAsync(page, "the Available queue");

        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Team" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("claim")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("task-link").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "queue-team");
        await AssertAccessibleAsync(page, "the Team queue");

        // Usually empty, unless another test's flow holds a task of this team lead at the moment.
        await page.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Mijn taken" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("claim")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid='empty-queue'], [data-testid='task-link']").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "the My tasks queue");
        AssertNoPageErrors(page);
    }

    [Fact]
    public async Task ReportIntake_EmptyAndRefused_HasNoSeriousViolations()
    {
        var page = await NewSignedInPageAsync(DemoUsers.PoliceIntakeOfficer);

        await GoToAsync(page, "reports/new");
        await Assertions.Expect(page.GetByTestId("register")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "the empty intake form");

        // A lead that does not look up other cases (web addresses do not), then a report without name or description.
        await page.Locator("#url").FillAsync("https://www.marktplaats.nl/v/123456789");
        await page.Locator("#url").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("lead-chip")).ToHaveCountAsync(1);
        await page.GetByTestId("register").ClickAsync();
        await Assertions.Expect(page.GetByTestId("intake-error")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "intake-refused");
        await AssertAccessibleAsync(page, "the intake form with its error messages");
        AssertNoPageErrors(page);
    }

    [Fact]
    public async Task TaskForms_GenericAndSuspects_HaveNoSeriousViolations()
    {
        var intake = await NewSignedInPageAsync(DemoUsers.PoliceIntakeOfficer);
        var teamLead = await NewSignedInPageAsync(DemoUsers.PoliceTeamLead);
        var investigator = await NewSignedInPageAsync(DemoUsers.PoliceInvestigator);
        var (_, caseNumber) = await RegisterReportAsync(intake, new NewReport(
            "Sem Jansen", "sem.jansen@example.nl", "300", "Fiets besteld via een webwinkel die niet bestaat.", null, [],
            WebAddresses: ["https://fietsen-outlet.example/bestelling/998"]));

        // A generic form with a text field, claimed.
        await ClaimAsync(intake, caseNumber, TaskTitles.CivilCheck);
        await Assertions.Expect(intake.GetByTestId("task-form")).ToBeVisibleAsync();
        await ScreenshotAsync(intake, "generic-form");
        await AssertAccessibleAsync(intake, "a claimed task with a generic form (civil check)");
        await CompleteAsync(intake, "Criminal");
        await WorkAsync(teamLead, caseNumber, TaskTitles.Triage, "Investigate");

        // Without accounts to trace, the case goes straight to the suspects: the named suspects form.
        await ClaimAsync(investigator, caseNumber, TaskTitles.IdentifySuspects);
        await Assertions.Expect(investigator.GetByTestId("suspects-form")).ToBeVisibleAsync();
        await investigator.GetByTestId("add-suspect").ClickAsync();
        await Assertions.Expect(investigator.GetByTestId("suspect-row")).ToHaveCountAsync(2);
        await ScreenshotAsync(investigator, "suspects-form");
        await AssertAccessibleAsync(investigator, "the suspects form");
        await FillAsync(investigator, "suspect-name-0", "Ronald Ronselaar");
        await CompleteAsync(investigator, "Identified");

        // A generic form with a check box (hearing), then one with selects and a number (proposal), with its errors.
        await ClaimAsync(investigator, caseNumber, TaskTitles.Hearing);
        await AssertAccessibleAsync(investigator, "a generic form with a check box (hearing)");
        await CompleteAsync(investigator, "Heard");
        await ClaimAsync(investigator, caseNumber, TaskTitles.Proposal);
        await investigator.GetByTestId("outcome-Submit").ClickAsync();
        await Assertions.Expect(investigator.GetByTestId("task-error")).ToBeVisibleAsync();
        await ScreenshotAsync(investigator, "generic-form-errors");
        await AssertAccessibleAsync(investigator, "a generic form with selects and a number, with its error messages (proposal)");
        AssertNoPageErrors(intake);
        AssertNoPageErrors(teamLead);
        AssertNoPageErrors(investigator);
    }

    [Fact]
    public async Task Incidents_AsTheAdministrator_HasNoSeriousViolations()
    {
        var page = await NewSignedInPageAsync(DemoUsers.Administrator);

        await GoToAsync(page, "admin/incidents");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Storingen in workflows");
        await Assertions.Expect(page.Locator("#incidents-none, #incidents").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "incidents");
        await AssertAccessibleAsync(page, "the incidents page");
        AssertNoPageErrors(page);
    }

    [Fact]
    public async Task WorkflowDefinitions_EditAsNewVersionAndCheck_SaysItCanBePublishedAndHasNoSeriousViolations()
    {
        var page = await NewSignedInPageAsync(DemoUsers.Administrator);

        await GoToAsync(page, "admin/workflows");
        await Assertions.Expect(page.Locator("#definitions tbody tr").First).ToBeVisibleAsync();
        await page.Locator("#definitions tbody tr").First.Locator("button.edit-as-new").ClickAsync();
        await Assertions.Expect(page.Locator("#definition-json")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"definitionId\""));
        await page.Locator("#check-definition").ClickAsync();
        await Assertions.Expect(page.Locator("#definition-valid")).ToContainTextAsync("is in orde en kan gepubliceerd worden");
        await ScreenshotAsync(page, "definition-checked");
        await AssertAccessibleAsync(page, "the workflow definitions page");
        AssertNoPageErrors(page);
    }

    [Fact]
    public async Task WorkflowDefinitions_CheckABrokenDefinition_ListsItsProblemsInDutchKeepsTheTextAndHasNoSeriousViolations()
    {
        const string broken = """{ "definitionId": "Kapot", "version": 1, "name": { "nl": "Kapot" }, "activities": [ { "id": "start", "type": "Start" } ], "connections": [] }""";
        var page = await NewSignedInPageAsync(DemoUsers.Administrator);

        await GoToAsync(page, "admin/workflows");
        await Assertions.Expect(page.Locator("#definitions tbody tr").First).ToBeVisibleAsync();
        await page.Locator("#definition-json").FillAsync(broken);
        await page.Locator("#definition-json").BlurAsync();
        await page.Locator("#check-definition").ClickAsync();

        var problems = page.Locator("#definition-problems");
        await Assertions.Expect(problems).ToContainTextAsync("de workflow heeft geen End-activiteit");
        await Assertions.Expect(problems).ToContainTextAsync("de definitie-id 'Kapot' moet in kebab-case");
        await Assertions.Expect(page.Locator("#definition-json")).ToHaveValueAsync(broken);
        await ScreenshotAsync(page, "definition-refused");
        await AssertAccessibleAsync(page, "the workflow definitions page with a refused definition");
        AssertNoPageErrors(page);
    }

    [Fact]
    public async Task CaseWorkflows_CaseWithAHeldTask_ListsItsWorkflowsReturnsTheTaskStopsItAndHasNoSeriousViolations()
    {
        // Its own case, so what the page shows does not depend on which other tests worked a demo case before it.
        var intake = await NewSignedInPageAsync(DemoUsers.PoliceIntakeOfficer);
        var admin = await NewSignedInPageAsync(DemoUsers.Administrator);
        var (_, caseNumber) = await RegisterReportAsync(intake, new NewReport(
            "Noor Visser", "noor.visser@example.nl", "120", "Fietsonderdelen betaald, nooit geleverd.", null,
            [TestIbans.Fresh(TestIbans.Polder)]));
        await ClaimAsync(intake, caseNumber, TaskTitles.CivilCheck);

        await GoToAsync(admin, "admin/case-workflows");
        await admin.Locator("#case-number").FillAsync(caseNumber.ToLowerInvariant());
        await admin.Locator("#find-workflows").ClickAsync();

        var rows = admin.Locator("#case-workflows tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await Assertions.Expect(rows.First.Locator(".workflow-status")).ToHaveTextAsync("Loopt");
        await Assertions.Expect(rows.First.Locator(".held-task")).ToContainTextAsync(DemoUsers.PoliceIntakeOfficer);
        await rows.First.Locator("button.journal-toggle").ClickAsync();
        await Assertions.Expect(admin.Locator(".journal tbody tr").First).ToBeVisibleAsync();
        await ScreenshotAsync(admin, "case-workflows");
        await AssertAccessibleAsync(admin, "the case workflows page with a held task and a journal");

        await rows.First.Locator("button.return-to-queue").ClickAsync();
        await Assertions.Expect(admin.Locator(".held-task")).ToHaveCountAsync(0);
        await FindQueueRowAsync(intake, caseNumber, TaskTitles.CivilCheck, "available");

        // The stop form: refused without a reason (the form stays), then the workflow stopped with one.
        await rows.First.Locator("button.stop").ClickAsync();
        await admin.Locator("#stop-confirm").ClickAsync();
        await Assertions.Expect(admin.Locator(".stop-form")).ToContainTextAsync("Geef aan waarom de workflow wordt gestopt.");
        await ScreenshotAsync(admin, "stop-form");
        await AssertAccessibleAsync(admin, "the stop form");
        await FillAsync(admin, "stop-reason", "Dubbel geregistreerd, zie de andere aangifte.");
        await admin.Locator("#stop-confirm").ClickAsync();
        await Assertions.Expect(rows.First.Locator(".workflow-status")).ToHaveTextAsync("Gestopt");
        await Assertions.Expect(admin.Locator("button.stop")).ToHaveCountAsync(0);
        AssertNoPageErrors(admin);
        AssertNoPageErrors(intake);
    }

    [Fact]
    public async Task BankPortal_DemoOrders_HasNoSeriousViolations()
    {
        var page = await NewSignedInPageAsync(DemoUsers.BankFraudOfficerPolder);

        await GoToAsync(page, "bank");
        await Assertions.Expect(page.GetByTestId("bank-order").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "bank-portal");
        await AssertAccessibleAsync(page, "the bank portal");
        AssertNoPageErrors(page);
    }

    [Fact]
    public async Task BankAnswerFormAndCaseFile_TracedAccount_HaveNoSeriousViolations()
    {
        var account = TestIbans.Fresh(TestIbans.Tulp);
        var intake = await NewSignedInPageAsync(DemoUsers.PoliceIntakeOfficer);
        var teamLead = await NewSignedInPageAsync(DemoUsers.PoliceTeamLead);
        var investigator = await NewSignedInPageAsync(DemoUsers.PoliceInvestigator);
        var prosecutor = await NewSignedInPageAsync(DemoUsers.Prosecutor);
        var bank = await NewSignedInPageAsync(DemoUsers.BankFraudOfficerTulp);
        var (caseId, caseNumber) = await RegisterReportAsync(intake, new NewReport(
            "Lotte de Boer", "lotte.deboer@example.nl", "950", "Telefoon betaald via een advertentie, nooit ontvangen.",
            TestIbans.Fresh(TestIbans.Polder), [account]));
        await WorkAsync(intake, caseNumber, TaskTitles.CivilCheck, "Criminal");
        await WorkAsync(teamLead, caseNumber, TaskTitles.Triage, "Investigate");
        await WorkAsync(investigator, caseNumber, TaskTitles.IdentifyHolder, "Identified", page => FillAsync(page, "field-holderName", "Kim Ezel"));
        await ClaimAsync(investigator, caseNumber, TaskTitles.DraftOrder);
        await AssertAccessibleAsync(investigator, "a generic form with text fields, a select and a check box (draft order)");
        await FillAsync(investigator, "field-person", "Rekeninghouder");
        await FillAsync(investigator, "field-data", "Saldo- en transactiegegevens");
        await FillAsync(investigator, "field-period", "1 januari 2026 – heden");
        await SelectAsync(investigator, "Wettelijke grondslag", "art. 126nd Sv");
        await CompleteAsync(investigator, "Submit");
        await WorkAsync(prosecutor, caseNumber, TaskTitles.ApproveOrder, "Approve");

        await GoToAsync(bank, "bank");
        var order = bank.GetByTestId("bank-order").Filter(new LocatorFilterOptions { HasText = caseNumber });
        await Assertions.Expect(order).ToHaveCountAsync(1);
        await order.GetByRole(AriaRole.Link).ClickAsync();
        await bank.GetByTestId("claim").ClickAsync();
        await Assertions.Expect(bank.GetByTestId("bank-answer-form")).ToBeVisibleAsync();
        await bank.GetByTestId("add-transfer").ClickAsync();
        await bank.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Opname toevoegen" }).ClickAsync();
        await FillAsync(bank, "transfer-iban-0", "NL00 TULP 0000 0000 00");
        await bank.GetByTestId("outcome-Answered").ClickAsync();
        await Assertions.Expect(bank.GetByTestId("task-error")).ToBeVisibleAsync();
        await ScreenshotAsync(bank, "bank-answer-form-errors");
        await AssertAccessibleAsync(bank, "the bank's answer form with a transfer, a cash-out and error messages");

        await GoToAsync(investigator, $"cases/{caseId}");
        await Assertions.Expect(investigator.GetByTestId("chain-node")).ToHaveCountAsync(1);
        await Assertions.Expect(investigator.GetByTestId("timeline")).ToBeVisibleAsync();
        await ScreenshotAsync(investigator, "case-file");
        await AssertAccessibleAsync(investigator, "the case file with parties, accounts, chain, tasks and timeline");
        foreach (var page in new[] { intake, teamLead, investigator, prosecutor, bank })
        {
            AssertNoPageErrors(page);
        }
    }

    [Fact]
    public async Task CaseFile_DemoCaseWithTheProsecutor_HasNoSeriousViolations()
    {
        var page = await NewSignedInPageAsync(DemoUsers.PoliceTeamLead);

        await GoToAsync(page, "cases");
        await SelectAsync(page, "Fase", "Bij het OM");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Zoeken" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-row").First).ToContainTextAsync("Bij het OM");
        await page.GetByTestId("case-row").First.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(CaseFileUrl());
        await Assertions.Expect(page.GetByTestId("mule-chain")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("party-row").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "case-file-demo");
        await AssertAccessibleAsync(page, "a demo case file (parties, chain with a cash-out, tasks)");
        AssertNoPageErrors(page);
    }

    [Fact]
    public async Task CaseFile_TeamLeadAssignsTheCaseToAColleague_ShowsTheirNameAndHasNoSeriousViolations()
    {
        var intake = await NewSignedInPageAsync(DemoUsers.PoliceIntakeOfficer);
        var lead = await NewSignedInPageAsync(DemoUsers.PoliceTeamLead);
        var (caseId, _) = await RegisterReportAsync(intake, new NewReport(
            "Daan Smit", "daan.smit@example.nl", "75", "Concertkaarten betaald, nooit ontvangen.", null, [TestIbans.Fresh(TestIbans.Tulp)]));

        await GoToAsync(lead, $"cases/{caseId}");
        await Assertions.Expect(lead.GetByTestId("case-assignee")).ToHaveTextAsync("Niemand");
        await lead.Locator("[data-testid=case-assignment] .mud-select").Locator(".mud-input-control-input-container, .mud-select-input").First.ClickAsync();
        var colleague = lead.Locator(".mud-popover-open .mud-list-item").Nth(1);
        var name = (await colleague.InnerTextAsync()).Trim();
        await colleague.ClickAsync();
        await lead.GetByTestId("case-assign").ClickAsync();

        await Assertions.Expect(lead.GetByTestId("case-assignee")).ToHaveTextAsync(name);
        await ScreenshotAsync(lead, "case-assigned");
        await AssertAccessibleAsync(lead, "a case file with its assignment");
        AssertNoPageErrors(lead);
        AssertNoPageErrors(intake);
    }

    [Fact]
    public async Task AuditTrail_AuditorLooksForWhoSearchedALead_FindsTheLookUpAndHasNoSeriousViolations()
    {
        var intake = await NewSignedInPageAsync(DemoUsers.PoliceIntakeOfficer);
        var auditor = await NewSignedInPageAsync(DemoUsers.Auditor);
        var account = TestIbans.Fresh(TestIbans.Polder);

        // The intake officer's form looks across the units for earlier reports on the account (an audited search).
        await GoToAsync(intake, "reports/new");
        await intake.Locator("#iban").FillAsync(account);
        await intake.Locator("#iban").PressAsync("Enter");
        await Assertions.Expect(intake.GetByTestId("lead-chip")).ToHaveTextAsync(account);

        await GoToAsync(auditor, "audit");
        await auditor.Locator("#audit-purpose").FillAsync(account.ToLowerInvariant());
        await auditor.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Zoeken" }).ClickAsync();

        var rows = auditor.Locator("table tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(DemoUsers.PoliceIntakeOfficer);
        await Assertions.Expect(rows.First).ToContainTextAsync("SharedLeads");
        await ScreenshotAsync(auditor, "audit-trail-search");
        await AssertAccessibleAsync(auditor, "the audit trail filtered on a searched lead");
        AssertNoPageErrors(auditor);
        AssertNoPageErrors(intake);
    }
}
