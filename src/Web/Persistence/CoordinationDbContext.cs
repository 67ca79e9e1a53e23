using Coordination.Domain.Accounts;
using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Dispositions;
using Coordination.Domain.Parties;
using Coordination.Domain.Reports;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence.Conventions;
using Coordination.Web.Security;
using Coordination.Web.WorkflowHosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Coordination.Web.Persistence;

/// <summary>
/// The one unit of work of Coordination. Provider specifics live in <see cref="SqliteCoordinationDbContext"/> and
/// <see cref="PostgreSqlCoordinationDbContext"/>, each with its own migrations; everything else is shared here.
/// Create one per operation through <see cref="IDbContextFactory{TContext}"/>: a Blazor circuit lives too long
/// for a scoped context.
/// </summary>
public abstract class CoordinationDbContext : DbContext
{
    /// <summary>Name of the optimistic concurrency property every aggregate root carries.</summary>
    internal const string VersionProperty = nameof(AggregateRoot<CaseId>.Version);

    // Need-to-know: who this context acts for. A new context is the system (no filter); a use case's context is
    // restricted to its user by UserDbContextFactory, and a context restricted to nobody sees nothing. The query
    // filters below read these fields on every query, so no handler can forget them.
    private bool _system = true;
    private AgencyId _agencyId;
    private string _userName = string.Empty;
    private bool _caseRole;
    private bool _police;
    private bool _prosecution;
    private bool _bank;
    private bool _halt;
    private bool _auditor;

    private protected CoordinationDbContext(DbContextOptions options)
        : base(options)
    {
        // Changes are detected once, right before saving (BumpVersions must see them to raise versions), instead of
        // on every Local, Entry and Entries call in between: the workflow's save looks up tracked rows several times
        // per step, and each automatic detection walked every tracked entity.
        ChangeTracker.AutoDetectChangesEnabled = false;
    }

    /// <summary>True when this context is restricted to a user (or to nobody).</summary>
    public bool IsRestricted => !_system;

    /// <summary>Police units, OM offices, banks, Halt.</summary>
    public DbSet<Agency> Agencies => Set<Agency>();

    /// <summary>People and their roles.</summary>
    public DbSet<AgencyUser> Users => Set<AgencyUser>();

    /// <summary>Fraud cases.</summary>
    public DbSet<FraudCase> Cases => Set<FraudCase>();

    /// <summary>A case's number and kind, for joining to work items that are already filtered (see <see cref="CaseLabel"/>).</summary>
    public DbSet<CaseLabel> CaseLabels => Set<CaseLabel>();

    /// <summary>Reports.</summary>
    public DbSet<Report> Reports => Set<Report>();

    /// <summary>Victims and suspects.</summary>
    public DbSet<Party> Parties => Set<Party>();

    /// <summary>Notes in case files.</summary>
    public DbSet<CaseNote> CaseNotes => Set<CaseNote>();

    /// <summary>Accounts each case traced itself (holder looked up, production order answered).</summary>
    public DbSet<TracedAccount> TracedAccounts => Set<TracedAccount>();

    /// <summary>Accounts met in cases.</summary>
    public DbSet<BankAccount> BankAccounts => Set<BankAccount>();

    /// <summary>Human tasks.</summary>
    public DbSet<WorkItem> WorkItems => Set<WorkItem>();

    /// <summary>OM decisions.</summary>
    public DbSet<Disposition> Dispositions => Set<Disposition>();

    /// <summary>The append-only audit trail.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Workflow instances.</summary>
    public DbSet<WorkflowInstanceRecord> WorkflowInstances => Set<WorkflowInstanceRecord>();

    /// <summary>Open bookmarks of workflow instances.</summary>
    public DbSet<WorkflowBookmarkRecord> WorkflowBookmarks => Set<WorkflowBookmarkRecord>();

    /// <summary>Due times of workflow timers.</summary>
    public DbSet<WorkflowTimerRecord> WorkflowTimers => Set<WorkflowTimerRecord>();

    /// <summary>Workflow journals.</summary>
    public DbSet<WorkflowJournalRecord> WorkflowJournal => Set<WorkflowJournalRecord>();

    /// <summary>Queue filters users saved.</summary>
    public DbSet<Coordination.Web.Features.WorkItems.SavedTaskFilter> SavedTaskFilters => Set<Coordination.Web.Features.WorkItems.SavedTaskFilter>();

