namespace Coordination.Domain.Agencies;

/// <summary>The kind of organisation in the chain; each is a separate data controller under its own law.</summary>
public enum AgencyKind
{
    /// <summary>A police unit (Wet politiegegevens).</summary>
    Police,

    /// <summary>An office of the public prosecution service, OM (Wjsg).</summary>
    ProsecutionService,

    /// <summary>A bank's fraud desk (AVG/GDPR).</summary>
    Bank,

    /// <summary>Halt, the juvenile diversion organisation.</summary>
    Halt,
}
