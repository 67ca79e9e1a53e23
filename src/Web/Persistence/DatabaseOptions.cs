namespace Coordination.Web.Persistence;

/// <summary>The database providers Coordination runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file (the default; no server to install).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (for several app servers and large volumes).</summary>
    PostgreSql,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Database";

    /// <summary>Which provider to use.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Seed the demo data on first start (only ever honoured in Development).</summary>
    public bool SeedDemoData { get; set; } = true;
}
