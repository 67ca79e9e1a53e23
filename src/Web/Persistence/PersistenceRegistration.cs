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

                var postgres = PostgreSqlConnectionString(connectionString);
                builder.Services.AddPooledDbContextFactory<PostgreSqlCoordinationDbContext>(o => o.UseNpgsql(postgres, n => n.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).AddInterceptors(interceptor));
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

    /// <summary>
    /// The PostgreSQL connection string as the app uses it: statements it sends again and again (the queues, loading
    /// a task with its workflow, the workflow's writes) are prepared on the server after a few uses, so PostgreSQL
    /// parses and plans them once per connection instead of on every call (measured: a task completion 1.7 → 0.8 ms,
    /// docs/performance.md). A connection string that sets <c>Max Auto Prepare</c> itself keeps its value (0 turns it
    /// off, e.g. behind a pooler that cannot keep prepared statements).
    /// </summary>
    public static string PostgreSqlConnectionString(string configured)
    {
        // Npgsql's builder reports every keyword it knows as contained, so whether the operator set it is read from the
        // string itself (either spelling: "Max Auto Prepare" or "MaxAutoPrepare").
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (!given.Keys.Cast<string>().Any(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            builder.MaxAutoPrepare = 64;
        }

        return builder.ConnectionString;
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
