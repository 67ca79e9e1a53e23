using System.Text.Json.Nodes;
using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Reports;
using Coordination.Domain.WorkItems;
using Coordination.Web;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Runtime;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Benchmarks.Infrastructure;

/// <summary>An open task as the benchmark needs it: the work item (= the task's bookmark), its instance and the
/// item's concurrency version after it was claimed.</summary>
internal readonly record struct ClaimedTask(Guid ItemId, Guid InstanceId, int Version);

/// <summary>
/// The app's services on one database, built the way Program.cs builds them (AddPersistence, AddApplication,
/// AddWorkflow; migrations and the definition import) but without starting the web server or Hangfire's server.
/// </summary>
internal sealed class CoordinationApp : IAsyncDisposable
{
    /// <summary>The police investigator who claims and completes every task.</summary>
    public const string Worker = "investigator@politie.bench";

    /// <summary>The outcome every benchmark task is completed with.</summary>
    public const string Outcome = "Done";

    private readonly WebApplication _app;
    private readonly Func<CoordinationDbContext> _contexts;
    private int _caseSequence;
    private CurrentUser? _worker;

    private CoordinationApp(WebApplication app, Func<CoordinationDbContext> contexts)
    {
        _app = app;
        _contexts = contexts;
        Runtime = app.Services.GetRequiredService<WorkflowRuntime>();
        Stores = app.Services.GetRequiredService<WorkflowStores>();
        Clock = app.Services.GetRequiredService<TimeProvider>();
        Completion = app.Services.GetRequiredService<WorkItemCompletion>();
    }

    public IServiceProvider Services => _app.Services;

    public WorkflowRuntime Runtime { get; }

    public WorkflowStores Stores { get; }

    public TimeProvider Clock { get; }

    public WorkItemCompletion Completion { get; }

    public static async Task<CoordinationApp> StartAsync(BenchDatabase database, DbCallCounter? counter = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Not Development: no demo seed, no scope validation; the app's own appsettings.json still applies.
            EnvironmentName = "Benchmark",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Coordination"] = database.ConnectionString,
            ["Workflows:Folder"] = Path.Combine(AppContext.BaseDirectory, "Definitions"),

            // AddSecurity refuses to start without a way to sign in; nobody signs in here (users act through ActAs).
            ["Security:DevelopmentSignInEnabled"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            // A fresh PostgreSQL database makes EF log its probe of the missing migrations table as an error.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Critical",
        });
        builder.AddPersistence();
        builder.AddApplication();
        builder.AddSecurity();
        builder.AddWorkflow();
        if (counter is not null)
        {
            void Observe(DbContextOptionsBuilder o) => o
                .AddInterceptors(counter.Commands, counter.Transactions, counter.SaveChanges)
                .LogTo((id, _) => id == CoreEventId.QueryCompilationStarting, counter.OnQueryCompilation);
            builder.Services.ConfigureDbContext<SqliteCoordinationDbContext>(Observe);
            builder.Services.ConfigureDbContext<PostgreSqlCoordinationDbContext>(Observe);
        }

        var app = builder.Build();
        await app.InitializeDatabaseAsync();
        await app.InitializeWorkflowsAsync();

