using Coordination.Web.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Persistence;

/// <summary>Brings the database to the current schema at start-up and seeds the demo in Development.</summary>
internal static partial class DatabaseInitializer
{
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var contexts = app.Services.GetRequiredService<SystemDbContexts>();
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        // Demo data is never written outside Development, whatever the configuration says.
        if (app.Environment.IsDevelopment() && options.SeedDemoData)
        {
            var seeded = await DemoDataSeeder.SeedIfEmptyAsync(contexts, app.Services.GetRequiredService<TimeProvider>(), CancellationToken.None);
            if (seeded)
            {
                LogSeeded(logger);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo data: agencies, one user per role and agency, cases")]
    private static partial void LogSeeded(ILogger logger);
}
