using Coordination.Domain.Common;

namespace Coordination.Domain.Cases;

/// <summary>Whether money left a victim or moved between suspect accounts.</summary>
public enum TransferKind
{
    /// <summary>The victim paid into the first account of the chain.</summary>
    VictimPayment,

    /// <summary>Money moved on from one account in the chain to another.</summary>
    Onward,
}

/// <summary>One payment from an account to another, as found in a report or a bank's answer.</summary>
public sealed record Transfer(TransferKind Kind, Iban FromIban, Iban ToIban, Money Amount, DateTimeOffset OccurredAt);

/// <summary>How money left the banking chain.</summary>
public enum CashOutMethod
{
    /// <summary>Withdrawn at an ATM.</summary>
    AtmWithdrawal,

    /// <summary>Converted to crypto currency.</summary>
    Crypto,

    /// <summary>Spent on gift cards or goods (e.g. phones).</summary>
    GiftCards,

    /// <summary>Any other exit.</summary>
    Other,
}

/// <summary>Money leaving the chain at an account: the end of a trail.</summary>
public sealed record CashOut(Iban Iban, Money Amount, DateTimeOffset OccurredAt, CashOutMethod Method);
