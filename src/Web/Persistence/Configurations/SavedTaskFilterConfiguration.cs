using Coordination.Web.Features.WorkItems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Web.Persistence.Configurations;

internal sealed class SavedTaskFilterConfiguration : IEntityTypeConfiguration<SavedTaskFilter>
{
    public void Configure(EntityTypeBuilder<SavedTaskFilter> builder)
    {
        builder.ToTable("SavedTaskFilters");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.UserName).HasMaxLength(256);
        builder.Property(f => f.Name).HasMaxLength(SavedTaskFilter.NameMaxLength);
        builder.Property(f => f.List).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.FilterJson).HasMaxLength(2000);
        builder.HasIndex(f => new { f.UserName, f.Name }).IsUnique().HasDatabaseName("UX_SavedTaskFilters_User_Name");
    }
}
