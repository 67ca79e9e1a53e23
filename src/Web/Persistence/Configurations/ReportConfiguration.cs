using Coordination.Domain.Cases;
using Coordination.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Web.Persistence.Configurations;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.ToTable("Reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.ReporterName).HasMaxLength(Report.NameMaxLength);
        builder.Property(r => r.ReporterEmail).HasMaxLength(Report.EmailMaxLength);
        builder.Property(r => r.Description).HasMaxLength(Report.DescriptionMaxLength);
        builder.Ignore(r => r.Ibans);
        builder.HasIndex(r => r.CaseId).HasDatabaseName("IX_Reports_CaseId");
        builder.HasOne<FraudCase>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);

        // Leads live in their own indexed table: linking a new report to earlier ones is a lookup on (Kind, Value).
        builder.OwnsMany(r => r.Identifiers, identifiers =>
        {
            identifiers.ToTable("ReportIdentifiers");
            identifiers.WithOwner().HasForeignKey("ReportId");
            identifiers.Property<int>("Id");
            identifiers.HasKey("Id");
            identifiers.Property(i => i.Value).HasMaxLength(ReportIdentifier.ValueMaxLength);
            identifiers.HasIndex(i => new { i.Kind, i.Value }).HasDatabaseName("IX_ReportIdentifiers_Kind_Value");
        });
        builder.Navigation(r => r.Identifiers).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
