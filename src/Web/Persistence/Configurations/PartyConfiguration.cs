using Coordination.Domain.Cases;
using Coordination.Domain.Parties;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Web.Persistence.Configurations;

internal sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> builder)
    {
        builder.ToTable("Parties");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.FullName).HasMaxLength(Party.NameMaxLength);
        builder.Ignore(p => p.AgeAtOffence);
        builder.Ignore(p => p.IsMinorAtOffence);
        builder.Ignore(p => p.IsSuspect);
        builder.HasIndex(p => new { p.CaseId, p.Role }).HasDatabaseName("IX_Parties_Case_Role");
        builder.HasOne<FraudCase>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
