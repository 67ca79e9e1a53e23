using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Cases;

/// <summary>A police team lead assigns a case to an officer personally (or withdraws the assignment with null).</summary>
[Audited(AuditAction.Update, "FraudCase")]
[RequiresRole(Role.PoliceTeamLead)]
public sealed record AssignCaseCommand(Guid CaseId, string? AssignTo) : ICommand<Result>, ICaseRequest;

internal sealed class AssignCaseHandler(IDbContextFactory<CoordinationDbContext> contexts) : ICommandHandler<AssignCaseCommand, Result>
{
    public async ValueTask<Result> Handle(AssignCaseCommand command, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var fraudCase = await db.Cases.FirstOrDefaultAsync(c => c.Id == CaseId.From(command.CaseId), cancellationToken);
        if (fraudCase is null)
        {
            return Result.NotFound;
        }

        try
        {
            fraudCase.AssignTo(command.AssignTo);
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
