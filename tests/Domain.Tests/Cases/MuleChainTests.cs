using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Shouldly;
using Xunit;
using static Coordination.Domain.Tests.TestData;

namespace Coordination.Domain.Tests.Cases;

public sealed class MuleChainTests
{
    private static readonly Iban _victim = Nl(900, "INGB");
    private static readonly Iban _otherVictim = Nl(901, "INGB");
    private static readonly Iban _a = Nl(1);
    private static readonly Iban _b = Nl(2);
    private static readonly Iban _c = Nl(3);
    private static readonly Iban _d = Nl(4);
    private static readonly Iban _abroad = Iban.Parse("DE89370400440532013000");

    [Fact]
    public void Build_NoTransfers_IsEmptyWithDepthZero()
    {
        var chain = MuleChain.Build([], []);

        chain.Nodes.ShouldBeEmpty();
        chain.Edges.ShouldBeEmpty();
        chain.Depth.ShouldBe(0);
    }

    [Fact]
    public void Build_VictimPaymentThenOnward_NumbersLinesByHops()
    {
        var chain = MuleChain.Build(
            [Pay(_victim, _a, 1000m), Onward(_a, _b, 900m), Onward(_b, _c, 800m)],
            []);

        chain.Nodes.Select(n => (n.Iban, n.Line)).ShouldBe([(_a, 1), (_b, 2), (_c, 3)]);
        chain.Depth.ShouldBe(3);
        chain.Find(_victim).ShouldBeNull();
    }

    [Fact]
    public void Build_AccountReachableTwice_TakesTheShortestLine()
    {
        // a → b → c and a → c: c is one hop from a, so line 2, not 3.
        var chain = MuleChain.Build(
            [Pay(_victim, _a, 1000m), Onward(_a, _b, 500m), Onward(_b, _c, 400m), Onward(_a, _c, 500m)],
            []);

        chain.Find(_c).ShouldNotBeNull().Line.ShouldBe(2);
        chain.Depth.ShouldBe(2);
    }

    [Fact]
    public void Build_LongPathListedBeforeShortOne_StillTakesTheShortestLine()
    {
        // The long path a → b → c → d is recorded first; a second victim paid d directly, so d is line 1.
        var chain = MuleChain.Build(
            [Pay(_victim, _a, 1000m), Onward(_a, _b, 900m), Onward(_b, _c, 800m), Onward(_c, _d, 700m), Pay(_otherVictim, _d, 50m)],
            []);

        chain.Find(_d).ShouldNotBeNull().Line.ShouldBe(1);
        chain.Find(_c).ShouldNotBeNull().Line.ShouldBe(3);
        chain.Depth.ShouldBe(3);
    }

    [Fact]
    public void Build_CashOuts_FlagsTheAccountsAndSumsWhatLeft()
    {
        var chain = MuleChain.Build(
            [Pay(_victim, _a, 1000m), Onward(_a, _b, 900m)],
            [CashOut(_b, 300m), CashOut(_b, 200m, CashOutMethod.Crypto)]);

        var b = chain.Find(_b).ShouldNotBeNull();
        b.IsCashOutPoint.ShouldBeTrue();
        b.CashedOut.ShouldBe(Money.Eur(500m));
        var a = chain.Find(_a).ShouldNotBeNull();
        a.IsCashOutPoint.ShouldBeFalse();
        a.CashedOut.ShouldBe(Money.Zero);
    }

    [Fact]
    public void Build_CashOutOutsideTheChain_AddsNoNode()
    {
        var chain = MuleChain.Build([Pay(_victim, _a, 100m)], [CashOut(_d, 100m)]);

        chain.Nodes.Count.ShouldBe(1);
        chain.Find(_d).ShouldBeNull();
    }

