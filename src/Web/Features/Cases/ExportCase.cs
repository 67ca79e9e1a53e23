using System.Text.Json;
using Coordination.Domain.Audit;
using Coordination.Web.Security;
using Mediator;

namespace Coordination.Web.Features.Cases;

/// <summary>Exports a case file as JSON (for the dossier to the OM, or a court); every export is audited.</summary>
[Audited(AuditAction.Export, "FraudCase")]
public sealed record ExportCaseQuery(Guid CaseId) : IQuery<ExportDto?>, ICaseRequest;

/// <summary>A file to download.</summary>
public sealed record ExportDto(string FileName, string ContentType, string Content);

internal sealed class ExportCaseHandler(IMediator mediator) : IQueryHandler<ExportCaseQuery, ExportDto?>
{
    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true };

    public async ValueTask<ExportDto?> Handle(ExportCaseQuery query, CancellationToken cancellationToken)
    {
        // The export is the case file as the caller may see it; reading it goes through the same access check.
        var file = await mediator.Send(new GetCaseFileQuery(query.CaseId), cancellationToken);
        return file is null ? null : new ExportDto($"{file.Number}.json", "application/json", JsonSerializer.Serialize(file, _json));
    }
}
