using Coordination.Web.Features.WorkItems;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Persistence;

/// <summary>Registers the database for the configured provider.</summary>
internal static class PersistenceRegistration
{
    public const string ConnectionStringName = "Coordination";

    public static WebApplicationBuilder AddPersistence(this WebApplicationBuilder builder)
    {
        var options = ReadOptions(builder.Configuration);
        builder.Services.AddSingleton(options);
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        var changes = new WorkItemChanges();
        var interceptor = new WorkItemChangesInterceptor(changes);
        builder.Services.AddSingleton(changes);

        // Pooled: a context per operation stays the rule, but its instance (and its internal services) is reused
        // instead of built anew each time. Contexts are handed out only through SystemDbContexts, which lifts the
        // restriction a reused instance may still carry, and UserDbContextFactory, which then restricts it to its own
        // user (every field of the restriction is set), so a reused context never carries one user's view into
        // another's operation. Nothing else may take the provider's factory below directly.
        // Both providers load an aggregate with two owned collections (a case's transfers and cash-outs) in one query:
        // one consistent snapshot under its version check rather than split queries that could see two moments. Said
        // explicitly, so EF does not warn about it on every first load.
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(connectionString, builder.Environment.ContentRootPath);
                builder.Services.AddPooledDbContextFactory<SqliteCoordinationDbContext>(o => o.UseSqlite(sqlite, s => s.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).AddInterceptors(interceptor, new SqliteConnectionSettings()));
                builder.Services.AddSingleton(sp => new SystemDbContexts(sp.GetRequiredService<IDbContextFactory<SqliteCoordinationDbContext>>().CreateDbContext));
                break;
            case DatabaseProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        $"Database:Provider is PostgreSql but ConnectionStrings:{ConnectionStringName} is empty. Set it, e.g. " +
                        $"ConnectionStrings__{ConnectionStringName}=\"Host=localhost;Database=coordination;Username=coordination;Password=…\".");
                }

                builder.Services.AddPooledDbContextFactory<PostgreSqlCoordinationDbContext>(o => o.UseNpgsql(connectionString, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).AddInterceptors(interceptor));
                builder.Services.AddSingleton(sp => new SystemDbContexts(sp.GetRequiredService<IDbContextFactory<PostgreSqlCoordinationDbContext>>().CreateDbContext));
                break;
        }

        builder.Services.AddScoped<IDbContextFactory<CoordinationDbContext>, UserDbContextFactory>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>The SQLite file defaults to App_Data/coordination.db under the app's folder; the folder is created.</summary>
    public static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var connectionString = string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine(contentRoot, "App_Data", "coordination.db")}"
            : configured;
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory)
        {
            var full = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            builder.DataSource = full;
        }

        return builder.ToString();
    }

    private static DatabaseOptions ReadOptions(ConfigurationManager configuration)
    {
        var section = configuration.GetSection(DatabaseOptions.Section);
        var provider = section["Provider"];
        var options = new DatabaseOptions();
        if (!string.IsNullOrWhiteSpace(provider))
        {
            options.Provider = Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new InvalidOperationException(
                    $"Database:Provider '{provider}' is not supported. Use one of: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }

        options.SeedDemoData = section.GetValue("SeedDemoData", defaultValue: true);
        return options;
    }
}
