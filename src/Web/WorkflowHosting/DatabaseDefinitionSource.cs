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
/// Published definitions live in the database as immutable versions; this source serves them (a parsed version is
/// cached: it never changes) and publishes new ones after checking them. Which version is the latest is read from the
/// database each time a workflow starts without one, so a version another app process published is used at once.
/// </summary>
internal sealed class DatabaseDefinitionSource(SystemDbContexts contexts, DefinitionValidator validator, TimeProvider clock, IEnumerable<IStepHandler> steps)
    : IWorkflowDefinitionSource
{
    private readonly ConcurrentDictionary<(string, int), WorkflowDefinition> _versions = new();
    private readonly HashSet<string> _stepKeys = steps.Select(s => s.StepKey).ToHashSet(StringComparer.Ordinal);

    public async Task<WorkflowDefinition?> GetAsync(string definitionId, int? version, CancellationToken cancellationToken)
    {
        if (version is { } v && _versions.TryGetValue((definitionId, v), out var cached))
        {
            return cached;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId);
        if (version is null)
        {
            var latest = await query.MaxAsync(d => (int?)d.Version, cancellationToken);
            if (latest is not { } newest)
            {
                return null;
            }

            if (_versions.TryGetValue((definitionId, newest), out var known))
            {
                return known;
            }

            version = newest;
        }

        var record = await query.FirstOrDefaultAsync(d => d.Version == version, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var definition = DefinitionJson.Parse(record.Json, $"{record.DefinitionId}@{record.Version}");
        _versions[(definition.DefinitionId, definition.Version)] = definition;
        return definition;
    }

    /// <summary>Everything wrong with a definition as JSON, each with its activity: the JSON itself, the validator's
    /// rules, and what only the host knows (its roles and its automated steps). Empty when it can be published, and
    /// then <paramref name="definition"/> is the definition read.</summary>
    public IReadOnlyList<DefinitionProblem> Check(string json, out WorkflowDefinition? definition) => CheckAll(json, out definition);

    /// <summary>
    /// Publishes a definition version. The same version with the same content is a no-op; the same version with other
    /// content is refused (running instances rely on it never changing), as is an invalid definition.
    /// </summary>
    /// <returns>True when a new version was stored.</returns>
    /// <exception cref="WorkflowDefinitionException">Invalid, or the version exists with other content.</exception>
    public async Task<bool> PublishAsync(string json, string source, CancellationToken cancellationToken)
    {
        var problems = CheckAll(json, out var checkedDefinition);
        return problems.Count > 0 || checkedDefinition is not { } definition
            ? throw new WorkflowDefinitionException(source, problems)
            : await PublishCheckedAsync(definition, source, cancellationToken);
    }

    /// <summary>Publishes a definition <see cref="Check"/> found no problem in (not checked again).</summary>
    /// <returns>True when a new version was stored; false when it was already published with this content.</returns>
    /// <exception cref="WorkflowDefinitionException">The version exists with other content.</exception>
    public async Task<bool> PublishCheckedAsync(WorkflowDefinition definition, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var json = DefinitionJson.Write(definition);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.WorkflowDefinitions.AsNoTracking()
            .FirstOrDefaultAsync(d => d.DefinitionId == definition.DefinitionId && d.Version == definition.Version, cancellationToken);
        if (existing is not null)
        {
            return existing.Hash == hash
                ? false
                : throw new WorkflowDefinitionException(source, [new DefinitionProblem(null, "version-taken", definition.Version, definition.DefinitionId)]);
        }

        db.WorkflowDefinitions.Add(new WorkflowDefinitionRecord
        {
            DefinitionId = definition.DefinitionId,
            Version = definition.Version,
            Json = json,
            Hash = hash,
            PublishedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        _versions[(definition.DefinitionId, definition.Version)] = definition;
        return true;
    }

    // Every problem at once: what could not be read, and what the validator and the host find in the rest (an
    // unreadable activity stands in for its own place in the flowchart). The definition only when it has no problem.
    private List<DefinitionProblem> CheckAll(string json, out WorkflowDefinition? definition)
    {
        var reading = DefinitionJson.Read(json);
        List<DefinitionProblem> problems = reading.Definition is { } read
            ? [.. reading.Problems.Concat(validator.Validate(read)).Concat(HostProblems(read.Flowchart)).Distinct()]
            : [.. reading.Problems];
        definition = problems.Count == 0 ? reading.Definition : null;
        return problems;
    }

    // What only the host can check: literal roles must be roles of Coordination, and every automated step must be one
    // this app has a handler for (else the instance would stop at it with an incident).
    private IEnumerable<DefinitionProblem> HostProblems(Flowchart flowchart)
    {
        foreach (var activity in flowchart.AllActivities)
        {
            if (activity is StepActivity step && !_stepKeys.Contains(step.StepKey))
            {
                yield return new DefinitionProblem(step.Id, "step-unknown", step.StepKey, _stepKeys.Order(StringComparer.Ordinal).ToList());
            }

            if (activity is HumanTaskActivity { Role.Literal: { } role } task && !Enum.TryParse<Role>(role, out _))
            {
                yield return new DefinitionProblem(task.Id, "role-unknown", role, Enum.GetNames<Role>());
            }

            if (activity is HumanTaskActivity { Escalation.Role.Literal: { } escalationRole } escalating && !Enum.TryParse<Role>(escalationRole, out _))
            {
                yield return new DefinitionProblem(escalating.Id, "escalation-role-unknown", escalationRole);
            }
        }
    }
}
