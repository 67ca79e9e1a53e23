using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.WorkItems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Web.Persistence.Configurations;

internal sealed class WorkItemConfiguration : IEntityTypeConfiguration<WorkItem>
{
    /// <summary>Form data is a task's answer (a bank's list of transfers can be long); 64 KiB is ample and bounded.</summary>
    public const int FormDataMaxLength = 65_536;

    public void Configure(EntityTypeBuilder<WorkItem> builder)
    {
        builder.ToTable("WorkItems");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Title).HasMaxLength(WorkItem.TitleMaxLength);
        builder.Property(w => w.Assignee).HasMaxLength(WorkItem.UserMaxLength);
        builder.Property(w => w.Outcome).HasMaxLength(WorkItem.OutcomeMaxLength);
        builder.Property(w => w.ActivityId).HasMaxLength(WorkItem.ActivityIdMaxLength);
        builder.Property(w => w.Subject).HasMaxLength(WorkItem.SubjectMaxLength);
        builder.Property(w => w.Refusal).HasMaxLength(WorkItem.RefusalMaxLength);
        builder.Property(w => w.RefusalCode).HasMaxLength(WorkItem.RefusalCodeMaxLength);
        builder.Property(w => w.FormData).HasMaxLength(FormDataMaxLength);

        // The queues: "available to my role at my agency", "mine", ordered by due time.
        builder.HasIndex(w => new { w.CandidateAgencyId, w.CandidateRole, w.Status, w.DueAt }).HasDatabaseName("IX_WorkItems_Queue");
        builder.HasIndex(w => new { w.Assignee, w.Status }).HasDatabaseName("IX_WorkItems_Assignee_Status");
        builder.HasIndex(w => w.CaseId).HasDatabaseName("IX_WorkItems_CaseId");
        builder.HasOne<FraudCase>().WithMany().HasForeignKey(w => w.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agency>().WithMany().HasForeignKey(w => w.CandidateAgencyId).OnDelete(DeleteBehavior.Restrict);

        builder.OwnsMany(w => w.History, history =>
        {
            history.ToTable("WorkItemEvents");
            history.WithOwner().HasForeignKey("WorkItemId");
            history.Property<int>("Id");
            history.HasKey("Id");
            history.Property(e => e.Actor).HasMaxLength(WorkItem.UserMaxLength);
            history.Property(e => e.Assignee).HasMaxLength(WorkItem.UserMaxLength);
        });
        builder.Navigation(w => w.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
