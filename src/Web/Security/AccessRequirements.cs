using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;

namespace Coordination.Web.Security;

/// <summary>A request about one case: the caller must be allowed to see that case.</summary>
public interface ICaseRequest
{
    /// <summary>The case.</summary>
    Guid CaseId { get; }
}

/// <summary>A request about one work item: the caller must be allowed to see that work item.</summary>
public interface IWorkItemRequest
{
    /// <summary>The work item.</summary>
    Guid WorkItemId { get; }
}

/// <summary>A request about one person: the caller must be allowed to see that person, and says why.</summary>
public interface IPersonRequest
{
    /// <summary>The person (party).</summary>
    Guid PartyId { get; }

    /// <summary>Why the caller needs to see this person; recorded in the audit trail.</summary>
    string Purpose { get; }
}

/// <summary>A request about one workflow instance (an administrator's): the audit trail names the instance. Who may send
/// it is decided by its roles alone; workflow state is the engine's, not case content.</summary>
public interface IWorkflowInstanceRequest
{
    /// <summary>The workflow instance.</summary>
    Guid InstanceId { get; }

    /// <summary>Why, when the request says it (stopping a workflow); recorded in the audit trail.</summary>
    string? Purpose => null;
}

/// <summary>An administrator's request about one work item, by its id: who may send it is decided by its roles alone
/// (administrators see no case content, so it is not a <see cref="IWorkItemRequest"/>); the audit trail names the item.</summary>
public interface IAdministeredWorkItemRequest
{
    /// <summary>The work item.</summary>
    Guid WorkItemId { get; }
}

/// <summary>A search: what was searched for is recorded in the audit trail (as the record's purpose), so an auditor can
/// answer who looked up a given IBAN, phone number or name.</summary>
public interface ISearchRequest
{
    /// <summary>What was searched for, as the user gave it or normalized; null when nothing was.</summary>
    string? SearchedFor { get; }
}

/// <summary>Only users holding one of these roles may send the request.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresRoleAttribute(params Role[] roles) : Attribute
{
    /// <summary>The roles allowed.</summary>
    public IReadOnlyList<Role> Roles { get; } = roles;
}

/// <summary>The request may be sent without signing in (e.g. listing the demo users on the development sign-in).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AllowAnonymousRequestAttribute : Attribute;

/// <summary>Every handling of the request is written to the audit trail as this action on this kind of object.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuditedAttribute(AuditAction action, string objectType) : Attribute
{
    /// <summary>The action recorded.</summary>
    public AuditAction Action { get; } = action;

    /// <summary>The kind of object recorded.</summary>
    public string ObjectType { get; } = objectType;
}
