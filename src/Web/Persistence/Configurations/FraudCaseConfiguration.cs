using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Web.Persistence.Configurations;

internal sealed class FraudCaseConfiguration : IEntityTypeConfiguration<FraudCase>
{
    public void Configure(EntityTypeBuilder<FraudCase> builder)
    {
        builder.ToTable("Cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Summary).HasMaxLength(FraudCase.SummaryMaxLength);
        builder.Property(c => c.AssignedTo).HasMaxLength(FraudCase.AssignedToMaxLength);
        builder.HasIndex(c => c.AssignedTo).HasDatabaseName("IX_Cases_AssignedTo");
        builder.HasIndex(c => c.Number).IsUnique().HasDatabaseName("UX_Cases_Number");
        builder.HasIndex(c => new { c.OwningUnitId, c.Phase }).HasDatabaseName("IX_Cases_OwningUnit_Phase");
        builder.HasIndex(c => c.ProsecutionOfficeId).HasDatabaseName("IX_Cases_ProsecutionOffice");
        builder.HasOne<Agency>().WithMany().HasForeignKey(c => c.OwningUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(c => c.ProsecutionOfficeId).OnDelete(DeleteBehavior.Restrict);

        builder.OwnsMany(c => c.Transfers, transfers =>
        {
            transfers.ToTable("CaseTransfers");
            transfers.WithOwner().HasForeignKey("CaseId");
            transfers.Property<int>("Id");
            transfers.HasKey("Id");
            transfers.HasIndex(t => t.ToIban).HasDatabaseName("IX_CaseTransfers_ToIban");
            transfers.HasIndex(t => t.FromIban).HasDatabaseName("IX_CaseTransfers_FromIban");
        });
        builder.Navigation(c => c.Transfers).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.OwnsMany(c => c.CashOuts, cashOuts =>
        {
            cashOuts.ToTable("CaseCashOuts");
            cashOuts.WithOwner().HasForeignKey("CaseId");
            cashOuts.Property<int>("Id");
            cashOuts.HasKey("Id");
        });
        builder.Navigation(c => c.CashOuts).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
