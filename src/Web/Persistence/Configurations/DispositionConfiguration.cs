using Coordination.Domain.Cases;
using Coordination.Domain.Dispositions;
using Coordination.Domain.Parties;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Web.Persistence.Configurations;

internal sealed class DispositionConfiguration : IEntityTypeConfiguration<Disposition>
{
    public void Configure(EntityTypeBuilder<Disposition> builder)
    {
        builder.ToTable("Dispositions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.DecidedBy).HasMaxLength(Disposition.DecidedByMaxLength);
        builder.Property(d => d.DismissalCode).HasMaxLength(Disposition.DismissalCodeLength).IsFixedLength();
        builder.HasIndex(d => d.CaseId).HasDatabaseName("IX_Dispositions_CaseId");
        builder.HasIndex(d => d.SuspectId).HasDatabaseName("IX_Dispositions_SuspectId");
        builder.HasOne<FraudCase>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Party>().WithMany().HasForeignKey(d => d.SuspectId).OnDelete(DeleteBehavior.Restrict);
    }
}
