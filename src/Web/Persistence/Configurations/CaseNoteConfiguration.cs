using Coordination.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Web.Persistence.Configurations;

internal sealed class CaseNoteConfiguration : IEntityTypeConfiguration<CaseNote>
{
    public void Configure(EntityTypeBuilder<CaseNote> builder)
    {
        builder.ToTable("CaseNotes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Author).HasMaxLength(CaseNote.AuthorMaxLength);
        builder.Property(n => n.Text).HasMaxLength(CaseNote.TextMaxLength);
        builder.HasIndex(n => new { n.CaseId, n.WrittenAt }).HasDatabaseName("IX_CaseNotes_Case_WrittenAt");
        builder.HasOne<FraudCase>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
