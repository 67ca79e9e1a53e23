using Coordination.Benchmarks.Infrastructure;

namespace Coordination.Benchmarks.Scenarios;

/// <summary>
/// Only the runtime path (CompleteWorkItemCommand's) on in-memory SQLite, round after round, for a sampling profiler:
/// <c>dotnet-trace collect --profile cpu-sampling -- bin/Release/net10.0/Coordination.Benchmarks profile</c>, then
/// <c>dotnet-trace report FILE topN --inclusive</c>. Nothing else runs, so the profile is the step's.
/// </summary>
internal static class Profile
{
    public static async Task RunAsync(int rounds, int instances)
    {
        await using var memory = BenchDatabase.SqliteInMemory();
        await using var app = await CoordinationApp.StartAsync(memory);
        var cases = await app.SeedCasesAsync(20);
        for (var round = 0; round < rounds; round++)
        {
            var set = await app.StartManyAsync(Definitions.Chain, cases, instances);
            for (var step = 0; step < Definitions.ChainLength - 1; step++)
            {
                var claimed = await app.ClaimOpenTasksAsync(set);
                var sample = await Sample.MeasureAsync(claimed, t => app.CompleteAsync(t.ItemId));
                Output.Progress($"round {round}, step {step}: {sample.MillisecondsPerOperation:F3} ms/op, {sample.BytesPerOperation / 1024:F1} KiB/op");
            }
        }
    }
}
