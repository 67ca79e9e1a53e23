using System.Net;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests;

/// <summary>The whole app in-process: start-up, migrations, seeding, health and the home page.</summary>
public sealed class ProgramTests(PostgreSqlFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_FreshSqliteFileInDevelopment_CreatesDatabaseSeedsAndServesHealthAndHome()
    {
        var folder = Directory.CreateTempSubdirectory("coordination-app-");
        var file = Path.Combine(folder.FullName, "data", "coordination.db");
        try
        {
            await using var app = CreateApp("Development", ("ConnectionStrings:Coordination", $"Data Source={file};Pooling=False"));
            using var client = app.CreateClient();

            var health = await client.GetAsync(new Uri("/health", UriKind.Relative), Ct);
            var home = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);

            health.StatusCode.ShouldBe(HttpStatusCode.OK);
            home.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await home.Content.ReadAsStringAsync(Ct)).ShouldContain("Fraudezaken in de keten");
            File.Exists(file).ShouldBeTrue();
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoordinationDbContext>>().CreateDbContextAsync(Ct);
            (await db.Cases.CountAsync(Ct)).ShouldBe(Coordination.Web.Persistence.Seeding.DemoDataSeeder.CaseCount);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_Production_NeverSeedsDemoData()
    {
        var folder = Directory.CreateTempSubdirectory("coordination-app-");
        try
        {
            await using var app = CreateApp(
                "Production",
                ("ConnectionStrings:Coordination", $"Data Source={Path.Combine(folder.FullName, "p.db")};Pooling=False"),
                ("Database:SeedDemoData", "true"));
            using var client = app.CreateClient();

            (await client.GetAsync(new Uri("/health", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoordinationDbContext>>().CreateDbContextAsync(Ct);
            (await db.Agencies.CountAsync(Ct)).ShouldBe(0);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_PostgreSqlProvider_MigratesAndServesHealth()
    {
        var server = await postgres.ServerAsync();
        var connectionString = await server.CreateDatabaseAsync("coordination_app", Ct);
        await using var app = CreateApp("Development", ("Database:Provider", "PostgreSql"), ("ConnectionStrings:Coordination", connectionString));
        using var client = app.CreateClient();

        var health = await client.GetAsync(new Uri("/health", UriKind.Relative), Ct);

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Services.GetRequiredService<IDbContextFactory<CoordinationDbContext>>().CreateDbContext().ShouldBeOfType<PostgreSqlCoordinationDbContext>();
    }

    [Theory]
    [InlineData("Oracle", "Database:Provider 'Oracle' is not supported")]
    [InlineData("PostgreSql", "ConnectionStrings:Coordination is empty")]
    public void Start_BadDatabaseConfiguration_FailsWithMessageSayingWhatToSet(string provider, string expected)
    {
        using var app = CreateApp("Development", ("Database:Provider", provider), ("ConnectionStrings:Coordination", ""));

        var error = Should.Throw<InvalidOperationException>(() => app.CreateClient());

        error.Message.ShouldContain(expected);
    }

    [Fact]
    public async Task Culture_English_SetsCookieAndHomeSpeaksEnglish()
    {
        var folder = Directory.CreateTempSubdirectory("coordination-app-");
        try
        {
            await using var app = CreateApp("Production", ("ConnectionStrings:Coordination", $"Data Source={Path.Combine(folder.FullName, "c.db")};Pooling=False"));
            using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

            var response = await client.GetAsync(new Uri("/culture?culture=en&returnUrl=/", UriKind.Relative), Ct);

            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Fraud cases across the chain");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static WebApplicationFactory<Program> CreateApp(string environment, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
}