        // The system's contexts (unrestricted, pooled), as the workflow runtime's other callers get them.
        Func<CoordinationDbContext> contexts = app.Services.GetRequiredService<SystemDbContexts>().CreateDbContext;
        return new CoordinationApp(app, contexts);
    }

    public CoordinationDbContext Db() => _contexts();

    /// <summary>A police unit, an OM office and a bank (as the tests' AppHost.SeedCaseAsync), then cases owned by the unit.</summary>
    public async Task<IReadOnlyList<Guid>> SeedCasesAsync(int count)
    {
        await using var db = Db();
        var unit = await db.Agencies.FirstOrDefaultAsync(a => a.Code == "POL-BENCH");
        if (unit is null)
        {
            unit = Agency.Create("POL-BENCH", "Politie Benchmark", AgencyKind.Police);
            db.Agencies.AddRange(unit, Agency.Create("OM-BENCH", "OM Benchmark", AgencyKind.ProsecutionService), Agency.CreateBank("BANK-BENCH", "Benchmarkbank", "BNCH"));
        }

        _worker = new CurrentUser(Worker, "Bench Investigator", unit.Id, AgencyKind.Police, new HashSet<Role> { Role.PoliceInvestigator });

        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            var report = Report.Submit(
                ReportChannel.OnlinePoliceReport, FraudType.PurchaseSale, "Jan Jansen", null, "Fiets betaald, niet geleverd.",
                Money.Eur(250m), DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime.AddDays(-2)), Clock.GetUtcNow().AddHours(-1), Clock);
            var fraudCase = FraudCase.Register(CaseNumber.Create(2026, Interlocked.Increment(ref _caseSequence)), report, unit.Id, Clock);
            db.AddRange(report, fraudCase);
            ids.Add(fraudCase.Id.Value);
        }

        await db.SaveChangesAsync();
        return ids;
    }

    /// <summary>Starts an instance correlated to a case; its first task becomes an open work item.</summary>
    public async Task<Guid> StartAsync(string definitionId, Guid caseId)
    {
        await using var db = Db();
        var started = await Runtime.StartAsync(Stores.For(db), definitionId, new JsonObject { ["caseId"] = caseId.ToString() }, caseId.ToString(), CancellationToken.None);
        return started.Succeeded ? started.InstanceId : throw new InvalidOperationException($"Could not start {definitionId}: {started.Message}");
    }

    public async Task<List<Guid>> StartManyAsync(string definitionId, IReadOnlyList<Guid> cases, int count)
    {
        var ids = new List<Guid>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add(await StartAsync(definitionId, cases[i % cases.Count]));
        }

        return ids;
    }

    /// <summary>The worker claims the open task of each instance (one SaveChanges; not part of any measurement).</summary>
    public async Task<List<ClaimedTask>> ClaimOpenTasksAsync(IReadOnlyCollection<Guid> instanceIds)
    {
        var wanted = instanceIds.Select(i => (Guid?)i).ToList();
        await using var db = Db();
        var items = await db.WorkItems.Where(w => w.Status == WorkItemStatus.Open && wanted.Contains(w.WorkflowInstanceId)).ToListAsync();
        foreach (var item in items)
        {
            item.Claim(Worker, Clock);
        }

        await db.SaveChangesAsync();
        var claimed = items.Select(w => new ClaimedTask(w.Id.Value, w.WorkflowInstanceId!.Value, w.Version)).ToList();

        // Keep the caller's order, so runs are reproducible.
        var order = instanceIds.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index);
        claimed.Sort((a, b) => order[a.InstanceId].CompareTo(order[b.InstanceId]));
        return claimed;
    }

    /// <summary>
    /// The path of CompleteWorkItemCommand: the handler's own code (<see cref="WorkItemCompletion"/>) on a new context —
    /// load the work item, complete it, and let the runtime advance the workflow; the runtime's store commits the item's
    /// completion, the instance's new state, its journal and the next work item in one SaveChanges.
    /// </summary>
    public async Task CompleteAsync(Guid itemId, StoreTimes? times = null)
    {
        await using var db = Db();
        var result = await Completion.CompleteAsync(
            db, WorkItemId.From(itemId), Outcome, null, Worker, CancellationToken.None, times is null ? null : store => new TimedStore(store, times));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Completing {itemId} was refused: {result.ErrorCode} {result.Message}");
        }
    }

    /// <summary>
    /// The whole use case as a signed-in investigator sends it: CompleteWorkItemCommand through IMediator, so the
    /// pipeline's need-to-know check and audit entry come on top of <see cref="CompleteAsync"/>'s work.
    /// </summary>
    public async Task SendCompleteAsync(Guid itemId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAs(_worker ?? throw new InvalidOperationException("Seed the cases first."), "benchmark");
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CompleteWorkItemCommand(itemId, Outcome, null));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"CompleteWorkItemCommand for {itemId} failed: {result.ErrorCode} {result.Message}");
        }
    }

    /// <summary>The team lead of the worker's unit (after <see cref="SeedCasesAsync"/>).</summary>
    public CurrentUser Lead => (_worker ?? throw new InvalidOperationException("Seed the cases first.")) with
    {
        UserName = "lead@politie.bench", DisplayName = "Bench Lead", Roles = new HashSet<Role> { Role.PoliceTeamLead },
    };

    /// <summary>The worker (after <see cref="SeedCasesAsync"/>).</summary>
    public CurrentUser WorkerUser => _worker ?? throw new InvalidOperationException("Seed the cases first.");

    /// <summary>A query as <paramref name="user"/> sends it from a page: through IMediator, with the pipeline's checks
    /// and the user's need-to-know filters.</summary>
    public async Task<TResult> QueryAsync<TResult>(CurrentUser user, IQuery<TResult> query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAs(user, "benchmark");
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
