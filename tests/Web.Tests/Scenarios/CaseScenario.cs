using System.Text.Json;
using System.Text.Json.Nodes;
using Coordination.Domain.Accounts;
using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Dispositions;
using Coordination.Domain.Reports;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features;
using Coordination.Web.Features.Cases;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Jobs;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Scenarios;

/// <summary>
/// The real app on a real database with the definitions of the repository's workflows/ folder, a police unit, an OM
/// office, three banks and Halt, and a person for every role. Scenarios act only through the use cases (register a
/// report; claim and complete a task as the person it is offered to) and the timer sweep, as the app would.
/// </summary>
public sealed class CaseScenario : IAsyncDisposable
{
    /// <summary>Monday 2 March 2026, 09:00 UTC (10:00 in Amsterdam): no public holiday within weeks.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database;
    private readonly WebApplicationFactory<Program> _factory;

    private CaseScenario(TestDatabase database, WebApplicationFactory<Program> factory, FakeTimeProvider clock, Agencies agencies)
    {
        _database = database;
        _factory = factory;
        Clock = clock;
        Police = agencies.Police;
        Om = agencies.Om;
        Halt = agencies.Halt;
        Noordzee = agencies.Noordzee;
        Polder = agencies.Polder;
        Tulp = agencies.Tulp;
        Intake = User("intake@politie.test", Police, Role.PoliceIntakeOfficer);
        Investigator = User("rechercheur@politie.test", Police, Role.PoliceInvestigator);
        TeamLead = User("teamleider@politie.test", Police, Role.PoliceTeamLead);
        Prosecutor = User("officier@om.test", Om, Role.Prosecutor);
        Clerk = User("parketsecretaris@om.test", Om, Role.ProsecutionClerk);
        HaltOfficer = User("medewerker@halt.test", Halt, Role.HaltOfficer);
    }

    public FakeTimeProvider Clock { get; }

    public Agency Police { get; }

    public Agency Om { get; }

    public Agency Halt { get; }

    public Agency Noordzee { get; }

    public Agency Polder { get; }

    public Agency Tulp { get; }

    public CurrentUser Intake { get; }

    public CurrentUser Investigator { get; }

    public CurrentUser TeamLead { get; }

    public CurrentUser Prosecutor { get; }

    public CurrentUser Clerk { get; }

