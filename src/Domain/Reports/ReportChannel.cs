namespace Coordination.Domain.Reports;

/// <summary>How a report came in (domain brief §1.1).</summary>
public enum ReportChannel
{
    /// <summary>Online aangifte on politie.nl.</summary>
    OnlinePoliceReport,

    /// <summary>A referral from the Fraudehelpdesk.</summary>
    FraudHelpdeskReferral,

    /// <summary>Reported by the victim's bank.</summary>
    BankReport,

    /// <summary>Aangifte at a police station (or the Digitale Meldkamer).</summary>
    PoliceStation,
}
