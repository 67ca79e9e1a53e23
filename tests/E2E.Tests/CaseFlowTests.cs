using Coordination.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Coordination.E2E.Tests;

/// <summary>
/// One online-fraud case from the intake form to a closed case, every step through the real UI by the user whose task
/// it is, each in their own browser context: report → civil check → triage → holder look-ups, orders, approvals → each
/// bank answers its own order → the next line at a third bank → suspects → hearing, proposal, the prosecutor's
/// decision → the victim told → the case file shows the end state, the mule chain and the timeline.
/// </summary>
public sealed class CaseFlowTests(E2EFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task IntakeToDisposition_TwoBanksAndANextLine_EndsWithStateGraphAndTimeline()
    {
        var noordzeeAccount = TestIbans.Fresh(TestIbans.Noordzee);
        var polderAccount = TestIbans.Fresh(TestIbans.Polder);
        var tulpAccount = TestIbans.Fresh(TestIbans.Tulp);
        var victimAccount = TestIbans.Fresh(TestIbans.Noordzee);
        var intake = await NewSignedInPageAsync(DemoUsers.PoliceIntakeOfficer);
        var teamLead = await NewSignedInPageAsync(DemoUsers.PoliceTeamLead);
        var investigator = await NewSignedInPageAsync(DemoUsers.PoliceInvestigator);
        var prosecutor = await NewSignedInPageAsync(DemoUsers.Prosecutor);
        var noordzee = await NewSignedInPageAsync(DemoUsers.BankFraudOfficerNoordzee);
        var polder = await NewSignedInPageAsync(DemoUsers.BankFraudOfficerPolder);
        var tulp = await NewSignedInPageAsync(DemoUsers.BankFraudOfficerTulp);

        // 1. The intake officer registers a report: the victim paid into two accounts at two banks.
        var (caseId, caseNumber) = await RegisterReportAsync(intake, new NewReport(
            "Vera Slachtoffer", "vera.slachtoffer@example.nl", "2500", "Spelcomputer via Marktplaats in twee delen betaald, nooit geleverd.",
            victimAccount, [noordzeeAccount, polderAccount]), "1-intake-form");
        await Assertions.Expect(intake.GetByTestId("case-phase")).ToHaveTextAsync("Geregistreerd");
        await ScreenshotAsync(intake, "1-case-registered");

        // 2. Criminal, not civil; the victim is informed; the team lead investigates; the investigator looks up both
        //    holders and drafts an order per account; the prosecutor approves both.
        await WorkAsync(intake, caseNumber, TaskTitles.CivilCheck, "Criminal",
            page => FillAsync(page, "field-reason", "Betaald, niet geleverd: oplichting (art. 326 Sr)."), "2-civil-check");
        await WorkAsync(intake, caseNumber, TaskTitles.VictimInfo, "Informed");
        await WorkAsync(teamLead, caseNumber, TaskTitles.Triage, "Investigate", screenshot: "2-triage");
        // The trace tasks of the two accounts carry the same title and their pages do not name the account, so the
        // investigator (and this test) takes them in queue order.
        for (var account = 1; account <= 2; account++)
        {
            var holder = $"Rekeninghouder {account}";
            await WorkAsync(investigator, caseNumber, TaskTitles.IdentifyHolder, "Identified",
                page => FillAsync(page, "field-holderName", holder), account == 1 ? "2-identify-holder" : null);
        }

        for (var account = 1; account <= 2; account++)
        {
            await WorkAsync(investigator, caseNumber, TaskTitles.DraftOrder, "Submit", DraftOrderAsync, account == 1 ? "2-draft-order" : null);
        }

        for (var account = 1; account <= 2; account++)
        {
            await WorkAsync(prosecutor, caseNumber, TaskTitles.ApproveOrder, "Approve", screenshot: account == 1 ? "2-approve-order" : null);
        }

        // 3. Each bank sees its own order only, and answers it; Noordzee's answer names an onward transfer to Tulp.
        var noordzeeOrder = await SingleOrderAsync(noordzee, caseNumber, noordzeeAccount);
        var polderOrder = await SingleOrderAsync(polder, caseNumber, polderAccount);
        noordzeeOrder.ShouldNotBe(polderOrder, "each bank has its own order");
        await ScreenshotAsync(noordzee, "3-noordzee-portal");
        await ScreenshotAsync(polder, "3-polder-portal");

        await GoToAsync(noordzee, polderOrder);
        await Assertions.Expect(noordzee.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToHaveTextAsync("Niet gevonden");
        await Assertions.Expect(noordzee.GetByText(polderAccount)).ToHaveCountAsync(0);
        await ScreenshotAsync(noordzee, "3-noordzee-opens-polders-order");
        await GoToAsync(polder, noordzeeOrder);
        await Assertions.Expect(polder.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToHaveTextAsync("Niet gevonden");

        await AnswerOrderAsync(noordzee, noordzeeOrder, noordzeeAccount, "3-noordzee-answer", async page =>
        {
            await FillAsync(page, "holder-name", "Mo Ezel");
            await page.GetByTestId("add-transfer").ClickAsync();
            await FillAsync(page, "transfer-iban-0", tulpAccount);
            await FillAsync(page, "transfer-amount-0", "2000");
        });
        await AnswerOrderAsync(polder, polderOrder, polderAccount, "3-polder-answer", page => FillAsync(page, "holder-name", "Bo Ezel"));

        // 4. The next line: Tulp's account is traced; only Tulp's officer gets that order.
        await WorkAsync(investigator, caseNumber, TaskTitles.IdentifyHolder, "Identified", async page =>
        {
            await Assertions.Expect(page.GetByTestId("task-subject")).ToContainTextAsync(tulpAccount);
            await FillAsync(page, "field-holderName", "Cas Ezel");
        });
        await WorkAsync(investigator, caseNumber, TaskTitles.DraftOrder, "Submit", DraftOrderAsync);
        await WorkAsync(prosecutor, caseNumber, TaskTitles.ApproveOrder, "Approve");
        var tulpOrder = await SingleOrderAsync(tulp, caseNumber, tulpAccount);
        await ScreenshotAsync(tulp, "4-tulp-portal-next-line");
        tulpOrder.ShouldNotBeOneOf(noordzeeOrder, polderOrder);
        await NoOpenOrderAsync(noordzee, caseNumber);
        await NoOpenOrderAsync(polder, caseNumber);
        await AnswerOrderAsync(tulp, tulpOrder, tulpAccount, "4-tulp-answer-cash-out", async page =>
        {
            await FillAsync(page, "holder-name", "Cas Ezel");
            await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Opname toevoegen" }).ClickAsync();
            var amount = page.GetByLabel("Bedrag", new PageGetByLabelOptions { Exact = true });
            await amount.FillAsync("1900");
            await amount.BlurAsync();
        });

        // 5. Tracing is done: the suspect is identified, heard and proposed; the prosecutor dismisses (02, the quickest
        //    road to a final end state in suspect-disposition.json); the victim is told; the case is closed.
        await WorkAsync(investigator, caseNumber, TaskTitles.IdentifySuspects, "Identified",
            page => FillAsync(page, "suspect-name-0", "Mo Ezel"), "5-identify-suspects");
        await WorkAsync(investigator, caseNumber, TaskTitles.Hearing, "Heard", page => page.GetByLabel("Bekend").CheckAsync(), "5-hearing");
        await WorkAsync(investigator, caseNumber, TaskTitles.Proposal, "Submit", async page =>
        {
            await SelectAsync(page, "Rol", "Geldezel");
            var amount = page.GetByLabel("Witgewassen bedrag (€)");
            await amount.FillAsync("2000");
            await amount.BlurAsync();
            await SelectAsync(page, "Bewijs", "Onvoldoende (sepot 02)");
        }, "5-proposal");
        await WorkAsync(prosecutor, caseNumber, TaskTitles.Decide, "DismissInsufficientEvidence",
            page => AssertAccessibleAsync(page, "the prosecutor's decision form"), "5-decide");
        await WorkAsync(intake, caseNumber, TaskTitles.VictimOutcome, "Informed");

        await GoToAsync(investigator, $"cases/{caseId}");
        await Assertions.Expect(investigator.GetByTestId("case-number")).ToContainTextAsync(caseNumber);
        await Assertions.Expect(investigator.GetByTestId("case-end-state")).ToHaveTextAsync("Sepot 02: onvoldoende bewijs");
        await Assertions.Expect(investigator.GetByTestId("case-phase")).ToHaveTextAsync("Afgesloten");
        await Assertions.Expect(investigator.GetByTestId("chain-empty").Or(investigator.GetByTestId("mule-chain"))).ToBeVisibleAsync();
        var nodes = investigator.GetByTestId("mule-chain").GetByTestId("chain-node");
        (await nodes.CountAsync()).ShouldBe(3, "the mule chain shows both first-line accounts (Noordzee, Polder) and the next-line account at Tulp");
        var lines = await nodes.EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.getAttribute('data-line'))");
        lines.Distinct().Count().ShouldBeGreaterThanOrEqualTo(2, "the chain spans two lines");
        await Assertions.Expect(nodes.Filter(new LocatorFilterOptions { HasText = tulpAccount })).ToHaveAttributeAsync("data-line", "2");
        await Assertions.Expect(nodes.Filter(new LocatorFilterOptions { HasText = tulpAccount })).ToHaveAttributeAsync("data-cashout", "true");
        await Assertions.Expect(investigator.GetByTestId("milestone").Filter(new LocatorFilterOptions { HasText = "Geldezelketen nagetrokken" })).ToHaveCountAsync(1);
        (await investigator.GetByTestId("timeline").Locator(".mud-timeline-item").CountAsync()).ShouldBeGreaterThan(10, "the timeline holds the workflow journal");
        // A note: refused while empty (the reason beside the field), then written and shown with its author.
        await Assertions.Expect(investigator.GetByTestId("notes-empty")).ToBeVisibleAsync();
        await investigator.GetByTestId("add-note").ClickAsync();
        await Assertions.Expect(investigator.GetByTestId("notes")).ToContainTextAsync("Schrijf eerst de notitie.");
        await FillAsync(investigator, "new-note", "Slachtoffer geïnformeerd over het sepot; geen beklag aangekondigd.");
        await investigator.GetByTestId("add-note").ClickAsync();
        await Assertions.Expect(investigator.GetByTestId("note")).ToContainTextAsync("geen beklag aangekondigd");
        await Assertions.Expect(investigator.GetByTestId("note")).ToContainTextAsync(DemoUsers.PoliceInvestigator);
        await ScreenshotAsync(investigator, "5-case-file-closed");
        await AssertAccessibleAsync(investigator, "the closed case file with a note");
        await investigator.GetByTestId("mule-chain").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ArtifactsFolder, "mule-chain.png") });

        foreach (var page in new[] { intake, teamLead, investigator, prosecutor, noordzee, polder, tulp })
        {
            AssertNoPageErrors(page);
        }
    }

    private static async Task DraftOrderAsync(IPage page)
    {
        await FillAsync(page, "field-person", "Rekeninghouder");
        await FillAsync(page, "field-data", "Saldo- en transactiegegevens");
        await FillAsync(page, "field-period", "1 januari 2026 – heden");
        await SelectAsync(page, "Wettelijke grondslag", "art. 126nd Sv");
    }

    /// <summary>The bank portal lists exactly one open order of the case for this bank, naming the account it is
    /// about; returns its link.</summary>
    private static async Task<string> SingleOrderAsync(IPage bank, string caseNumber, string account)
    {
        await GoToAsync(bank, "bank");
        var orders = bank.GetByTestId("bank-order").Filter(new LocatorFilterOptions { HasText = caseNumber });
        await Assertions.Expect(orders).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = QueueTimeoutMilliseconds });
        await Assertions.Expect(orders).ToContainTextAsync(TaskTitles.BankAnswer);
        await Assertions.Expect(orders.GetByTestId("order-subject")).ToHaveTextAsync(account);
        return (await orders.GetByRole(AriaRole.Link).GetAttributeAsync("href")).ShouldNotBeNull();
    }

    private static async Task NoOpenOrderAsync(IPage bank, string caseNumber)
    {
        await GoToAsync(bank, "bank");
        await Assertions.Expect(bank.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(bank.GetByTestId("bank-order").Filter(new LocatorFilterOptions { HasText = caseNumber })).ToHaveCountAsync(0);
    }

    /// <summary>The bank's officer opens the order, sees which account it is about, claims it, answers and completes it.</summary>
    private async Task AnswerOrderAsync(IPage bank, string order, string account, string screenshot, Func<IPage, Task> answer)
    {
        await GoToAsync(bank, order);
        await Assertions.Expect(bank.GetByTestId("task-title")).ToHaveTextAsync(TaskTitles.BankAnswer);
        await Assertions.Expect(bank.Locator(".order-details")).ToContainTextAsync(account);
        await bank.GetByTestId("claim").ClickAsync();
        await Assertions.Expect(bank.GetByTestId("bank-answer-form")).ToBeVisibleAsync();
        await answer(bank);
        await ScreenshotAsync(bank, screenshot);
        await CompleteAsync(bank, "Answered");
    }
}
