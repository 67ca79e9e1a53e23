using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Common;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Administration;

/// <summary>An administrator grants a role to a user (the role must exist at the user's kind of agency).</summary>
[Audited(AuditAction.Update, "User")]
[RequiresRole(Role.Administrator)]
public sealed record GrantRoleCommand(string UserName, Role Role) : ICommand<Result>;

internal sealed class GrantRoleHandler(SystemDbContexts contexts) : ICommandHandler<GrantRoleCommand, Result>
{
    public async ValueTask<Result> Handle(GrantRoleCommand command, CancellationToken cancellationToken)
    {
        // Users and agencies are directory data, not case content: an administrator works on them unrestricted.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = (command.UserName ?? string.Empty).Trim().ToLowerInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == name, cancellationToken);
        if (user is null)
        {
            return Result.Fail("user.not-found", $"There is no user '{command.UserName}'.");
        }

        var agency = await db.Agencies.SingleAsync(a => a.Id == user.AgencyId, cancellationToken);
        try
        {
            user.Grant(command.Role, agency);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok;
        }
        catch (DomainException ex)
        {
            return Result.Fail(ex.Code, ex.Message);
        }
    }
}
