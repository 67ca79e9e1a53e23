namespace Coordination.Benchmarks;

/// <summary>The benchmark's workflow definitions (Definitions/*.json, imported at start-up like workflows/).</summary>
internal static class Definitions
{
    /// <summary>Ten human tasks in a row: every completion but the last creates the next task.</summary>
    public const string Chain = "bench-chain";

    /// <summary>Tasks in <see cref="Chain"/>.</summary>
    public const int ChainLength = 10;

    /// <summary>Three human tasks in a row, for the comparison with WorkflowCore.</summary>
    public const string ThreeTasks = "bench-three-tasks";
}