    [Fact]
    public void Build_SeveralTransfersBetweenTwoAccounts_SumsThemInOneEdge()
    {
        var chain = MuleChain.Build(
            [Pay(_victim, _a, 1000m), Onward(_a, _b, 100m), Onward(_a, _b, 150.25m, Now.AddHours(1)), Onward(_b, _c, 50m)],
            []);

        chain.Edges.ShouldBe(
        [
            new MuleChainEdge(_a, _b, Money.Eur(250.25m), 2),
            new MuleChainEdge(_b, _c, Money.Eur(50m), 1),
        ]);
        chain.Find(_b).ShouldNotBeNull().Received.ShouldBe(Money.Eur(250.25m));
    }

    [Fact]
    public void Build_SeveralVictimsPayingOneAccount_SumsWhatItReceived()
    {
        var chain = MuleChain.Build([Pay(_victim, _a, 300m), Pay(_otherVictim, _a, 200m)], []);

        var a = chain.Nodes.ShouldHaveSingleItem();
        a.Line.ShouldBe(1);
        a.Received.ShouldBe(Money.Eur(500m));
        chain.Edges.ShouldBeEmpty();
    }

    [Fact]
    public void Build_ReportedAccountsWithoutARecordedPayment_AreLineOneAndTheirOnwardTransfersFollow()
    {
        // The victim paid into a and b but did not say how much into which; only b's bank has answered so far.
        var chain = MuleChain.Build([Onward(_b, _c, 400m)], [CashOut(_c, 400m)], [_a, _b]);

        chain.Nodes.Select(n => (n.Iban, n.Line)).ShouldBe([(_a, 1), (_b, 1), (_c, 2)], ignoreOrder: true);
        chain.Find(_a).ShouldNotBeNull().Received.ShouldBe(Money.Zero);
        chain.Find(_c).ShouldNotBeNull().IsCashOutPoint.ShouldBeTrue();
        chain.Edges.ShouldBe([new MuleChainEdge(_b, _c, Money.Eur(400m), 1)]);
    }

    [Fact]
    public void Build_ReportedAccountIsTheVictimsOwn_IsNotInTheChain()
    {
        var chain = MuleChain.Build([Pay(_victim, _a, 100m)], [], [_victim, _a]);

        chain.Nodes.Select(n => n.Iban).ShouldBe([_a]);
    }

    [Fact]
    public void Build_ReportedAccountAlsoReachedOnward_StaysOnLineOne()
    {
        var chain = MuleChain.Build([Pay(_victim, _a, 100m), Onward(_a, _b, 90m)], [], [_a, _b]);

        chain.Nodes.Select(n => (n.Iban, n.Line)).ShouldBe([(_a, 1), (_b, 1)], ignoreOrder: true);
        chain.Edges.ShouldHaveSingleItem().To.ShouldBe(_b);
    }

    [Fact]
    public void Build_Cycle_TerminatesAndKeepsTheFirstLine()
    {
        // a → b → c → a and b → a: money going round must not loop the walk forever.
        var chain = MuleChain.Build(
            [Pay(_victim, _a, 1000m), Onward(_a, _b, 900m), Onward(_b, _c, 800m), Onward(_c, _a, 700m), Onward(_b, _a, 50m)],
            []);

        chain.Nodes.Select(n => (n.Iban, n.Line)).ShouldBe([(_a, 1), (_b, 2), (_c, 3)]);
        chain.Edges.Count.ShouldBe(4);
        chain.Edges.ShouldContain(new MuleChainEdge(_c, _a, Money.Eur(700m), 1));
        chain.Find(_a).ShouldNotBeNull().Received.ShouldBe(Money.Eur(1750m));
    }

    [Fact]
    public void Build_OnwardTransfersNotReachedFromAVictim_AreLeftOut()
    {
        var chain = MuleChain.Build([Pay(_victim, _a, 100m), Onward(_c, _d, 60m)], []);

        chain.Nodes.Select(n => n.Iban).ShouldBe([_a]);
        chain.Edges.ShouldBeEmpty();
    }