    public CurrentUser HaltOfficer { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<CaseScenario> StartAsync(DatabaseProvider provider, PostgreSqlFixture postgres)
    {
        var clock = new FakeTimeProvider(Start);
        var database = await TestDatabase.CreateAsync(provider, postgres);
        var agencies = new Agencies(
            Agency.Create("POL-OOST-CYBER", "Politie Oost-Nederland – Team Cybercrime", AgencyKind.Police),
            Agency.Create("OM-ARR-OOST", "OM Arrondissementsparket Oost-Nederland", AgencyKind.ProsecutionService),
            Agency.Create("HALT-NL", "Halt Nederland", AgencyKind.Halt),
            Agency.CreateBank("BANK-NOORDZEE", "Noordzee Bank", "NZBK"),
            Agency.CreateBank("BANK-POLDER", "Polder Bank", "PLDR"),
            Agency.CreateBank("BANK-TULP", "Tulp Spaarbank", "TULP"));
        await using (var db = database.CreateDbContext())
        {
            db.Agencies.AddRange(agencies.Police, agencies.Om, agencies.Halt, agencies.Noordzee, agencies.Polder, agencies.Tulp);
            await db.SaveChangesAsync(Ct);
        }

        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", database.Provider.ToString());
            builder.UseSetting("ConnectionStrings:Coordination", database.ConnectionString);
            builder.UseSetting("Workflows:Folder", WorkflowsFolder);
            builder.UseSetting("Security:DevelopmentSignInEnabled", "true");
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
        });
        _ = factory.Services; // starts the host: migrations, definition import, start-up sweep
        return new CaseScenario(database, factory, clock, agencies);
    }

    public static CurrentUser User(string userName, Agency agency, params Role[] roles) =>
        new(userName, userName, agency.Id, agency.Kind, roles.ToHashSet());

    public static CurrentUser BankOfficer(Agency bank) => User($"fraude@{bank.Code.ToLowerInvariant()}.test", bank, Role.BankFraudOfficer);

    public T Get<T>()
        where T : notnull => _factory.Services.GetRequiredService<T>();

    public async Task<CoordinationDbContext> DbAsync() => await Get<SystemDbContexts>().CreateDbContextAsync(Ct);

    /// <summary>A valid Dutch IBAN at a bank, different for every <paramref name="account"/>.</summary>
    public static Iban Nl(Agency bank, long account) =>
        Iban.FromBban("NL", bank.BankCode + account.ToString("0000000000", System.Globalization.CultureInfo.InvariantCulture));

    public async Task<TResult> SendAsync<TResult>(ICommand<TResult> command, CurrentUser user)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAs(user, "test");
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, Ct);
    }

    public async Task<TResult> QueryAsync<TResult>(IQuery<TResult> query, CurrentUser user)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAs(user, "test");
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query, Ct);
    }

    /// <summary>The intake officer registers a report: a victim paid <paramref name="damage"/> into <paramref name="iban"/>
    /// (and into <paramref name="moreIbans"/>, when given).</summary>
    public async Task<Guid> RegisterReportAsync(Iban iban, decimal damage = 1_250m, DateOnly? incidentDate = null, bool vulnerable = false, string reporter = "Vera Slachtoffer", params Iban[] moreIbans)
    {
        var result = await SendAsync(
            new RegisterReportCommand(
                ReportChannel.OnlinePoliceReport, FraudType.PurchaseSale, reporter, null, "Telefoon betaald via Marktplaats, nooit geleverd.",
                damage, incidentDate ?? new DateOnly(2026, 2, 25), Nl(Noordzee, 9_999_999_999).Value, [iban.Value, .. moreIbans.Select(i => i.Value)], ["06 12345678"], [],
                vulnerable),
            Intake);
        result.Succeeded.ShouldBeTrue(result.Message);
        return result.CaseId!.Value;
    }

    /// <summary>The single open task of the case for this activity (of the trace of <paramref name="iban"/>, when given).</summary>
    public async Task<WorkItem> OpenTaskAsync(Guid caseId, string activityId, Iban? iban = null)
    {
        var open = await OpenTasksAsync(caseId, activityId, iban);
        return open.ShouldHaveSingleItem($"one open '{activityId}' task{(iban is null ? string.Empty : $" for {iban}")}");
    }

    public async Task<List<WorkItem>> OpenTasksAsync(Guid caseId, string activityId, Iban? iban = null)
    {
        await using var db = await DbAsync();
        var id = CaseId.From(caseId);
        var open = await db.WorkItems.AsNoTracking()
            .Where(w => w.CaseId == id && w.ActivityId == activityId && (w.Status == WorkItemStatus.Open || w.Status == WorkItemStatus.Claimed))
            .ToListAsync(Ct);
        if (iban is null)
        {
            return open;
        }

        var traces = (await InstancesAsync(caseId)).Where(i => i.Input?["iban"]?.GetValue<string>() == iban.Value).Select(i => i.Id).ToHashSet();
        return [.. open.Where(w => w.WorkflowInstanceId is { } instance && traces.Contains(instance))];
    }

    /// <summary>
    /// Claims and completes the case's open task for <paramref name="activityId"/> as <paramref name="actor"/>, after
    /// checking that it is offered to the actor's role at the actor's agency. Returns the task as it was offered.
    /// </summary>
    public async Task<WorkItem> CompleteAsync(Guid caseId, string activityId, CurrentUser actor, string outcome, object? form = null, Iban? iban = null)
    {
        var item = await OpenTaskAsync(caseId, activityId, iban);
        actor.Roles.ShouldContain(item.CandidateRole, $"'{activityId}' is offered to {item.CandidateRole}");
        item.CandidateAgencyId.ShouldBe(actor.AgencyId, $"'{activityId}' is offered at another agency");
        var claimed = await SendAsync(new ClaimWorkItemCommand(item.Id.Value), actor);
        claimed.Succeeded.ShouldBeTrue(claimed.Message);
        var completed = await SendAsync(new CompleteWorkItemCommand(item.Id.Value, outcome, form is null ? null : JsonSerializer.Serialize(form)), actor);
        completed.Succeeded.ShouldBeTrue(completed.Message);
        await ShouldHaveNoIncidentAsync(caseId);
        return item;
    }

    /// <summary>Lets time pass and runs the timer sweep, as the recurring job would.</summary>
    public async Task PassAsync(TimeSpan time)
    {
        Clock.Advance(time);
        await Get<SweepDueTimersJob>().ExecuteAsync(Ct);
    }

    public async Task<FraudCase> CaseAsync(Guid caseId)
    {
        await using var db = await DbAsync();
        return await db.Cases.AsNoTracking().SingleAsync(c => c.Id == CaseId.From(caseId), Ct);
    }

    public async Task<List<Disposition>> DispositionsAsync(Guid caseId)
    {
        await using var db = await DbAsync();
        return [.. (await db.Dispositions.AsNoTracking().Where(d => d.CaseId == CaseId.From(caseId)).ToListAsync(Ct)).OrderBy(d => d.DecidedAt)];
    }

    public async Task<BankAccount> AccountAsync(Iban iban)
    {
        await using var db = await DbAsync();
        return await db.BankAccounts.AsNoTracking().SingleAsync(a => a.Iban == iban, Ct);
    }

    /// <summary>Every workflow instance of the case (the case workflow, its traces and dispositions).</summary>
    public async Task<List<InstanceView>> InstancesAsync(Guid caseId)
    {
        await using var db = await DbAsync();
        var records = await db.WorkflowInstances.AsNoTracking().Where(i => i.CorrelationId == caseId.ToString()).ToListAsync(Ct);
        return [.. records.OrderBy(r => r.CreatedAt).Select(InstanceView.From)];
    }

    public async Task<InstanceView> CaseWorkflowAsync(Guid caseId) =>
        (await InstancesAsync(caseId)).Single(i => i.DefinitionId == "online-fraud-case");

    public async Task<InstanceView> DispositionWorkflowAsync(Guid caseId) =>
        (await InstancesAsync(caseId)).Single(i => i.DefinitionId == "suspect-disposition");

    public async Task ShouldHaveNoIncidentAsync(Guid caseId)
    {
        var faulted = (await InstancesAsync(caseId)).Where(i => i.Status == WorkflowStatus.Faulted).ToList();
        faulted.ShouldBeEmpty(string.Join("; ", faulted.Select(f => $"{f.DefinitionId}: {f.Incident}")));
    }

    /// <summary>
    /// The common road to the prosecutor: the report is criminal, the victim is informed, the team lead investigates,
    /// the one account is traced (the bank reports a cash-out), one suspect is identified, heard and proposed.
    /// </summary>
    public async Task<Guid> RunToDecisionAsync(Suspect suspect, Proposal proposal)
    {
        var iban = Nl(Noordzee, 1);
        var caseId = await RegisterReportAsync(iban, damage: proposal.LaunderedAmount);
        await CompleteAsync(caseId, "civil-check", Intake, "Criminal");
        await CompleteAsync(caseId, "victim-info", Intake, "Informed");
        await CompleteAsync(caseId, "triage", TeamLead, "Investigate");
        await TraceAsync(caseId, iban, CaseScenario.BankOfficer(Noordzee), new BankAnswer(Holder: suspect.Name, CashOuts: [new CashOutLine(proposal.LaunderedAmount, "AtmWithdrawal")]));
        await CompleteAsync(caseId, "identify-suspects", Investigator, "Identified",
            new { suspects = new[] { new { name = suspect.Name, dateOfBirth = suspect.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), role = "MoneyMule" } } });
        await CompleteAsync(caseId, "hearing", Investigator, "Heard", new { confessed = proposal.Confessed });
        await CompleteAsync(caseId, "proposal", Investigator, "Submit", new
        {
            role = proposal.Role,
            launderedAmount = proposal.LaunderedAmount,
            firstOffence = proposal.FirstOffence,
            cyberOffence = proposal.CyberOffence,
            evidence = proposal.Evidence,
        });
        return caseId;
    }

    /// <summary>One account's trace up to and including the bank's answer.</summary>
    public async Task TraceAsync(Guid caseId, Iban iban, CurrentUser bank, BankAnswer answer)
    {
        await CompleteAsync(caseId, "identify-holder", Investigator, "Identified", new { holderName = answer.Holder, dateOfBirth = "1990-01-01" }, iban);
        await IssueOrderAsync(caseId, iban);
        await CompleteAsync(caseId, "bank-answer", bank, "Answered", answer.Form(Clock.GetUtcNow()), iban);
    }

    /// <summary>The investigator drafts the production order and the prosecutor approves it.</summary>
    public async Task IssueOrderAsync(Guid caseId, Iban iban)
    {
        await CompleteAsync(caseId, "draft-order", Investigator, "Submit", new
        {
            person = "Rekeninghouder",
            data = "Saldo- en transactiegegevens",
            period = "1 januari 2026 – heden",
            legalBasis = "art. 126nd Sv",
            urgent = false,
        }, iban);
        await CompleteAsync(caseId, "approve-order", Prosecutor, "Approve", iban: iban);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>The repository's workflows/ folder: the definitions under test, not a copy.</summary>
    public static string WorkflowsFolder => Path.Combine(RepositoryRoot(), "workflows");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Coordination.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Coordination.sln.");
    }

    private sealed record Agencies(Agency Police, Agency Om, Agency Halt, Agency Noordzee, Agency Polder, Agency Tulp);
}

