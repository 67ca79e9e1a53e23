using Coordination.Web.Persistence;
using Npgsql;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Persistence;

public sealed class PersistenceRegistrationTests
{
    [Fact]
    public void PostgreSqlConnectionString_NoAutoPrepareSetting_PreparesRepeatedStatements()
    {
        var connectionString = PersistenceRegistration.PostgreSqlConnectionString("Host=db;Database=coordination;Username=app;Password=secret");

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.MaxAutoPrepare.ShouldBe(64);
        builder.Host.ShouldBe("db");
        builder.Password.ShouldBe("secret");
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;maxautoprepare=12", 12)]
    public void PostgreSqlConnectionString_AutoPrepareSetByTheOperator_KeepsTheirValue(string configured, int expected)
    {
        var connectionString = PersistenceRegistration.PostgreSqlConnectionString(configured);

        new NpgsqlConnectionStringBuilder(connectionString).MaxAutoPrepare.ShouldBe(expected);
    }
}
