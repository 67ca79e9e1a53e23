using Coordination.Web.WorkflowHosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Web.Persistence.Configurations.Workflow;

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstanceRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowInstanceRecord> builder)
    {
        builder.ToTable("WorkflowInstances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.DefinitionId).HasMaxLength(100);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Outcome).HasMaxLength(100);
        builder.Property(i => i.CorrelationId).HasMaxLength(64);
        builder.Property(i => i.StateJson).HasMaxLength(1_048_576);
        builder.Property(i => i.Revision).IsConcurrencyToken();
        builder.Property(i => i.IncidentActivityId).HasMaxLength(100);
        builder.Property(i => i.IncidentMessage).HasMaxLength(1000);
        builder.HasIndex(i => i.CorrelationId).HasDatabaseName("IX_WorkflowInstances_CorrelationId");
        builder.HasIndex(i => new { i.Status, i.DefinitionId }).HasDatabaseName("IX_WorkflowInstances_Status_Definition");
        builder.HasIndex(i => i.ParentInstanceId).HasDatabaseName("IX_WorkflowInstances_ParentInstanceId");
    }
}

internal sealed class WorkflowBookmarkConfiguration : IEntityTypeConfiguration<WorkflowBookmarkRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowBookmarkRecord> builder)
    {
        builder.ToTable("WorkflowBookmarks");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.ActivityId).HasMaxLength(100);
        builder.Property(b => b.Name).HasMaxLength(100);
        builder.HasIndex(b => new { b.InstanceId, b.Kind, b.Name }).HasDatabaseName("IX_WorkflowBookmarks_Instance_Kind_Name");
        builder.HasOne<WorkflowInstanceRecord>().WithMany().HasForeignKey(b => b.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkflowTimerConfiguration : IEntityTypeConfiguration<WorkflowTimerRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowTimerRecord> builder)
    {
        builder.ToTable("WorkflowTimers");
        builder.HasKey(t => t.BookmarkId);
        builder.Property(t => t.ActivityId).HasMaxLength(100);
        builder.HasIndex(t => t.DueAt).HasDatabaseName("IX_WorkflowTimers_DueAt");
        builder.HasIndex(t => t.InstanceId).HasDatabaseName("IX_WorkflowTimers_InstanceId");
        builder.HasOne<WorkflowInstanceRecord>().WithMany().HasForeignKey(t => t.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkflowJournalConfiguration : IEntityTypeConfiguration<WorkflowJournalRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowJournalRecord> builder)
    {
        builder.ToTable("WorkflowJournal");
        builder.HasKey(j => new { j.InstanceId, j.Sequence });
        builder.Property(j => j.ActivityId).HasMaxLength(100);
        builder.Property(j => j.Event).HasMaxLength(32);
        builder.Property(j => j.Actor).HasMaxLength(256);
        builder.Property(j => j.Payload).HasMaxLength(200);
        builder.HasOne<WorkflowInstanceRecord>().WithMany().HasForeignKey(j => j.InstanceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkflowDefinitionConfiguration : IEntityTypeConfiguration<WorkflowDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionRecord> builder)
    {
        builder.ToTable("WorkflowDefinitions");
        builder.HasKey(d => new { d.DefinitionId, d.Version });
        builder.Property(d => d.DefinitionId).HasMaxLength(100);
        builder.Property(d => d.Json).HasMaxLength(1_048_576);
        builder.Property(d => d.Hash).HasMaxLength(64).IsFixedLength();
    }
}
