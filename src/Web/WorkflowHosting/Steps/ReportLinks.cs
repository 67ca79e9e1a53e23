using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Reports;
using Coordination.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.WorkflowHosting.Steps;

/// <summary>A report that shares at least one lead (IBAN, phone number, URL) with the reports being linked.</summary>
internal sealed record LinkedReport(ReportId Id, CaseId? CaseId, Money Damage, IReadOnlyList<ReportIdentifier> Identifiers)
{
    public bool Mentions(IdentifierKind kind, string value) => Identifiers.Contains(new ReportIdentifier(kind, value));
}

/// <summary>
/// Finds reports across all cases that share a lead, through the (Kind, Value) index of ReportIdentifiers. Reports of
/// cases closed as a civil matter do not count: a breach of contract is no fraud to link to.
/// </summary>
internal static class ReportLinks
{
    public static async Task<List<LinkedReport>> FindAsync(CoordinationDbContext db, IEnumerable<ReportIdentifier> leads, CancellationToken cancellationToken)
    {
        var all = leads.Distinct().ToList();
        var ibans = Values(all, IdentifierKind.Iban);
        var phones = Values(all, IdentifierKind.PhoneNumber);
        var urls = Values(all, IdentifierKind.Url);
        if (all.Count == 0)
        {
            return [];
        }

        var reports = await db.Reports.AsNoTracking()
            .Where(r => r.Identifiers.Any(i =>
                (i.Kind == IdentifierKind.Iban && ibans.Contains(i.Value))
                || (i.Kind == IdentifierKind.PhoneNumber && phones.Contains(i.Value))
                || (i.Kind == IdentifierKind.Url && urls.Contains(i.Value))))
            .ToListAsync(cancellationToken);
        var caseIds = reports.Where(r => r.CaseId is not null).Select(r => r.CaseId!.Value).Distinct().ToList();
        var civil = caseIds.Count == 0
            ? []
            : await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id) && c.EndState == CaseEndState.ClosedCivil).Select(c => c.Id).ToListAsync(cancellationToken);
        return [.. reports
            .Where(r => r.CaseId is not { } id || !civil.Contains(id))
            .Select(r => new LinkedReport(r.Id, r.CaseId, r.Damage, [.. r.Identifiers]))];
    }

    private static List<string> Values(List<ReportIdentifier> leads, IdentifierKind kind) =>
        [.. leads.Where(l => l.Kind == kind).Select(l => l.Value)];
}
