using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Web.Security;
using Mediator;

namespace Coordination.Web.Features.Audit;

/// <summary>Checks the audit trail's hash chain and names the first broken record (the page action; the same check
/// runs from the command line with <c>--verify-audit</c>).</summary>
[Audited(AuditAction.Read, "AuditTrail")]
[RequiresRole(Role.Auditor)]
public sealed record VerifyAuditTrailCommand : ICommand<AuditVerification>;

internal sealed class VerifyAuditTrailHandler(AuditTrail trail) : ICommandHandler<VerifyAuditTrailCommand, AuditVerification>
{
    public async ValueTask<AuditVerification> Handle(VerifyAuditTrailCommand command, CancellationToken cancellationToken) =>
        await trail.VerifyAsync(cancellationToken);
}
