using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Coordination.Domain.Agencies;
using Coordination.Web.Persistence;
using Coordination.Workflow.Definitions;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.WorkflowHosting;

/// <summary>
/// Published definitions live in the database as immutable versions; this source serves them (cached: a version
/// never changes) and publishes new ones after validating them.
/// </summary>
internal sealed class DatabaseDefinitionSource(SystemDbContexts contexts, DefinitionValidator validator, TimeProvider clock)
    : IWorkflowDefinitionSource
{
    private readonly ConcurrentDictionary<(string, int), WorkflowDefinition> _versions = new();
    private readonly ConcurrentDictionary<string, int> _latest = new(StringComparer.Ordinal);

    public async Task<WorkflowDefinition?> GetAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        if (version is null && _latest.TryGetValue(definitionId, out var latest))
        {
            version = latest;
        }

        if (version is { } v && _versions.TryGetValue((definitionId, v), out var cached))
        {
            return cached;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId);
        var record = version is { } wanted
            ? await query.FirstOrDefaultAsync(d => d.Version == wanted, cancellationToken)
            : await query.OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            return null;
        }

        var definition = DefinitionJson.Parse(record.Json, $"{record.DefinitionId}@{record.Version}");
        _versions[(definition.DefinitionId, definition.Version)] = definition;
        if (version is null)
        {
            _latest[definitionId] = definition.Version;
        }

        return definition;
    }

    /// <summary>
    /// Publishes a definition version. The same version with the same content is a no-op; the same version with other
    /// content is refused (running instances rely on it never changing), as is an invalid definition.
    /// </summary>
    /// <returns>True when a new version was stored.</returns>
    /// <exception cref="WorkflowDefinitionException">Invalid, or the version exists with other content.</exception>
    public async Task<bool> PublishAsync(string json, string source, CancellationToken cancellationToken)
    {
        var definition = DefinitionJson.Parse(json, source);
        var problems = validator.Validate(definition).Concat(HostProblems(definition.Flowchart)).ToList();
        if (problems.Count > 0)
        {
            throw new WorkflowDefinitionException(source, problems);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DefinitionJson.Write(definition))));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.WorkflowDefinitions.AsNoTracking()
            .FirstOrDefaultAsync(d => d.DefinitionId == definition.DefinitionId && d.Version == definition.Version, cancellationToken);
        if (existing is not null)
        {
            return existing.Hash == hash
                ? false
                : throw new WorkflowDefinitionException(source, [new DefinitionProblem(null,
                    $"version {definition.Version} of '{definition.DefinitionId}' is already published with other content; give the changed definition a new version number")]);
        }

        db.WorkflowDefinitions.Add(new WorkflowDefinitionRecord
        {
            DefinitionId = definition.DefinitionId,
            Version = definition.Version,
            Json = DefinitionJson.Write(definition),
            Hash = hash,
            PublishedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        _versions[(definition.DefinitionId, definition.Version)] = definition;
        _latest.AddOrUpdate(definition.DefinitionId, definition.Version, (_, current) => Math.Max(current, definition.Version));
        return true;
    }

    // What only the host can check: literal roles must be roles of Coordination.
    private static IEnumerable<DefinitionProblem> HostProblems(Flowchart flowchart)
    {
        foreach (var activity in flowchart.AllActivities)
        {
            if (activity is HumanTaskActivity { Role.Literal: { } role } task && !Enum.TryParse<Role>(role, out _))
            {
                yield return new DefinitionProblem(task.Id, $"'{role}' is not a role of Coordination; use one of {string.Join(", ", Enum.GetNames<Role>())}");
            }

            if (activity is HumanTaskActivity { Escalation.Role.Literal: { } escalationRole } escalating && !Enum.TryParse<Role>(escalationRole, out _))
            {
                yield return new DefinitionProblem(escalating.Id, $"the escalation role '{escalationRole}' is not a role of Coordination");
            }
        }
    }
}
