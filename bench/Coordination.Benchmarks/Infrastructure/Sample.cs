using System.Diagnostics;

namespace Coordination.Benchmarks.Infrastructure;

/// <summary>
/// Operations timed with a Stopwatch, and the bytes allocated meanwhile by the whole process
/// (GC.GetTotalAllocatedBytes, precise: awaits hop threads, so a per-thread counter would miss work).
/// </summary>
internal readonly record struct Sample(int Operations, TimeSpan Elapsed, long AllocatedBytes)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public double MillisecondsPerOperation => Elapsed.TotalMilliseconds / Operations;

    public double BytesPerOperation => (double)AllocatedBytes / Operations;

    public Sample Plus(Sample other) => new(Operations + other.Operations, Elapsed + other.Elapsed, AllocatedBytes + other.AllocatedBytes);

    /// <summary>Runs <paramref name="operation"/> for each item in turn and measures the whole loop.</summary>
    public static async Task<Sample> MeasureAsync<T>(IReadOnlyList<T> items, Func<T, Task> operation)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(operation);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        foreach (var item in items)
        {
            await operation(item);
        }

        clock.Stop();
        return new Sample(items.Count, clock.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    /// <summary>Times one block of work that performs <paramref name="operations"/> operations.</summary>
    public static async Task<Sample> MeasureAsync(int operations, Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        await work();
        clock.Stop();
        return new Sample(operations, clock.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }
}

/// <summary>Several measured rounds of the same thing: the total, and the spread between rounds.</summary>
internal sealed class Rounds
{
    private readonly List<Sample> _rounds = [];

    public int Count => _rounds.Count;

    public Sample Total => _rounds.Aggregate(new Sample(0, TimeSpan.Zero, 0), (sum, s) => sum.Plus(s));

    public double PerSecond => Total.PerSecond;

    public double SlowestPerSecond => _rounds.Min(r => r.PerSecond);

    public double FastestPerSecond => _rounds.Max(r => r.PerSecond);

    /// <summary>The rate of the median round: one round that hit a burst of outside load does not move it.</summary>
    public double MedianPerSecond => _rounds.Select(r => r.PerSecond).Order().ElementAt(_rounds.Count / 2);

    /// <summary>
    /// Bytes per operation of the median round: the allocation counter is process-wide, so a round that happens to
    /// overlap someone else's burst (a pool's timer, a finalizer) would skew a plain total.
    /// </summary>
    public double MedianBytesPerOperation
    {
        get
        {
            var sorted = _rounds.Select(r => r.BytesPerOperation).Order().ToList();
            return sorted[sorted.Count / 2];
        }
    }

    public void Add(Sample sample) => _rounds.Add(sample);
}
