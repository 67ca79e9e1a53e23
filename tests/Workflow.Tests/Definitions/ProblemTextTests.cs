using System.Globalization;
using System.Text.RegularExpressions;
using Coordination.Workflow.Definitions;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Definitions;

/// <summary>Problems with a definition read in Dutch (the default) and English: every code has both texts, naming the same values.</summary>
public sealed partial class ProblemTextTests
{
    // Texts that are only structure around values (a field and a reason read in the same language) read the same in both.
    private static readonly HashSet<string> _sameInBothLanguages = ["field-invalid"];

    private static readonly CultureInfo _dutch = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly CultureInfo _english = CultureInfo.GetCultureInfo("en-GB");

    public static TheoryData<string> Codes => [.. ProblemTexts.Codes.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Formats_EveryCode_BothLanguagesNameTheSameValuesAndDiffer(string code)
    {
        var (english, dutch) = ProblemTexts.FormatsOf(code);

        english.ShouldNotBeNullOrWhiteSpace();
        dutch.ShouldNotBeNullOrWhiteSpace();
        Placeholders(dutch).ShouldBe(Placeholders(english), $"{code}: the Dutch text must name the same values as the English");
        var arguments = Placeholders(english).Select(i => (object)$"<{i}>").ToArray();
        var inEnglish = new ProblemText(code, arguments).For(_english);
        var inDutch = new ProblemText(code, arguments).For(_dutch);
        foreach (var argument in arguments)
        {
            inEnglish.ShouldContain((string)argument);
            inDutch.ShouldContain((string)argument);
        }

        if (!_sameInBothLanguages.Contains(code))
        {
            inDutch.ShouldNotBe(inEnglish, $"{code} is not translated");
        }
    }

    [Fact]
    public void Constructor_UnknownCode_Throws()
    {
        Should.Throw<ArgumentException>(() => new ProblemText("no-such-code")).Message.ShouldContain("'no-such-code'");
    }

    [Fact]
    public void Constructor_FewerValuesThanTheTextNames_Throws()
    {
        Should.Throw<ArgumentException>(() => new ProblemText("connection-target-unknown", "Done")).Message.ShouldContain("names 2 value(s); 1 given");
        new ProblemText("connection-target-unknown", "Done", "nowhere").English.ShouldBe("a connection from port 'Done' goes to 'nowhere', which is not an activity of this flowchart");
    }

    [Fact]
    public void For_NestedReasonAndList_ReadsEveryPartInTheCulturesLanguage()
    {
        var text = new ProblemText("field-invalid", "sla.duration", new ProblemText("duration-invalid", "P1.5D", new ProblemText("duration-fraction")));
        var ports = new ProblemText("port-unknown", "Redo", new List<string> { "Done", "Rejected" });

        text.For(_english).ShouldBe("'sla.duration': 'P1.5D' is not an ISO-8601 duration: fractions are not supported; use a smaller unit instead (PT90M rather than PT1.5H). Examples: P5D, PT24H, P3DT18H.");
        text.For(_dutch).ShouldBe("'sla.duration': 'P1.5D' is geen ISO-8601-duur: decimalen worden niet ondersteund; gebruik een kleinere eenheid (PT90M in plaats van PT1.5H). Voorbeelden: P5D, PT24H, P3DT18H.");
        ports.For(_dutch).ShouldBe("heeft geen poort 'Redo'; de poorten zijn: Done, Rejected");
        text.For(CultureInfo.GetCultureInfo("fr-FR")).ShouldBe(text.For(_dutch));
    }

    [Fact]
    public void For_NumberArgument_IsWrittenTheSameInEveryCulture()
    {
        var text = new ProblemText("definition-too-large", 1234, 256);

        text.For(_dutch).ShouldBe("de definitie is 1234 KB; het maximum is 256 KB");
        text.English.ShouldBe("the definition is 1234 KB; the maximum is 256 KB");
    }

    [Fact]
    public void Equals_SameCodeAndValues_EqualOtherwiseNot()
    {
        new ProblemText("unreachable", "start").ShouldBe(new ProblemText("unreachable", "start"));
        new ProblemText("unreachable", "start").GetHashCode().ShouldBe(new ProblemText("unreachable", "start").GetHashCode());
        new ProblemText("unreachable", "start").ShouldNotBe(new ProblemText("unreachable", "begin"));
        new ProblemText("no-end").ShouldNotBe(new ProblemText("no-path-to-end"));
    }

    [Fact]
    public void Validate_ProblemFound_ReadsInDutchAndEnglish()
    {
        var definition = DefinitionJson.Parse("""
            {
              "definitionId": "texts", "version": 1, "name": { "nl": "Teksten" },
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "done", "type": "End", "outcome": "Done" },
                { "id": "island", "type": "End", "outcome": "Done" }
              ],
              "connections": [ { "source": { "activity": "start" }, "target": { "activity": "done" } } ]
            }
            """);

        var problem = DefinitionFixtures.NewValidator().Validate(definition).ShouldHaveSingleItem();

        problem.ActivityId.ShouldBe("island");
        problem.Text.For(_english).ShouldBe("cannot be reached from 'start'");
        problem.Text.For(_dutch).ShouldBe("is niet te bereiken vanaf 'start'");
        problem.Message.ShouldBe("cannot be reached from 'start'");
    }

    private static int[] Placeholders(string format) =>
        [.. Placeholder().Matches(format.Replace("{{", string.Empty, StringComparison.Ordinal).Replace("}}", string.Empty, StringComparison.Ordinal))
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order()];

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
