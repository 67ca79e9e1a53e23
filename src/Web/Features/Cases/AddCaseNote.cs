using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Cases;

/// <summary>Writes a note in a case file the user sees (police and OM). Notes are never edited or deleted.</summary>
[Audited(AuditAction.Create, "CaseNote")]
[RequiresRole(Role.PoliceIntakeOfficer, Role.PoliceInvestigator, Role.PoliceTeamLead, Role.Prosecutor, Role.ProsecutionClerk)]
public sealed record AddCaseNoteCommand(Guid CaseId, string Text) : ICommand<Result>, ICaseRequest;

/// <summary>Checks a note before anything is saved.</summary>
public static class AddCaseNoteValidator
{
    /// <summary>The problem with the note's text, or null when it can be saved.</summary>
    public static FieldError? Validate(AddCaseNoteCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var length = command.Text?.Trim().Length ?? 0;
        return length switch
        {
            0 => FieldError.Of("note.required", "Write the note first."),
            > CaseNote.TextMaxLength => new FieldError("note.too-long", $"A note is at most {CaseNote.TextMaxLength} characters (this one has {length}).", [CaseNote.TextMaxLength, length]),
            _ => null,
        };
    }
}

internal sealed class AddCaseNoteHandler(IDbContextFactory<CoordinationDbContext> contexts, UserContext users, TimeProvider clock)
    : ICommandHandler<AddCaseNoteCommand, Result>
{
    public async ValueTask<Result> Handle(AddCaseNoteCommand command, CancellationToken cancellationToken)
    {
        if (AddCaseNoteValidator.Validate(command) is { } problem)
        {
            return Result.Fail(problem.Code, problem.Message, [.. problem.Arguments]);
        }

        var user = (await users.GetAsync())!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var caseId = CaseId.From(command.CaseId);
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            return Result.NotFound;
        }

        try
        {
            db.CaseNotes.Add(CaseNote.Write(caseId, user.UserName, command.Text, clock));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok;
        }
        catch (DomainException ex)
        {
            return Result.Fail(ex.Code, ex.Message, [.. ex.Arguments]);
        }
    }
}
