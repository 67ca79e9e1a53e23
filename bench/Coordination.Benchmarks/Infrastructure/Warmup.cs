namespace Coordination.Benchmarks.Infrastructure;

/// <summary>
/// Runs rounds until the JIT has settled. With tiered compilation (the default, as in production) the deep call
/// chains of EF Core reach optimized code only after thousands of calls on this 2-core machine — the first minute of
/// a fresh process is 3–5× slower than the steady state — so a fixed short warm-up would measure the JIT, not the code.
/// </summary>
internal static class Warmup
{
    /// <summary>Stops when the last three rounds are each within 15 % of the fastest round so far, or at <paramref name="maxRounds"/>.</summary>
    public static async Task UntilSteadyAsync(string label, Func<Task<Sample>> round, int minRounds = 6, int maxRounds = 40)
    {
        ArgumentNullException.ThrowIfNull(round);
        var times = new List<double>();
        for (var i = 0; i < maxRounds; i++)
        {
            times.Add((await round()).MillisecondsPerOperation);
            var best = times.Min();
            if (times.Count >= minRounds && times.TakeLast(3).All(t => t <= best * 1.15))
            {
                Output.Progress($"{label}: steady after {times.Count} warm-up rounds ({best:F3} ms/op)");
                return;
            }
        }

        Output.Progress($"{label}: not steady after {maxRounds} warm-up rounds (last {times[^1]:F3} ms/op, best {times.Min():F3}); measuring anyway");
    }
}
