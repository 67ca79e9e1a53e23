namespace Coordination.Domain.Cases;

/// <summary>How a case ended (domain brief §5.4).</summary>
public enum CaseEndState
{
    /// <summary>Breach of contract (wanprestatie): a civil matter, victim advised.</summary>
    ClosedCivil,

    /// <summary>No usable leads; parked then closed.</summary>
    ClosedNoLeads,

    /// <summary>Technical dismissal, code 01 (wrongly suspected).</summary>
    DismissedWronglySuspected,

    /// <summary>Technical dismissal, code 02 (insufficient evidence).</summary>
    DismissedInsufficientEvidence,

    /// <summary>Policy dismissal.</summary>
    DismissedPolicy,

    /// <summary>Conditional dismissal, probation ended without a new offence.</summary>
    ConditionalDismissalFinal,

    /// <summary>Prosecutor's penalty order became final.</summary>
    PenaltyOrderFinal,

    /// <summary>Settlement (transactie) paid.</summary>
    SettlementPaid,

    /// <summary>Halt completed; no criminal record.</summary>
    HaltCompleted,

    /// <summary>Hack_Right completed.</summary>
    HackRightCompleted,

    /// <summary>Court judgment final.</summary>
    JudgmentFinal,

    /// <summary>Transferred abroad or to another unit.</summary>
    Transferred,
}
