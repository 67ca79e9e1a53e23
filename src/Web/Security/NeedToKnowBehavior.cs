using System.Reflection;
using Coordination.Domain.Audit;
using Coordination.Domain.Cases;
using Coordination.Domain.Parties;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features;
using Coordination.Web.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Security;

/// <summary>
/// The one place where need-to-know is decided for use cases: a request needs a signed-in user with a role, the roles
/// its type requires, and — for a request about a case, work item or person — that object must be visible to the user
/// under the database's need-to-know filters. A refusal looks exactly like "not found" and is audited.
/// </summary>
internal sealed class NeedToKnowBehavior<TMessage, TResponse>(UserContext users, IDbContextFactory<CoordinationDbContext> contexts, AuditTrail audit)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly bool _anonymous = typeof(TMessage).GetCustomAttribute<AllowAnonymousRequestAttribute>() is not null;
    private static readonly RequiresRoleAttribute? _roles = typeof(TMessage).GetCustomAttribute<RequiresRoleAttribute>();
    private static readonly AuditedAttribute? _audited = typeof(TMessage).GetCustomAttribute<AuditedAttribute>();

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (_anonymous)
        {
            return await next(message, cancellationToken);
        }

        var user = await users.GetAsync();
        var allowed = user is not null
            && (_roles is null ? user.Roles.Count > 0 : _roles.Roles.Any(user.Holds))
            && await CanSeeSubjectAsync(message, cancellationToken);
        if (allowed)
        {
            return await next(message, cancellationToken);
        }

        var (objectId, subjectId, purpose) = AuditBehavior<TMessage, TResponse>.Describe(message);
        await audit.AppendAsync(
            new AuditRecord(user, _audited?.Action ?? AuditAction.Read, _audited?.ObjectType ?? typeof(TMessage).Name, objectId, subjectId, AuditResult.Denied, users.Origin, purpose),
            cancellationToken);
        return NotFound();
    }

    /// <summary>The answer a caller gets for something it may not see: the same as for something that does not exist.</summary>
    internal static TResponse NotFound() =>
        typeof(TResponse) == typeof(Result)
            ? (TResponse)(object)Result.NotFound
            : default!;

    private async Task<bool> CanSeeSubjectAsync(TMessage message, CancellationToken cancellationToken)
    {
        if (message is not (ICaseRequest or IWorkItemRequest or IPersonRequest))
        {
            return true;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return message switch
        {
            ICaseRequest c => await db.Cases.AnyAsync(x => x.Id == CaseId.From(c.CaseId), cancellationToken),
            IWorkItemRequest w => await db.WorkItems.AnyAsync(x => x.Id == WorkItemId.From(w.WorkItemId), cancellationToken),
            IPersonRequest p => !string.IsNullOrWhiteSpace(p.Purpose) && await db.Parties.AnyAsync(x => x.Id == PartyId.From(p.PartyId), cancellationToken),
            _ => false,
        };
    }
}

/// <summary>
/// Writes one audit record for every handled request whose type is marked <see cref="AuditedAttribute"/>: who, for
/// which agency, what, on which object and person, the result, from where, and why.
/// </summary>
internal sealed class AuditBehavior<TMessage, TResponse>(UserContext users, AuditTrail audit) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly AuditedAttribute? _audited = typeof(TMessage).GetCustomAttribute<AuditedAttribute>();

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (_audited is null)
        {
            return await next(message, cancellationToken);
        }

        var result = AuditResult.Failed;
        try
        {
            var response = await next(message, cancellationToken);
            result = response is Result { Succeeded: false } ? AuditResult.Failed : AuditResult.Succeeded;
            return response;
        }
        finally
        {
            var (objectId, subjectId, purpose) = Describe(message);
            await audit.AppendAsync(
                new AuditRecord(await users.GetAsync(), _audited.Action, _audited.ObjectType, objectId, subjectId, result, users.Origin, purpose), CancellationToken.None);
        }
    }

    internal static (string? ObjectId, string? SubjectId, string? Purpose) Describe(TMessage message) => message switch
    {
        IPersonRequest p => (p.PartyId.ToString(), p.PartyId.ToString(), p.Purpose),
        ICaseRequest c => (c.CaseId.ToString(), null, null),
        IWorkItemRequest w => (w.WorkItemId.ToString(), null, null),
        IWorkflowInstanceRequest i => (i.InstanceId.ToString(), null, i.Purpose),
        IAdministeredWorkItemRequest a => (a.WorkItemId.ToString(), null, null),
        ISearchRequest s => (null, null, s.SearchedFor),
        _ => (null, null, null),
    };
}
