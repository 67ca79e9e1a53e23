using Coordination.Domain.Agencies;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Users;

/// <summary>The users one can sign in as on the development sign-in page; empty when that sign-in is switched off.</summary>
[AllowAnonymousRequest]
public sealed record ListSignInUsersQuery : IQuery<IReadOnlyList<SignInUserDto>>;

/// <summary>A user offered on the development sign-in page.</summary>
public sealed record SignInUserDto(string UserName, string DisplayName, string AgencyName, AgencyKind AgencyKind, IReadOnlyList<Role> Roles);

internal sealed class ListSignInUsersHandler(SystemDbContexts contexts, SignInMode mode) : IQueryHandler<ListSignInUsersQuery, IReadOnlyList<SignInUserDto>>
{
    public async ValueTask<IReadOnlyList<SignInUserDto>> Handle(ListSignInUsersQuery query, CancellationToken cancellationToken)
    {
        if (!mode.DevelopmentSignIn)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => u.IsActive)
            .Join(db.Agencies.AsNoTracking(), u => u.AgencyId, a => a.Id, (u, a) => new { User = u, a.Name, a.Kind })
            .OrderBy(x => x.Name).ThenBy(x => x.User.UserName)
            .ToListAsync(cancellationToken);
        return [.. users.Select(x => new SignInUserDto(x.User.UserName, x.User.DisplayName, x.Name, x.Kind, [.. x.User.Roles.Select(r => r.Role)]))];
    }
}
