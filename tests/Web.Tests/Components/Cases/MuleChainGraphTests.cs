using Bunit;
using Coordination.Web.Components.Pages.Cases;
using Coordination.Web.Features.Cases;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Components.Cases;

/// <summary>The mule-chain graph: accounts by line, amounts on the edges, cash-out points, and the same facts as a
/// table for screen readers.</summary>
public sealed class MuleChainGraphTests
{
    private const string A = "NL91ABNA0417164300", B = "NL20INGB0001234567", C = "NL44RABO0123456789", D = "NL02ABNA0123456789", E = "NL86INGB0002445588";

    // Line 1: A; line 2: B and C (C cashes out); line 3: D and E.
    private static readonly ChainNodeDto[] _nodes =
    [
        new(A, 1, false, 5_000m, 0m),
        new(B, 2, false, 2_000m, 0m),
        new(C, 2, true, 2_500m, 1_400m),
        new(D, 3, false, 1_500m, 0m),
        new(E, 3, false, 500m, 0m),
    ];

    private static readonly ChainEdgeDto[] _edges =
    [
        new(A, B, 2_000m, 1),
        new(A, C, 2_500m, 2),
        new(B, D, 1_500m, 1),
        new(B, E, 500m, 1),
    ];

    private static readonly AccountDto[] _accounts =
    [
        new(A, "ABN AMRO", "Frozen", "Mo Ezel"),
        new(C, "Rabobank", "Identified", "Cas Ezel"),
    ];

    [Fact]
    public async Task Render_FiveAccountsOverThreeLines_DrawsANodePerAccountWithLineAndCashOut()
    {
        await using var ctx = ComponentTestContext.Dutch();

        var cut = ctx.Render<MuleChainGraph>(p => p.Add(x => x.Nodes, _nodes).Add(x => x.Edges, _edges).Add(x => x.Accounts, _accounts));

        var nodes = cut.FindAll("[data-testid=chain-node]");
        nodes.Count.ShouldBe(5);
        nodes.Select(n => n.GetAttribute("data-line")).ShouldBe(["1", "2", "2", "3", "3"]);
        var cashOut = cut.FindAll("[data-testid=chain-node][data-cashout=true]").ShouldHaveSingleItem("as rendered: " + string.Join(" ", nodes.Select(n => n.OuterHtml.Split(">")[0] + ">")));
        cashOut.TextContent.ShouldContain(C);
        cashOut.TextContent.ShouldContain("Uitstroom € 1.400,00");
        cut.FindAll("[data-testid=chain-node][data-cashout=false]").Count.ShouldBe(4);
        nodes[0].TextContent.ShouldContain("ABN AMRO · bevroren");
        nodes[1].TextContent.ShouldContain("Onbekende bank");
        cut.FindAll(".chain-line-label").Select(l => l.TextContent).ShouldBe(["Lijn 1", "Lijn 2", "Lijn 3"]);
    }

    [Fact]
    public async Task Render_FiveAccountsOverThreeLines_PutsAmountsOnTheEdges()
    {
        await using var ctx = ComponentTestContext.Dutch();

        var cut = ctx.Render<MuleChainGraph>(p => p.Add(x => x.Nodes, _nodes).Add(x => x.Edges, _edges).Add(x => x.Accounts, _accounts));

        cut.FindAll("line.chain-edge").Count.ShouldBe(4);
        cut.FindAll("text.chain-amount").Select(t => t.TextContent).ShouldBe(["€ 2.000,00", "€ 2.500,00", "€ 1.500,00", "€ 500,00"]);
    }

    [Fact]
    public async Task Render_FiveAccountsOverThreeLines_ListsEveryEdgeInAHiddenTableAndSummarizesTheImage()
    {
        await using var ctx = ComponentTestContext.Dutch();

        var cut = ctx.Render<MuleChainGraph>(p => p.Add(x => x.Nodes, _nodes).Add(x => x.Edges, _edges).Add(x => x.Accounts, _accounts));

        var svg = cut.Find("svg[data-testid=mule-chain]");
        svg.GetAttribute("role").ShouldBe("img");
        svg.GetAttribute("aria-label").ShouldBe("Geldezelketen met 5 rekeningen over 3 lijnen, 1 uitstroompunten");
        var table = cut.Find("table.visually-hidden");
        table.QuerySelector("caption")!.TextContent.ShouldBe("Geldstromen in de keten");
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).ToList();
        rows.Count.ShouldBe(_edges.Length);
        rows[0].ShouldBe([A, B, "€ 2.000,00"]);
        rows[1].ShouldBe([A, C, "€ 2.500,00"]);
        rows[2].ShouldBe([B, D, "€ 1.500,00"]);
        rows[3].ShouldBe([B, E, "€ 500,00"]);
    }

    [Fact]
    public async Task Render_NoAccounts_SaysNoMoneyTrailKnownYet()
    {
        await using var ctx = ComponentTestContext.Dutch();

        var cut = ctx.Render<MuleChainGraph>(p => p.Add(x => x.Nodes, []).Add(x => x.Edges, []));

        cut.Find("[data-testid=chain-empty]").TextContent.ShouldBe("Nog geen geldstromen bekend.");
        cut.FindAll("svg").ShouldBeEmpty();
        cut.FindAll("table").ShouldBeEmpty();
    }

    [Fact]
    public async Task Render_English_SummaryAndLabelsAreEnglish()
    {
        await using var ctx = ComponentTestContext.English();

        var cut = ctx.Render<MuleChainGraph>(p => p.Add(x => x.Nodes, _nodes).Add(x => x.Edges, _edges).Add(x => x.Accounts, _accounts));

        cut.Find("svg").GetAttribute("aria-label").ShouldBe("Mule chain of 5 accounts over 3 lines, 1 cash-out points");
        var text = cut.Text();
        text.ShouldContain("Line 1");
        text.ShouldContain("Unknown bank");
        text.ShouldContain("frozen");
        text.ShouldContain("Money moved in the chain");
        ResourceFiles.DutchLeftIn(text).ShouldBeEmpty();
    }
}
