using Coordination.Benchmarks.Infrastructure;
using Coordination.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Benchmarks.Scenarios;

/// <summary>Prints the SQL one complete-and-advance sends, so the raw ADO.NET baseline can write the same rows.</summary>
internal static class SqlTrace
{
    public static async Task RunAsync(Func<Task<PostgreSqlServer>> postgres)
    {
        foreach (var provider in new[] { "sqlite", "postgres" })
        {
            await using var database = provider == "sqlite" ? BenchDatabase.SqliteFile() : await BenchDatabase.PostgreSqlAsync(await postgres());
            var counter = new DbCallCounter();
            await using var app = await CoordinationApp.StartAsync(database, counter);
            var cases = await app.SeedCasesAsync(1);
            var instance = await app.StartAsync(Definitions.Chain, cases[0]);
            var task = (await app.ClaimOpenTasksAsync([instance])).Single();
            counter.Capture = true;
            await app.CompleteAsync(task.ItemId);
            counter.Capture = false;
            Output.Heading($"SQL of one complete-and-advance on {database.Label}");
            foreach (var sql in counter.Captured)
            {
                Output.Note("```sql" + Environment.NewLine + sql + Environment.NewLine + "```");
            }

            await using var db = app.Db();
            var journal = await db.WorkflowJournal.AsNoTracking().Where(j => j.InstanceId == instance).OrderBy(j => j.Sequence).ToListAsync();
            foreach (var j in journal)
            {
                Output.Note($"journal {j.Sequence} {j.ActivityId} {j.Event} {j.Actor} {j.Payload}");
            }

            var state = await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == instance).Select(i => i.StateJson).SingleAsync();
            Output.Note(state);
        }
    }
}
