using Coordination.Domain.Common;
using Shouldly;
using Xunit;
using static Coordination.Domain.Tests.TestData;

namespace Coordination.Domain.Tests.Common;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("0.01")]
    [InlineData("12.3")]
    [InlineData("12.34")]
    [InlineData("1000000000")]
    public void Eur_ValidAmount_KeepsTheAmount(string text)
    {
        var amount = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        Money.Eur(amount).Amount.ShouldBe(amount);
    }

    [Fact]
    public void Eur_Negative_ThrowsNegative()
    {
        var exception = ShouldFailWith(() => Money.Eur(-0.01m), "money.negative");

        exception.Message.ShouldContain("cannot be negative");
        exception.Message.ShouldContain("-0.01");
    }

    [Fact]
    public void Of_NonEuroCurrency_ThrowsCurrencyNamingIt()
    {
        var exception = ShouldFailWith(() => Money.Of(10, "USD"), "money.currency");

        exception.Message.ShouldContain("Only amounts in EUR");
        exception.Message.ShouldContain("'USD'");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("EURO")]
    [InlineData("€")]
    public void Of_MissingOrUnknownCurrency_ThrowsCurrency(string? currency)
    {
        ShouldFailWith(() => Money.Of(10, currency!), "money.currency");
    }

    [Theory]
    [InlineData("EUR")]
    [InlineData("eur")]
    [InlineData(" EUR ")]
    public void Of_Euro_ReturnsTheAmount(string currency)
    {
        Money.Of(10.5m, currency).ShouldBe(Money.Eur(10.5m));
    }

    [Fact]
    public void Eur_MoreThanTwoDecimals_ThrowsCents()
    {
        var exception = ShouldFailWith(() => Money.Eur(10.001m), "money.cents");

        exception.Message.ShouldContain("10.001");
        exception.Message.ShouldContain("more than two decimals");
    }

    [Fact]
    public void Of_MoreThanTwoDecimals_ThrowsCents()
    {
        ShouldFailWith(() => Money.Of(1.999m, "EUR"), "money.cents");
    }

    [Fact]
    public void Eur_TrailingZeroDecimals_IsAcceptedAndEqualToShortForm()
    {
        Money.Eur(10.100m).ShouldBe(Money.Eur(10.1m));
    }

    [Fact]
    public void Eur_AboveMaximum_ThrowsTooLarge()
    {
        var exception = ShouldFailWith(() => Money.Eur(Money.MaxAmount + 0.01m), "money.too-large");

        exception.Message.ShouldContain("not plausible");
    }

    [Fact]
    public void Add_TwoAmounts_ReturnsTheSum()
    {
        var left = Money.Eur(10.25m);
        var right = Money.Eur(0.75m);

        (left + right).Amount.ShouldBe(11.00m);
        Money.Add(left, right).ShouldBe(Money.Eur(11m));
    }

    [Fact]
    public void Add_SumAboveMaximum_ThrowsTooLarge()
    {
        var max = Money.Eur(Money.MaxAmount);

        ShouldFailWith(() => _ = max + Money.Eur(0.01m), "money.too-large");
    }

    [Fact]
    public void Sum_Amounts_ReturnsTheTotal()
    {
        Money.Sum([Money.Eur(1.10m), Money.Eur(2.20m), Money.Eur(3.30m)]).ShouldBe(Money.Eur(6.60m));
    }

    [Fact]
    public void Sum_NoAmounts_ReturnsZero()
    {
        Money.Sum([]).ShouldBe(Money.Zero);
        Money.Zero.Amount.ShouldBe(0m);
    }

    [Fact]
    public void Comparison_TwoAmounts_OrdersByAmount()
    {
        var small = Money.Eur(5m);
        var large = Money.Eur(50m);

        (small < large).ShouldBeTrue();
        (large > small).ShouldBeTrue();
        (small <= Money.Eur(5m)).ShouldBeTrue();
        (large >= Money.Eur(50.01m)).ShouldBeFalse();
        small.CompareTo(large).ShouldBeLessThan(0);
        large.CompareTo(small).ShouldBeGreaterThan(0);
        small.CompareTo(Money.Eur(5.00m)).ShouldBe(0);
    }

    [Theory]
    [InlineData("1234.5", "EUR 1234.50")]
    [InlineData("0", "EUR 0.00")]
    [InlineData("0.07", "EUR 0.07")]
    public void ToString_Amount_IsInvariantWithTwoDecimals(string text, string expected)
    {
        Money.Eur(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture)).ToString().ShouldBe(expected);
    }
}
