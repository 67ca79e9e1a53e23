using Coordination.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Coordination.E2E.Tests;

/// <summary>The English switch: after it, the case officers' pages show English labels and no Dutch interface string.</summary>
public sealed class LanguageTests(E2EFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task English_EveryPage_ShowsEnglishLabels()
    {
        DutchLabels.Count.ShouldBeGreaterThan(200, "the Dutch strings are read from SharedResource.resx");
        var police = await NewSignedInPageAsync(DemoUsers.PoliceIntakeOfficer);
        var bank = await NewSignedInPageAsync(DemoUsers.BankFraudOfficerNoordzee);

        // The look-out works: in Dutch it finds the queue's Dutch labels.
        await GoToAsync(police, "tasks?tab=available");
        await Assertions.Expect(police.GetByTestId("claim").First).ToBeVisibleAsync();
        var inDutch = await DutchLabels.FindAsync(police);
        inDutch.ShouldContain("TasksMine: \"Mijn taken\"");
        inDutch.ShouldContain("Claim: \"Oppakken\"");

        await SwitchToEnglishAsync(police);
        await SwitchToEnglishAsync(bank);

        // The queue, on the tab with claim buttons.
        await GoToAsync(police, "tasks?tab=available");
        await Assertions.Expect(police.GetByTestId("claim").First).ToBeVisibleAsync();
        await ExpectEnglishAsync(police, "the task queue",
            ["Tasks", "My tasks", "Available", "Fraud type", "Step", "Due before", "Apply filters", "Case number", "Due", "Claim", "Rows per page:"]);

        // The intake form.
        await GoToAsync(police, "reports/new");
        await ExpectEnglishAsync(police, "the intake form",
            ["Register a new report", "Channel", "Name of reporter / victim", "E-mail address", "Damage", "What happened?", "IBANs paid to", "Register report"]);

        // A task form: the civil check of a report the intake officer registers (in English) and claims.
        var (_, caseNumber) = await RegisterReportAsync(police, new NewReport(
            "Eve English", "eve@example.nl", "120", "Paid for a bike, never delivered.", null, [TestIbans.Fresh(TestIbans.Tulp)]));
        var row = await FindQueueRowAsync(police, caseNumber, "Check: criminal or civil (breach of contract)?", "available");
        await ClickClaimAsync(police, row, "claiming the civil check in English");
        await Assertions.Expect(police.GetByTestId("outcome-Criminal")).ToBeVisibleAsync();
        await ExpectEnglishAsync(police, "the task form",
            ["Check: criminal or civil (breach of contract)?", "Reason", "Criminal", "Civil (breach of contract)", "Release"]);

        // A case file further along (parties, mule chain, tasks, milestones): the first one the intake officer may open.
        await GoToAsync(police, "cases");
        await police.GetByTestId("case-row").First.GetByRole(AriaRole.Link).ClickAsync();
        await police.WaitForURLAsync(CaseFileUrl());
        await Assertions.Expect(police.GetByTestId("case-number")).ToContainTextAsync("Case file");
        await ExpectEnglishAsync(police, "the case file",
            ["Phase", "Damage", "Reports", "Parties", "Mule chain", "Tasks", "Timeline", "Export"]);

        // The bank portal.
        await GoToAsync(bank, "bank");
        await Assertions.Expect(bank.GetByTestId("bank-order").First).ToBeVisibleAsync();
        await ExpectEnglishAsync(bank, "the bank portal",
            ["Production orders and signals", "Also show handled ones", "Case number", "Task", "Due", "Orders"]);

        AssertNoPageErrors(police);
        AssertNoPageErrors(bank);
    }

    private async Task ExpectEnglishAsync(IPage page, string name, IReadOnlyList<string> labels)
    {
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        foreach (var label in labels)
        {
            await Assertions.Expect(page.GetByText(label, new PageGetByTextOptions { Exact = true }).First).ToBeAttachedAsync();
        }

        await ScreenshotAsync(page, name);
        var dutch = await DutchLabels.FindAsync(page);
        dutch.ShouldBeEmpty($"{name} ({page.Url}) still shows Dutch interface strings in English:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", dutch)}");
    }
}
