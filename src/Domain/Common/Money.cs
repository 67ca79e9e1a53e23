using System.Globalization;

namespace Coordination.Domain.Common;

/// <summary>
/// An amount in euro, never negative, in whole cents. Only EUR is accepted because every chain partner in scope
/// books in euro; a foreign amount must be converted (and the rate recorded) before it enters a case.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    /// <summary>The only accepted currency.</summary>
    public const string Euro = "EUR";

    /// <summary>The largest amount accepted (a guard against typing errors and overflow, not a legal limit).</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    private Money(decimal amount) => Amount = amount;

    /// <summary>Amount in euro with at most two decimals.</summary>
    public decimal Amount { get; }

    /// <summary>Zero euro.</summary>
    public static Money Zero => new(0m);

    /// <summary>Creates an amount in euro.</summary>
    /// <exception cref="DomainException">The amount is negative, has fractions of a cent or is implausibly large.</exception>
    public static Money Eur(decimal amount)
    {
        if (amount < 0)
        {
            throw new DomainException("money.negative", $"An amount cannot be negative (got {amount.ToString(CultureInfo.InvariantCulture)}).", amount);
        }

        if (decimal.Round(amount, 2) != amount)
        {
            throw new DomainException("money.cents", $"An amount is in whole cents; {amount.ToString(CultureInfo.InvariantCulture)} has more than two decimals.", amount);
        }

        if (amount > MaxAmount)
        {
            throw new DomainException("money.too-large", $"An amount above € {MaxAmount:N0} is not plausible; check the number.", amount);
        }

        return new Money(amount);
    }

    /// <summary>Creates an amount in the given currency; only EUR is accepted.</summary>
    /// <exception cref="DomainException">The currency is not EUR, or the amount is invalid.</exception>
    public static Money Of(decimal amount, string currency)
    {
        if (!string.Equals(currency?.Trim(), Euro, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainException(
                "money.currency", $"Only amounts in EUR are accepted (got '{currency}'); convert the amount to euro first.", currency);
        }

        return Eur(amount);
    }

    /// <summary>The sum of two amounts.</summary>
    public static Money operator +(Money left, Money right) => Eur(left.Amount + right.Amount);

    /// <summary>The sum of two amounts.</summary>
    public static Money Add(Money left, Money right) => left + right;

    /// <summary>Compares amounts.</summary>
    public static bool operator <(Money left, Money right) => left.Amount < right.Amount;

    /// <summary>Compares amounts.</summary>
    public static bool operator >(Money left, Money right) => left.Amount > right.Amount;

    /// <summary>Compares amounts.</summary>
    public static bool operator <=(Money left, Money right) => left.Amount <= right.Amount;

    /// <summary>Compares amounts.</summary>
    public static bool operator >=(Money left, Money right) => left.Amount >= right.Amount;

    /// <inheritdoc />
    public int CompareTo(Money other) => Amount.CompareTo(other.Amount);

    /// <summary>Sums a sequence of amounts.</summary>
    public static Money Sum(IEnumerable<Money> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        return Eur(amounts.Sum(a => a.Amount));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"EUR {Amount:0.00}");
}