    /// <summary>Published workflow definition versions.</summary>
    public DbSet<WorkflowDefinitionRecord> WorkflowDefinitions => Set<WorkflowDefinitionRecord>();

    /// <summary>
    /// Lifts any restriction: the context acts for the system again. Contexts are pooled and reused, so the system's
    /// factory calls this on every context it hands out; a use case's factory then restricts it to its own user. (Not
    /// done on dispose: a second dispose by a careless caller could then lift the restriction of whoever took the
    /// instance from the pool meanwhile.)
    /// </summary>
    internal void Unrestrict()
    {
        _system = true;
        _agencyId = default;
        _userName = string.Empty;
        _caseRole = _police = _prosecution = _bank = _halt = _auditor = false;
    }

    /// <summary>Restricts every query of this context to what <paramref name="user"/> may see; null sees nothing.</summary>
    public void RestrictTo(CurrentUser? user)
    {
        _system = false;
        _agencyId = user?.AgencyId ?? default;
        _userName = user?.UserName ?? string.Empty;
        _caseRole = user?.HasCaseRole == true;
        _police = user?.AgencyKind == AgencyKind.Police;
        _prosecution = user?.AgencyKind == AgencyKind.ProsecutionService;
        _bank = user?.AgencyKind == AgencyKind.Bank;
        _halt = user?.AgencyKind == AgencyKind.Halt;
        _auditor = user?.Holds(Role.Auditor) == true;
    }

    /// <inheritdoc />
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc />
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Saves like <see cref="SaveChangesAsync(bool, CancellationToken)"/> (versions raised, one transaction, same
    /// exceptions), through <see cref="DirectChangeWriter"/> when it handles the changes: the workflow's saves, the
    /// app's hottest writes, use this. Anything it does not handle goes through EF's SaveChanges.
    /// </summary>
    internal async Task<int> SaveChangesDirectAsync(CancellationToken cancellationToken)
    {
        BumpVersions();
        return await DirectChangeWriter.TrySaveAsync(this, cancellationToken) ?? await base.SaveChangesAsync(true, cancellationToken);
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        var domain = typeof(Iban).Assembly;
        foreach (var type in domain.GetTypes())
        {
            if (type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ITypedId<>)))
            {
                configurationBuilder.Properties(type).HaveConversion(typeof(TypedIdConverter<>).MakeGenericType(type));
            }
            else if (type.IsEnum && type.IsPublic)
            {
                configurationBuilder.Properties(type).HaveConversion(typeof(StrictEnumConverter<>).MakeGenericType(type)).HaveMaxLength(48);
            }
        }

        configurationBuilder.Properties<Iban>().HaveConversion<IbanConverter>().HaveMaxLength(Iban.MaxLength);
        configurationBuilder.Properties<CaseNumber>().HaveConversion<CaseNumberConverter>().HaveMaxLength(CaseNumber.Length);
        configurationBuilder.Properties<Money>().HaveConversion<MoneyCentsConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(400);
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(
            typeof(CoordinationDbContext).Assembly, t => t.Namespace?.StartsWith(typeof(CoordinationDbContext).Namespace + ".Configurations", StringComparison.Ordinal) == true);

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            if (!entity.IsOwned() && entity.FindProperty(VersionProperty) is { } version)
            {
                version.IsConcurrencyToken = true;
            }

