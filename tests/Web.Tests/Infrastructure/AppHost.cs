using Xunit;
using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Reports;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coordination.Web.Tests.Infrastructure;

/// <summary>The real app in-process on a given database, with a controllable clock and the test workflow definitions.</summary>
public sealed class AppHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private AppHost(WebApplicationFactory<Program> factory) => _factory = factory;

    public IServiceProvider Services => _factory.Services;

    public static AppHost Start(TestDatabase database, FakeTimeProvider clock, string environment = "Testing")
    {
        ArgumentNullException.ThrowIfNull(database);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Database:Provider", database.Provider.ToString());
            builder.UseSetting("ConnectionStrings:Coordination", database.ConnectionString);
            builder.UseSetting("Workflows:Folder", Path.Combine(AppContext.BaseDirectory, "WorkflowHosting", "Definitions"));
            builder.UseSetting("Security:DevelopmentSignInEnabled", "true");
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
        });
        _ = factory.Services; // starts the host: migrations, definition import, start-up sweep
        return new AppHost(factory);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Sends a use case through the real pipeline (need-to-know, audit) as <paramref name="asUser"/>. Without a user, a
    /// work-item command acts as someone entitled to that item: its holder, or else an officer of the agency and role
    /// it is offered to — the person a test means when it says "complete this task".
    /// </summary>
    public async Task<TResult> SendAsync<TResult>(ICommand<TResult> command, CurrentUser? asUser = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var user = asUser ?? (command is IWorkItemRequest request ? await EntitledUserAsync(request.WorkItemId) : null);
        await using var scope = Services.CreateAsyncScope();
        if (user is not null)
        {
            scope.ServiceProvider.GetRequiredService<UserContext>().ActAs(user, "test");
        }

        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, TestContext.Current.CancellationToken);
    }

    /// <summary>Sends a query through the real pipeline as <paramref name="asUser"/>.</summary>
    public async Task<TResult> QueryAsync<TResult>(IQuery<TResult> query, CurrentUser? asUser)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Services.CreateAsyncScope();
        if (asUser is not null)
        {
            scope.ServiceProvider.GetRequiredService<UserContext>().ActAs(asUser, "test");
        }

        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query, TestContext.Current.CancellationToken);
    }

    /// <summary>A user of an agency with roles, as Entra ID or the development sign-in would produce.</summary>
    public static CurrentUser User(string userName, Agency agency, params Role[] roles)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return new CurrentUser(userName, userName, agency.Id, agency.Kind, roles.ToHashSet());
    }

    private async Task<CurrentUser?> EntitledUserAsync(Guid workItemId)
    {
        await using var db = await DbAsync();
        var item = await db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.Id == WorkItemId.From(workItemId), TestContext.Current.CancellationToken);
        if (item is null)
        {
            return null;
        }

        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == item.CandidateAgencyId, TestContext.Current.CancellationToken);
        return new CurrentUser(item.Assignee ?? $"officer.{agency.Code.ToLowerInvariant()}@test.local", "Test officer", agency.Id, agency.Kind, new HashSet<Role> { item.CandidateRole });
    }

    public async Task<CoordinationDbContext> DbAsync() =>
        await Get<SystemDbContexts>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    /// <summary>A police unit, an OM office, a bank and a case owned by the unit.</summary>
    public async Task<(FraudCase Case, Agency Unit)> SeedCaseAsync(TimeProvider clock)
    {
        await using var db = await DbAsync();
        var unit = await db.Agencies.FirstOrDefaultAsync(a => a.Code == "POL-TEST", TestContext.Current.CancellationToken);
        if (unit is null)
        {
            unit = Agency.Create("POL-TEST", "Politie Test", AgencyKind.Police);
            db.Agencies.AddRange(unit, Agency.Create("OM-TEST", "OM Test", AgencyKind.ProsecutionService), Agency.CreateBank("BANK-TEST", "Testbank", "TEST"));
        }

        var report = Report.Submit(
            ReportChannel.OnlinePoliceReport, FraudType.PurchaseSale, "Jan Jansen", null, "Fiets betaald, niet geleverd.",
            Money.Eur(250m), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(-2)), clock.GetUtcNow().AddHours(-1), clock);
        var fraudCase = FraudCase.Register(CaseNumber.Create(2026, Random.Shared.Next(1, 999_999)), report, unit.Id, clock);
        db.AddRange(report, fraudCase);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (fraudCase, unit);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
