using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Cases;

/// <summary>
/// A police team lead of the unit that owns a case assigns it to an officer personally (or withdraws the assignment with
/// null). The officer must be an active police investigator or team lead — possibly of another unit, who then sees the
/// case file — so a case never goes to a mistyped name or someone outside the police, and an officer of another unit
/// who was given the case cannot pass it on.
/// </summary>
[Audited(AuditAction.Update, "FraudCase")]
[RequiresRole(Role.PoliceTeamLead)]
public sealed record AssignCaseCommand(Guid CaseId, string? AssignTo) : ICommand<Result>, ICaseRequest;

internal sealed class AssignCaseHandler(IDbContextFactory<CoordinationDbContext> contexts, UserContext users) : ICommandHandler<AssignCaseCommand, Result>
{
    public async ValueTask<Result> Handle(AssignCaseCommand command, CancellationToken cancellationToken)
    {
        var lead = (await users.GetAsync())!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var fraudCase = await db.Cases.FirstOrDefaultAsync(c => c.Id == CaseId.From(command.CaseId), cancellationToken);
        if (fraudCase is null)
        {
            return Result.NotFound;
        }

        if (fraudCase.OwningUnitId != lead.AgencyId)
        {
            return Result.Fail("case.assign-not-own-unit", "Only a team lead of the unit that owns this case can assign it.");
        }

        var assignee = string.IsNullOrWhiteSpace(command.AssignTo) ? null : command.AssignTo.Trim().ToLowerInvariant();
        if (assignee is not null && !await CaseAssignees.Fit(db).AnyAsync(u => u.UserName == assignee, cancellationToken))
        {
            return Result.Fail("case.assignee-unfit", $"{assignee} cannot be given this case: they are not an active police investigator or team lead.", assignee);
        }

        try
        {
            fraudCase.AssignTo(assignee);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok;
        }
        catch (DomainException ex)
        {
            return Result.Fail(ex.Code, ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Fail("case.conflict", "Someone else changed this case at the same moment; nothing was saved. Open it again.");
        }
    }
}
