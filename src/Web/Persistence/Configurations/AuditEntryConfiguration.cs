using Coordination.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Web.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");

        // The sequence is the chain position and is assigned by the application, never by the database, so a gap is
        // detectable.
        builder.HasKey(a => a.Sequence);
        builder.Property(a => a.Sequence).ValueGeneratedNever();
        builder.Property(a => a.Actor).HasMaxLength(AuditEntry.ActorMaxLength);
        builder.Property(a => a.ObjectType).HasMaxLength(AuditEntry.ObjectTypeMaxLength);
        builder.Property(a => a.ObjectId).HasMaxLength(AuditEntry.IdMaxLength);
        builder.Property(a => a.SubjectId).HasMaxLength(AuditEntry.IdMaxLength);
        builder.Property(a => a.Origin).HasMaxLength(AuditEntry.OriginMaxLength);
        builder.Property(a => a.Purpose).HasMaxLength(AuditEntry.PurposeMaxLength);
        builder.Property(a => a.PreviousHash).HasMaxLength(AuditEntry.HashLength).IsFixedLength();
        builder.Property(a => a.Hash).HasMaxLength(AuditEntry.HashLength).IsFixedLength();
        builder.HasIndex(a => new { a.ObjectType, a.ObjectId }).HasDatabaseName("IX_AuditEntries_Object");
        builder.HasIndex(a => a.SubjectId).HasDatabaseName("IX_AuditEntries_Subject");
        builder.HasIndex(a => new { a.Actor, a.At }).HasDatabaseName("IX_AuditEntries_Actor_At");
    }
}
