using Coordination.Domain.Cases;
using Coordination.Web.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Cases;

/// <summary>How many cases stand in each phase, and how many open cases there are per fraud type. Counts only:
/// no case content, so it needs no need-to-know filtering beyond who may see the dashboard.</summary>
public sealed record GetCaseOverviewQuery : IQuery<CaseOverviewDto>;

/// <summary>Counts per phase and per fraud type.</summary>
public sealed record CaseOverviewDto(IReadOnlyDictionary<CasePhase, int> ByPhase, IReadOnlyDictionary<FraudType, int> OpenByFraudType)
{
    /// <summary>Cases not closed.</summary>
    public int Open => ByPhase.Where(p => p.Key != CasePhase.Closed).Sum(p => p.Value);
}

internal sealed class GetCaseOverviewHandler(IDbContextFactory<CoordinationDbContext> contexts) : IQueryHandler<GetCaseOverviewQuery, CaseOverviewDto>
{
    public async ValueTask<CaseOverviewDto> Handle(GetCaseOverviewQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var byPhase = await db.Cases.AsNoTracking()
            .GroupBy(c => c.Phase)
            .Select(g => new { Phase = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Phase, x => x.Count, cancellationToken);
        var byType = await db.Cases.AsNoTracking()
            .Where(c => c.Phase != CasePhase.Closed)
            .GroupBy(c => c.FraudType)
            .Select(g => new { Type = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Type, x => x.Count, cancellationToken);
        return new CaseOverviewDto(byPhase, byType);
    }
}
