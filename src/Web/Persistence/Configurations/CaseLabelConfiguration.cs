using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Web.Persistence.Configurations;

internal sealed class CaseLabelConfiguration : IEntityTypeConfiguration<CaseLabel>
{
    // Read-only columns of the cases table (a view mapping: migrations create nothing for it).
    public void Configure(EntityTypeBuilder<CaseLabel> builder) => builder.HasNoKey().ToView("Cases");
}
