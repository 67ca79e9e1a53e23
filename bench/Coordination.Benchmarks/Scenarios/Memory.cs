using Coordination.Benchmarks.Infrastructure;

namespace Coordination.Benchmarks.Scenarios;

/// <summary>Scenario 4: allocations per step, and what a waiting instance costs, from the runs of scenarios 1 and 3.</summary>
internal static class Memory
{
    public static void Write(IReadOnlyList<CompleteAndAdvanceResult> steps, IReadOnlyList<ScaleResult> scale)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(scale);
        Output.Heading("4a. Bytes allocated per complete-and-advance (whole process, GC.GetTotalAllocatedBytes)");
        var rows = new List<IReadOnlyList<string>>();
        foreach (var s in steps)
        {
            rows.Add(["Coordination runtime", s.Database, Output.Bytes(s.Runtime.MedianBytesPerOperation)]);
            rows.Add(["raw ADO.NET, writes only", s.Database, Output.Bytes(s.RawWrites.MedianBytesPerOperation)]);
        }

        foreach (var s in scale.Where(r => r.Engine != "Coordination"))
        {
            rows.Add([$"{s.Engine} ({Output.Number(s.Waiting)} waiting)", s.Storage, Output.Bytes(s.Rounds.MedianBytesPerOperation)]);
        }

        Output.Table(["path", "storage", "allocated per step"], rows);

        Output.Heading("4b. What one waiting instance costs");
        Output.Table(
            ["engine", "storage", "state JSON in the database", "database growth per instance (500 → 5,000)", "managed heap growth per instance", "what the heap number means"],
            scale.GroupBy(r => (r.Engine, r.Storage)).Select(g =>
            {
                var small = g.First(r => r.Waiting == Scale.Sizes[0]);
                var large = g.First(r => r.Waiting == Scale.Sizes[^1]);
                var coordination = large.StateJsonBytes is not null;
                return (IReadOnlyList<string>)
                [
                    g.Key.Engine, g.Key.Storage,
                    coordination ? Output.Bytes(large.StateJsonBytes!.Value) : "– (kept as objects)",
                    coordination ? Output.Bytes((double)(large.DatabaseBytes!.Value - small.DatabaseBytes!.Value) / (large.Waiting - small.Waiting)) : "–",
                    Output.Bytes(large.HeapBytesPerInstance),
                    coordination
                        ? "nothing is kept per instance; the figure is noise and caches (≈ 0 means none)"
                        : "the instance, its execution pointers and event subscription live on the heap (the harness keeps ~0.1 KiB per instance too)",
                ];
            }));
    }
}
