using Bunit;
using Coordination.Web.Components.Pages.Reports;
using Coordination.Web.Features;
using Coordination.Web.Features.Cases;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Components.Reports;

/// <summary>The intake form: refused fields are explained beside the fields, in the user's language, and nothing the
/// user typed is lost.</summary>
public sealed class ReportIntakePageTests
{
    private const string BadIban = "NL00NZBK0000000001";

    [Fact]
    public async Task Submit_RefusedPerField_ShowsDutchMessagesBesideTheFieldsAndKeepsTheInput()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenRefusal(ctx);
        var cut = ctx.Render<ReportIntakePage>();

        cut.Find("#victim-iban").Change(BadIban);
        cut.Find("#reporter-name").Change("Vera Slachtoffer");
        cut.Find("[data-testid=register]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=intake-error]").TextContent.ShouldNotBeNullOrWhiteSpace());
        var text = cut.Markup;
        text.ShouldContain("De controlecijfers van dit IBAN kloppen niet");
        text.ShouldContain("Geef ten minste één aanknopingspunt");
        text.ShouldNotContain("check digits", Case.Insensitive);
        text.ShouldNotContain("Give at least one lead");
        cut.Find("#victim-iban").GetAttribute("value").ShouldBe(BadIban);
        cut.Find("#reporter-name").GetAttribute("value").ShouldBe("Vera Slachtoffer");
        ctx.Sent<RegisterReportCommand>().ShouldHaveSingleItem().VictimIban.ShouldBe(BadIban);
    }

    [Fact]
    public async Task Submit_RefusedPerField_ShowsEnglishMessagesInEnglish()
    {
        await using var ctx = ComponentTestContext.English();
        GivenRefusal(ctx);
        var cut = ctx.Render<ReportIntakePage>();

        cut.Find("#victim-iban").Change(BadIban);
        cut.Find("[data-testid=register]").Click();

        cut.WaitForAssertion(() => cut.Markup.ShouldContain("Give at least one lead"));
        cut.Markup.ShouldNotContain("Geef ten minste");
        cut.Markup.ShouldNotContain("controlecijfers");
    }

    [Fact]
    public async Task Submit_RefusedByADomainRuleWithItsValue_SaysItInDutchWithTheValueAndKeepsTheInput()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((FindCasesSharingLeadsQuery _) => (IReadOnlyList<SharedLeadDto>)[]);
        ctx.OnCommand((RegisterReportCommand _) => RegisterReportResult.Fail("report.incident-after-report", "The incident date 2026-03-05 is after the report date 2026-03-02.")
            with { Arguments = [new DateOnly(2026, 3, 5), new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)] });
        var cut = ctx.Render<ReportIntakePage>();

        cut.Find("#reporter-name").Change("Vera Slachtoffer");
        cut.Find("[data-testid=register]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=intake-error]").TextContent.ShouldContain("De datum van het delict (05-03-2026) ligt na de aangiftedatum (02-03-2026)."));
        cut.Find("#reporter-name").GetAttribute("value").ShouldBe("Vera Slachtoffer");
    }

    [Fact]
    public async Task Submit_RefusalWithoutTheValuesItsTextNames_ShowsTheMessageThatCameWithItInsteadOfBreaking()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((FindCasesSharingLeadsQuery _) => (IReadOnlyList<SharedLeadDto>)[]);
        ctx.OnCommand((RegisterReportCommand _) => RegisterReportResult.Fail("report.phone", "'06-x' is not a phone number."));
        var cut = ctx.Render<ReportIntakePage>();

        cut.Find("[data-testid=register]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=intake-error]").TextContent.ShouldContain("'06-x' is not a phone number."));
    }

    private static void GivenRefusal(ComponentTestContext ctx)
    {
        ctx.OnQuery((FindCasesSharingLeadsQuery _) => (IReadOnlyList<SharedLeadDto>)[]);
        ctx.OnCommand((RegisterReportCommand _) => RegisterReportResult.Fail("report.invalid", "The report has errors; nothing was saved.", new Dictionary<string, FieldError>
        {
            ["VictimIban"] = new("iban.checksum", "The check digits of NL00NZBK0000000001 are wrong.", [BadIban]),
            ["Ibans"] = FieldError.Of("report.lead-required", "Give at least one lead: an IBAN, a phone number or a web address."),
        }));
    }
}
