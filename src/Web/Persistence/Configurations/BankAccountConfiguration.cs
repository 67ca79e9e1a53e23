using Coordination.Domain.Accounts;
using Coordination.Domain.Agencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Web.Persistence.Configurations;

internal sealed class BankAccountConfiguration : IEntityTypeConfiguration<BankAccount>
{
    public void Configure(EntityTypeBuilder<BankAccount> builder)
    {
        builder.ToTable("BankAccounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.HolderName).HasMaxLength(BankAccount.HolderNameMaxLength);
        builder.Ignore(a => a.IsAbroad);
        builder.HasIndex(a => a.Iban).IsUnique().HasDatabaseName("UX_BankAccounts_Iban");
        builder.HasIndex(a => new { a.BankId, a.Status }).HasDatabaseName("IX_BankAccounts_Bank_Status");
        builder.HasOne<Agency>().WithMany().HasForeignKey(a => a.BankId).OnDelete(DeleteBehavior.Restrict);
    }
}