/// <summary>A suspect as the investigator identifies them.</summary>
public sealed record Suspect(string Name, DateOnly DateOfBirth);

/// <summary>The facts of the disposition proposal.</summary>
public sealed record Proposal(string Role, decimal LaunderedAmount, bool FirstOffence, bool CyberOffence, string Evidence, bool Confessed = true);

/// <summary>An onward transfer in a bank's answer.</summary>
public sealed record TransferLine(Iban To, decimal Amount);

/// <summary>A cash-out in a bank's answer.</summary>
public sealed record CashOutLine(decimal Amount, string Method);

/// <summary>A bank's answer to a production order.</summary>
public sealed record BankAnswer(string Holder, IReadOnlyList<TransferLine>? Transfers = null, IReadOnlyList<CashOutLine>? CashOuts = null, bool Frozen = true)
{
    public object Form(DateTimeOffset now) => new
    {
        holderName = Holder,
        holderDateOfBirth = "1990-01-01",
        balance = 12.5m,
        frozen = Frozen,
        transfers = (Transfers ?? []).Select(t => new { toIban = t.To.Value, amount = t.Amount, at = now.AddDays(-5).ToString("O", System.Globalization.CultureInfo.InvariantCulture) }),
        cashOuts = (CashOuts ?? []).Select(c => new { amount = c.Amount, at = now.AddDays(-4).ToString("O", System.Globalization.CultureInfo.InvariantCulture), method = c.Method }),
    };
}

/// <summary>A workflow instance as a scenario reads it back: status, outcome, milestones, variables and inputs.</summary>
public sealed record InstanceView(
    Guid Id, string DefinitionId, int DefinitionVersion, WorkflowStatus Status, string? Outcome, string? Incident, Guid? ParentId,
    IReadOnlyList<string> Milestones, JsonObject Variables, JsonObject? Input)
{
    public static InstanceView From(WorkflowInstanceRecord record)
    {
        var instance = WorkflowInstance.Restore(
            record.StateJson, record.Revision, record.CorrelationId, record.ParentInstanceId, record.ParentBookmarkId, record.CreatedAt, record.UpdatedAt);
        // The engine's state keeps the inputs the instance was started with; the public instance does not expose them.
        var input = JsonNode.Parse(record.StateJson)?[nameof(Input)] as JsonObject;
        return new InstanceView(
            instance.Id, instance.DefinitionId, instance.DefinitionVersion, instance.Status, instance.Outcome, record.IncidentMessage, instance.ParentInstanceId,
            [.. instance.Milestones.Select(m => m.Name)], instance.Variables, input);
    }

    public string? Text(string variable) => Variables[variable]?.GetValue<string>();
}
