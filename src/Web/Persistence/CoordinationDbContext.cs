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
using Coordination.Web.WorkflowHosting;
using Microsoft.EntityFrameworkCore;

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

    private protected CoordinationDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Police units, OM offices, banks, Halt.</summary>
    public DbSet<Agency> Agencies => Set<Agency>();

    /// <summary>People and their roles.</summary>
    public DbSet<AgencyUser> Users => Set<AgencyUser>();

    /// <summary>Fraud cases.</summary>
    public DbSet<FraudCase> Cases => Set<FraudCase>();

    /// <summary>Reports.</summary>
    public DbSet<Report> Reports => Set<Report>();

    /// <summary>Victims and suspects.</summary>
    public DbSet<Party> Parties => Set<Party>();

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

    /// <summary>Published workflow definition versions.</summary>
    public DbSet<WorkflowDefinitionRecord> WorkflowDefinitions => Set<WorkflowDefinitionRecord>();

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
    }

    // An aggregate counts as changed when its own row or anything it owns changed; only then is its version raised,
    // so the UPDATE carries "WHERE Version = <loaded>" and a stale save fails with DbUpdateConcurrencyException.
    private void BumpVersions()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries().ToList())
        {
            if (entry.Metadata.IsOwned() || entry.Metadata.FindProperty(VersionProperty) is not { IsConcurrencyToken: true })
            {
                continue;
            }

            var changed = entry.State == EntityState.Modified
                || (entry.State == EntityState.Unchanged && entry.Navigations.Any(n => n.Metadata.TargetEntityType.IsOwned() && n.IsModified));
            if (changed)
            {
                var version = entry.Property(VersionProperty);
                version.CurrentValue = (int)version.OriginalValue! + 1;
            }
        }
    }
}
