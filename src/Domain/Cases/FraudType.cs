namespace Coordination.Domain.Cases;

/// <summary>The modus operandi of a fraud (domain brief §2).</summary>
public enum FraudType
{
    /// <summary>Aan- en verkoopfraude: paid goods never arrive, or goods shipped and never paid (incl. fake web shops).</summary>
    PurchaseSale,

    /// <summary>Bankhelpdeskfraude / spoofing: a fake bank employee moves the victim's money.</summary>
    BankHelpdesk,

    /// <summary>Phishing: credentials taken through a fake site, account drained through mules.</summary>
    Phishing,

    /// <summary>Vriend-in-nood: a "new number" of a child or friend asks for an urgent payment.</summary>
    FriendInNeed,

    /// <summary>Datingfraude: a fake romance with requests for money.</summary>
    Romance,

    /// <summary>Beleggingsfraude: a fake investment platform or boiler room.</summary>
    Investment,

    /// <summary>Any other online fraud.</summary>
    Other,
}
