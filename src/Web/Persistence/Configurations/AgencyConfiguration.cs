using Coordination.Domain.Agencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Web.Persistence.Configurations;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> builder)
    {
        builder.ToTable("Agencies");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Code).HasMaxLength(Agency.CodeMaxLength);
        builder.Property(a => a.Name).HasMaxLength(Agency.NameMaxLength);
        builder.Property(a => a.BankCode).HasMaxLength(Agency.BankCodeLength).IsFixedLength();
        builder.HasIndex(a => a.Code).IsUnique().HasDatabaseName("UX_Agencies_Code");
        builder.HasIndex(a => a.BankCode).IsUnique().HasDatabaseName("UX_Agencies_BankCode");
    }
}
