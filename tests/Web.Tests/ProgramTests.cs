using System.Net;
using System.Text.RegularExpressions;
using Coordination.Domain.Cases;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Persistence.Seeding;
using Coordination.Web.Security;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Workflow.Engine;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests;

/// <summary>The whole app in-process: start-up, migrations, seeding, sign-in, health, headers and the home page.</summary>
public sealed partial class ProgramTests(PostgreSqlFixture postgres) : IDisposable
{
    private static readonly (string, string)[] _entraId =
    [
        ("AzureAd:Instance", "https://login.microsoftonline.com/"),
        ("AzureAd:TenantId", "11111111-2222-3333-4444-555555555555"),
        ("AzureAd:ClientId", "66666666-7777-8888-9999-000000000000"),
        ("AzureAd:ClientSecret", "test-only"),
    ];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("coordination-app-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Sqlite(string name = "coordination.db") => $"Data Source={Path.Combine(_folder.FullName, "data", name)};Pooling=False";

    [Fact]
    public async Task Start_FreshSqliteFileInDevelopment_CreatesSeedsServesHealthAndAsksToSignIn()
    {
        await using var app = CreateApp("Development", ("ConnectionStrings:Coordination", Sqlite()));
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var health = await client.GetAsync(new Uri("/health", UriKind.Relative), Ct);
        var home = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        var signIn = await client.GetAsync(new Uri("/dev/sign-in", UriKind.Relative), Ct);

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().ShouldContain("/dev/sign-in?returnUrl=%2F");
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await signIn.Content.ReadAsStringAsync(Ct)).ShouldContain("policeintakeofficer.pol-on-cyber@demo.local");
        File.Exists(Path.Combine(_folder.FullName, "data", "coordination.db")).ShouldBeTrue();
        await using var db = await app.Services.GetRequiredService<SystemDbContexts>().CreateDbContextAsync(Ct);
        (await db.Cases.CountAsync(Ct)).ShouldBe(DemoDataSeeder.CaseCount);

        // The open demo cases were worked through their workflows: every task has its workflow (so its form and
        // outcomes), none got stuck, and the tasks have ages and SLA states.
        var open = await db.WorkItems.Where(w => w.Status == WorkItemStatus.Open).ToListAsync(Ct);
        open.ShouldNotBeEmpty();
        (await db.WorkItems.CountAsync(w => w.WorkflowInstanceId == null, Ct)).ShouldBe(0);
        (await db.WorkflowInstances.CountAsync(i => i.Status == WorkflowStatus.Faulted, Ct)).ShouldBe(0);
        open.Select(w => w.ActivityId).ShouldContain("bank-answer");
        open.Select(w => w.ActivityId).ShouldContain("decide");
        open.Select(w => w.ActivityId).ShouldContain("halt-intake");
        open.Select(w => w.ActivityId).ShouldContain("objection");
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        open.ShouldContain(w => w.CreatedAt < now.AddDays(-2), "replayed at past moments");
        open.Select(w => WorkItem.SlaAt(w.AtRiskAt, w.DueAt, now)).Distinct().Count().ShouldBeGreaterThan(1, "on track, at risk and breached tasks");
        (await db.Cases.Where(c => c.Phase == CasePhase.Execution).CountAsync(Ct)).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task SignIn_DemoTeamLead_HomeShowsTheirNameAndOnlyTheirUnitsCases()
    {
        await using var app = CreateApp("Development", ("ConnectionStrings:Coordination", Sqlite()));
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

        var home = await SignInAsync(client, "policeteamlead.pol-on-cyber@demo.local");

        home.ShouldContain("Fraudezaken in de keten");
        home.ShouldContain("Teamleider politie");
        await using var db = await app.Services.GetRequiredService<SystemDbContexts>().CreateDbContextAsync(Ct);
        var unitCode = "POL-ON-CYBER";
        var unitId = (await db.Agencies.SingleAsync(a => a.Code == unitCode, Ct)).Id;
        var own = await db.Cases.CountAsync(c => c.OwningUnitId == unitId && c.Phase != Domain.Cases.CasePhase.Closed, Ct);
        (await db.Cases.CountAsync(c => c.Phase != Domain.Cases.CasePhase.Closed, Ct)).ShouldBeGreaterThan(own, "another unit owns cases too");
        home.ShouldContain($"({own} open)");
    }

    [Fact]
    public async Task Start_Production_NeverSeedsDemoData()
    {
        await using var app = CreateApp("Production", [("ConnectionStrings:Coordination", Sqlite()), ("Database:SeedDemoData", "true"), .. _entraId]);
        using var client = app.CreateClient();

        (await client.GetAsync(new Uri("/health", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var db = await app.Services.GetRequiredService<SystemDbContexts>().CreateDbContextAsync(Ct);
        (await db.Agencies.CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public void Start_ProductionWithoutIdentityProvider_RefusesToStartSayingWhatToConfigure()
    {
        using var app = CreateApp("Production", ("ConnectionStrings:Coordination", Sqlite()));

        var error = Should.Throw<InvalidOperationException>(() => app.CreateClient());

        error.Message.ShouldContain("No identity provider is configured");
        error.Message.ShouldContain("AzureAd__ClientId");
    }

    [Fact]
    public void Start_DevelopmentDatabaseFromAnEarlierSchema_RefusesNamingTheFileToDelete()
    {
        // A database an earlier, unreleased build made: its tables exist under another migration id.
        var file = Path.Combine(_folder.FullName, "data", "old.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE "__EFMigrationsHistory" ("MigrationId" TEXT NOT NULL PRIMARY KEY, "ProductVersion" TEXT NOT NULL);
                INSERT INTO "__EFMigrationsHistory" VALUES ('20260101000000_InitialCreate', '10.0.0');
                CREATE TABLE "Agencies" ("Id" TEXT NOT NULL PRIMARY KEY);
                """;
            command.ExecuteNonQuery();
        }

        using var app = CreateApp("Development", ("ConnectionStrings:Coordination", Sqlite("old.db")));

        var error = Should.Throw<InvalidOperationException>(() => app.CreateClient());
        error.Message.ShouldContain("made by an earlier build");
        error.Message.ShouldContain("old.db");
    }

    [Fact]
    public async Task DevelopmentSignIn_InProduction_CannotBeReached()
    {
        await using var app = CreateApp("Production", [("ConnectionStrings:Coordination", Sqlite()), .. _entraId]);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await client.GetAsync(new Uri("/dev/sign-in", UriKind.Relative), Ct);
        using var form = new FormUrlEncodedContent([new("userName", "administrator.pol-on-cyber@demo.local")]);
        var post = await client.PostAsync(new Uri("/dev/sign-in", UriKind.Relative), form, Ct);

        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await page.Content.ReadAsStringAsync(Ct)).ShouldNotContain("sign-in-button");
        ((int)post.StatusCode).ShouldBeGreaterThanOrEqualTo(400, "nobody is signed in by a post to it either");
        post.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task Start_EntraIdConfigured_RegistersOpenIdConnectWithTheConfiguredApp()
    {
        await using var app = CreateApp("Production", [("ConnectionStrings:Coordination", Sqlite()), .. _entraId]);
        _ = app.Services;

        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        var options = app.Services.GetRequiredService<IOptionsMonitor<MicrosoftIdentityOptions>>().Get(OpenIdConnectDefaults.AuthenticationScheme);

        (await schemes.GetDefaultChallengeSchemeAsync())!.Name.ShouldBe(OpenIdConnectDefaults.AuthenticationScheme);
        options.ClientId.ShouldBe("66666666-7777-8888-9999-000000000000");
        app.Services.GetRequiredService<SignInMode>().ShouldBe(new SignInMode(DevelopmentSignIn: false, ShowDemoBanner: false, EntraId: true));
    }

    [Fact]
    public async Task Start_DemoSignInSwitchedOnOutsideDevelopment_EveryPageShowsBanner()
    {
        await using var app = CreateApp("Production", ("ConnectionStrings:Coordination", Sqlite()), ("Security:DevelopmentSignInEnabled", "true"));
        using var client = app.CreateClient();

        var page = await (await client.GetAsync(new Uri("/dev/sign-in", UriKind.Relative), Ct)).Content.ReadAsStringAsync(Ct);
        var notFound = await (await client.GetAsync(new Uri("/not-found", UriKind.Relative), Ct)).Content.ReadAsStringAsync(Ct);

        page.ShouldContain("demo-banner");
        notFound.ShouldContain("demo-banner");
    }

    [Fact]
    public async Task Response_AnyPage_CarriesSecurityHeaders()
    {
        await using var app = CreateApp("Development", ("ConnectionStrings:Coordination", Sqlite()));
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/dev/sign-in", UriKind.Relative), Ct);

        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
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
        app.Services.GetRequiredService<SystemDbContexts>().CreateDbContext().ShouldBeOfType<PostgreSqlCoordinationDbContext>();
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
    public async Task Culture_English_SetsCookieAndPagesSpeakEnglish()
    {
        await using var app = CreateApp("Development", ("ConnectionStrings:Coordination", Sqlite()));
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

        var response = await client.GetAsync(new Uri("/culture?culture=en&returnUrl=/dev/sign-in", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Sign in (development)");
        html.ShouldContain("lang=\"en\"");
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static async Task<string> SignInAsync(HttpClient client, string userName)
    {
        var page = await client.GetStringAsync(new Uri("/dev/sign-in", UriKind.Relative), Ct);
        var token = TokenPattern().Match(page).Groups["token"].Value;
        using var form = new FormUrlEncodedContent([new("userName", userName), new("returnUrl", "/"), new("__RequestVerificationToken", token)]);
        var response = await client.PostAsync(new Uri("/dev/sign-in", UriKind.Relative), form, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenPattern();

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
