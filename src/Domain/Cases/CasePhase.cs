namespace Coordination.Domain.Cases;

/// <summary>Where a case stands in the chain (domain brief §5.1).</summary>
public enum CasePhase
{
    /// <summary>Report registered, civil-or-criminal check pending (S1–S2).</summary>
    Registered,

    /// <summary>Criminal; waiting for the team lead's triage (S3–S7).</summary>
    Triage,

    /// <summary>Parked until more reports or leads arrive.</summary>
    Parked,

    /// <summary>Money-mule tracing and suspects (S8–S15).</summary>
    Investigation,

    /// <summary>Submitted to the OM for a disposition (S16–S17).</summary>
    Prosecution,

    /// <summary>Disposition being carried out: objection window, Halt, payment, probation (S18–S20).</summary>
    Execution,

    /// <summary>Closed with an end state (S21).</summary>
    Closed,
}
