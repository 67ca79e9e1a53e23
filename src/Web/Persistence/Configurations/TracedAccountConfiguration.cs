using Coordination.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Web.Persistence.Configurations;

internal sealed class TracedAccountConfiguration : IEntityTypeConfiguration<TracedAccount>
{
    public void Configure(EntityTypeBuilder<TracedAccount> builder)
    {
        builder.ToTable("TracedAccounts");
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => new { t.CaseId, t.Iban }).IsUnique().HasDatabaseName("UX_TracedAccounts_Case_Iban");
        builder.HasIndex(t => t.Iban).HasDatabaseName("IX_TracedAccounts_Iban");
        builder.HasOne<FraudCase>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