            // Money is stored in cents; the column name says so, so nobody reads 1250 as € 1,250.
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(Money) || p.ClrType == typeof(Money?)))
            {
                property.SetColumnName(property.GetColumnName() + "Cents");
            }
        }

        ApplyNeedToKnowFilters(modelBuilder);
    }

    private void ApplyNeedToKnowFilters(ModelBuilder modelBuilder)
    {
        // Police see their unit's cases and cases assigned to them; the OM sees cases submitted to it. Banks, Halt,
        // administrators and auditors see no case file.
        modelBuilder.Entity<FraudCase>().HasQueryFilter(c => _system
            || (_caseRole && ((_police && (c.OwningUnitId == _agencyId || c.AssignedTo == _userName)) || (_prosecution && c.ProsecutionOfficeId == _agencyId))));

        // Tasks: those offered to my agency or held by me; police and OM also see every task of a case they see.
        modelBuilder.Entity<WorkItem>().HasQueryFilter(w => _system
            || (_caseRole && (w.CandidateAgencyId == _agencyId || w.Assignee == _userName || ((_police || _prosecution) && Cases.Any(c => c.Id == w.CaseId)))));

        // A case's number and kind go with the tasks of it one may see (a bank's order names its case), and no further.
        modelBuilder.Entity<CaseLabel>().HasQueryFilter(l => _system || (_caseRole && WorkItems.Any(w => w.CaseId == l.Id)));

        // Halt sees only its referrals: the disposition and the minor it is about.
        modelBuilder.Entity<Disposition>().HasQueryFilter(d => _system
            || (_caseRole && (((_police || _prosecution) && Cases.Any(c => c.Id == d.CaseId)) || (_halt && d.Kind == DispositionKind.HaltReferral))));
        modelBuilder.Entity<Party>().HasQueryFilter(p => _system
            || (_caseRole && (((_police || _prosecution) && Cases.Any(c => c.Id == p.CaseId))
                || (_halt && Dispositions.Any(d => d.SuspectId == p.Id && d.Kind == DispositionKind.HaltReferral)))));

        // Notes are part of the case file: police and OM of a case they see.
        modelBuilder.Entity<CaseNote>().HasQueryFilter(n => _system || (_caseRole && (_police || _prosecution) && Cases.Any(c => c.Id == n.CaseId)));

        // Reports: of a visible case; police also see reports not yet linked to any case (the intake queue).
        modelBuilder.Entity<Report>().HasQueryFilter(r => _system
            || (_caseRole && ((_police && r.CaseId == null) || ((_police || _prosecution) && Cases.Any(c => c.Id == r.CaseId)))));

        // Accounts: a bank sees its own; police and OM see an account (holder, status) only when a case they see traced
        // it itself — its own holder look-up or production order. The row is shared by every case and carries what a
        // bank told whichever case asked, while anyone can name an IBAN in a report (as beneficiary or as the victim's)
        // and a bank's answer names counter-accounts another unit may have traced. Other accounts of a case file show
        // by their IBAN and bank only.
        modelBuilder.Entity<BankAccount>().HasQueryFilter(a => _system
            || (_caseRole && ((_bank && a.BankId == _agencyId)
                || ((_police || _prosecution) && TracedAccounts.Any(t => t.Iban == a.Iban && Cases.Any(c => c.Id == t.CaseId))))));
        modelBuilder.Entity<TracedAccount>().HasQueryFilter(t => _system || (_caseRole && (_police || _prosecution) && Cases.Any(c => c.Id == t.CaseId)));

        // The audit trail is for auditors.
        modelBuilder.Entity<AuditEntry>().HasQueryFilter(a => _system || _auditor);
    }

    // An aggregate counts as changed when its own row or anything it owns changed (added, changed or removed); only
    // then is its version raised, so the UPDATE carries "WHERE Version = <loaded>" and a stale save fails with
    // DbUpdateConcurrencyException.
    internal void BumpVersions()
    {
        ChangeTracker.DetectChanges();
        var entries = ChangeTracker.Entries().ToList();
        var ownersChanged = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var owned in entries)
        {
            if (owned.Metadata.IsOwned() && owned.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && OwnerOf(owned, entries) is { } owner)
            {
                ownersChanged.Add(owner.Entity);
            }
        }

        foreach (var entry in entries)
        {
            if (entry.Metadata.IsOwned() || entry.Metadata.FindProperty(VersionProperty) is not { IsConcurrencyToken: true })
            {
                continue;
            }

            if (entry.State == EntityState.Modified || (entry.State == EntityState.Unchanged && ownersChanged.Contains(entry.Entity)))
            {
                var version = entry.Property(VersionProperty);
                version.CurrentValue = (int)version.OriginalValue! + 1;
            }
        }
    }

    // The aggregate root an owned row belongs to, through its ownership key (a removed row's original values), climbing
    // through owned owners; null when the owner is not tracked.
    private static EntityEntry? OwnerOf(EntityEntry owned, List<EntityEntry> entries)
    {
        var current = owned;
        while (current.Metadata.FindOwnership() is { } ownership)
        {
            var values = current.State == EntityState.Deleted ? current.OriginalValues : current.CurrentValues;
            var key = ownership.Properties.Select(p => values[p]).ToArray();
            var principal = ownership.PrincipalKey.Properties;
            var found = entries.FirstOrDefault(e => e.Metadata == ownership.PrincipalEntityType
                && principal.Select((p, i) => Equals(e.CurrentValues[p], key[i])).All(same => same));
            if (found is null)
            {
                return null;
            }

            current = found;
        }

        return current;
    }
}
