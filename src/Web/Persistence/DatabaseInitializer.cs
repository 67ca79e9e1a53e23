using Coordination.Web.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Persistence;

/// <summary>Brings the database to the current schema at start-up, and seeds the demo in Development.</summary>
internal static partial class DatabaseInitializer
{
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var contexts = app.Services.GetRequiredService<SystemDbContexts>();
        await using var db = await contexts.CreateDbContextAsync();
        // Before the first release the one InitialCreate is regenerated on schema changes (ADR-004): a database an
        // earlier build made has migrations this build does not know, and cannot be migrated. Say so and which one,
        // instead of failing on "table already exists"; any other problem surfaces as itself.
        var unknown = (await db.Database.GetAppliedMigrationsAsync()).Except(db.Database.GetMigrations()).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database ({db.Database.GetDbConnection().DataSource}) was made by an earlier build: it has migrations this build " +
                $"does not know ({string.Join(", ", unknown)}). In development, delete it (the demo is seeded again at the next " +
                "start) or point ConnectionStrings:Coordination elsewhere.");
        }

        await db.Database.MigrateAsync();
    }

    /// <summary>
    /// In Development, on an empty database: the agencies, users and the demo's past cases, then its open cases worked
    /// through the workflows (so this runs after the definitions are loaded).
    /// </summary>
    public static async Task SeedDemoDataAsync(this WebApplication app)
    {
        // Demo data is never written outside Development, whatever the configuration says.
        if (!app.Environment.IsDevelopment() || !app.Services.GetRequiredService<DatabaseOptions>().SeedDemoData)
        {
            return;
        }

        var contexts = app.Services.GetRequiredService<SystemDbContexts>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var live = await DemoDataSeeder.SeedIfEmptyAsync(contexts, app.Services.GetRequiredService<TimeProvider>(), CancellationToken.None);
        if (live is not null)
        {
            await ActivatorUtilities.CreateInstance<DemoCaseRunner>(app.Services).RunAsync(live, CancellationToken.None);
            LogSeeded(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo data: agencies, one user per role and agency, cases")]
    private static partial void LogSeeded(ILogger logger);
}
