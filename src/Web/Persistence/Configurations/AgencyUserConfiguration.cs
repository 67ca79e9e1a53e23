using Coordination.Domain.Agencies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coordination.Web.Persistence.Configurations;

internal sealed class AgencyUserConfiguration : IEntityTypeConfiguration<AgencyUser>
{
    public void Configure(EntityTypeBuilder<AgencyUser> builder)
    {
        builder.ToTable("Users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.UserName).HasMaxLength(AgencyUser.UserNameMaxLength);
        builder.Property(u => u.DisplayName).HasMaxLength(AgencyUser.DisplayNameMaxLength);
        builder.HasIndex(u => u.UserName).IsUnique().HasDatabaseName("UX_Users_UserName");
        builder.HasIndex(u => u.AgencyId).HasDatabaseName("IX_Users_AgencyId");
        builder.HasOne<Agency>().WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsMany(u => u.Roles, roles =>
        {
            roles.ToTable("UserRoles");
            roles.WithOwner().HasForeignKey("UserId");
            roles.Property<int>("Id");
            roles.HasKey("Id");
            roles.HasIndex("UserId", nameof(RoleAssignment.Role)).IsUnique().HasDatabaseName("UX_UserRoles_User_Role");
        });
        builder.Navigation(u => u.Roles).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