    [Fact]
    public void Build_ForeignAccount_IsANodeLikeAnyOther()
    {
        var chain = MuleChain.Build([Pay(_victim, _a, 100m), Onward(_a, _abroad, 95m)], [CashOut(_abroad, 95m)]);

        var abroad = chain.Find(_abroad).ShouldNotBeNull();
        abroad.Line.ShouldBe(2);
        abroad.IsCashOutPoint.ShouldBeTrue();
    }

    [Fact]
    public void Build_Nodes_AreOrderedByLineThenIban()
    {
        var chain = MuleChain.Build(
            [Pay(_victim, _c, 10m), Pay(_victim, _a, 10m), Onward(_c, _d, 5m), Onward(_a, _b, 5m)],
            []);

        chain.Nodes.Select(n => n.Iban).ShouldBe(
            new[] { _a, _c }.OrderBy(i => i.Value, StringComparer.Ordinal)
                .Concat(new[] { _b, _d }.OrderBy(i => i.Value, StringComparer.Ordinal)));
    }

    private static Transfer Pay(Iban from, Iban to, decimal amount) =>
        new(TransferKind.VictimPayment, from, to, Money.Eur(amount), Now);

    [Fact]
    public void AccountsFirstReachedFrom_TwoAccountsPayIntoOne_OnlyTheFirstRecordedReachedIt()
    {
        Transfer[] recorded =
        [
            new(TransferKind.VictimPayment, Nl(9), Nl(1), Money.Eur(900m), Now),
            Onward(Nl(1), Nl(2), 400m),
            Onward(Nl(1), Nl(3), 400m),
            Onward(Nl(3), Nl(4), 300m),
            Onward(Nl(2), Nl(4), 300m, Now.AddDays(-1)),
        ];

        MuleChain.AccountsFirstReachedFrom(recorded, Nl(1)).ShouldBe([Nl(2), Nl(3)]);
        MuleChain.AccountsFirstReachedFrom(recorded, Nl(3)).ShouldBe([Nl(4)]);
        MuleChain.AccountsFirstReachedFrom(recorded, Nl(2)).ShouldBeEmpty("account 3's transfer to account 4 was recorded first, though account 2 paid earlier");
    }

    [Fact]
    public void AccountsFirstReachedFrom_TransferBackToAVictimPaidAccount_IsNotReachedAgain()
    {
        Transfer[] recorded =
        [
            new(TransferKind.VictimPayment, Nl(9), Nl(1), Money.Eur(900m), Now),
            Onward(Nl(1), Nl(2), 400m),
            Onward(Nl(2), Nl(1), 100m),
        ];

        MuleChain.AccountsFirstReachedFrom(recorded, Nl(2)).ShouldBeEmpty();
        MuleChain.AccountsFirstReachedFrom(recorded, Nl(1)).ShouldBe([Nl(2)]);
    }

    [Fact]
    public void AccountsFirstReachedFrom_AskedAgainAfterMoreTransfers_GivesTheSameAnswer()
    {
        var recorded = new List<Transfer> { Onward(Nl(1), Nl(2), 400m) };
        var before = MuleChain.AccountsFirstReachedFrom(recorded, Nl(1));

        recorded.Add(Onward(Nl(5), Nl(2), 50m));
        recorded.Add(Onward(Nl(1), Nl(2), 70m, Now.AddHours(1)));

        MuleChain.AccountsFirstReachedFrom(recorded, Nl(1)).ShouldBe(before);
        MuleChain.AccountsFirstReachedFrom(recorded, Nl(5)).ShouldBeEmpty();
    }

    private static Transfer Onward(Iban from, Iban to, decimal amount, DateTimeOffset? at = null) =>
        new(TransferKind.Onward, from, to, Money.Eur(amount), at ?? Now);

    private static CashOut CashOut(Iban at, decimal amount, CashOutMethod method = CashOutMethod.AtmWithdrawal) =>
        new(at, Money.Eur(amount), Now, method);
}
