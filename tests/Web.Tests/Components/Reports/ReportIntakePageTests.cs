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
