using Coordination.Domain.WorkItems;
using System.Text.Json;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.WorkItems;

/// <summary>A queue filter a user saved under a name, to reuse it; stored on the server, per user.</summary>
public sealed class SavedTaskFilter
{
    /// <summary>Maximum length of <see cref="Name"/>.</summary>
    public const int NameMaxLength = 80;

    /// <summary>Identity.</summary>
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Whose filter it is.</summary>
    public string UserName { get; set; } = string.Empty;

    /// <summary>The name the user gave it.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The queue it applies to.</summary>
    public TaskList List { get; set; }

    /// <summary>The filter as JSON.</summary>
    public string FilterJson { get; set; } = "{}";
}

/// <summary>A saved filter as the queue page shows it.</summary>
public sealed record SavedTaskFilterDto(Guid Id, string Name, TaskList List, TaskFilter Filter);

/// <summary>Saves (or replaces, by name) a queue filter for the signed-in user.</summary>
public sealed record SaveTaskFilterCommand(string Name, TaskList List, TaskFilter Filter) : ICommand<Result>;

/// <summary>The signed-in user's saved filters.</summary>
public sealed record ListSavedTaskFiltersQuery : IQuery<IReadOnlyList<SavedTaskFilterDto>>;

/// <summary>Deletes one of the signed-in user's saved filters.</summary>
public sealed record DeleteSavedTaskFilterCommand(Guid Id) : ICommand<Result>;

internal sealed class SavedTaskFiltersHandler(SystemDbContexts contexts, UserContext users)
    : ICommandHandler<SaveTaskFilterCommand, Result>, IQueryHandler<ListSavedTaskFiltersQuery, IReadOnlyList<SavedTaskFilterDto>>, ICommandHandler<DeleteSavedTaskFilterCommand, Result>
{
    // Preferences, not case data: every query is scoped to the signed-in user's own rows by hand.
    public async ValueTask<Result> Handle(SaveTaskFilterCommand command, CancellationToken cancellationToken)
    {
        var name = command.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > SavedTaskFilter.NameMaxLength)
        {
            return Result.Fail("filter.name", $"Give the filter a name of 1 to {SavedTaskFilter.NameMaxLength} characters.");
        }

        // A step is an activity id; a longer one (typed into the address) is no step and would not fit the column.
        if (command.Filter?.Step is { Length: > WorkItem.ActivityIdMaxLength })
        {
            return Result.Fail("filter.step", $"A step name is at most {WorkItem.ActivityIdMaxLength} characters.", WorkItem.ActivityIdMaxLength);
        }

        var user = (await users.GetAsync())!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var filter = await db.SavedTaskFilters.FirstOrDefaultAsync(f => f.UserName == user.UserName && f.Name == name, cancellationToken);
        if (filter is null)
        {
            filter = new SavedTaskFilter { UserName = user.UserName, Name = name };
            db.SavedTaskFilters.Add(filter);
        }

        filter.List = command.List;
        filter.FilterJson = JsonSerializer.Serialize(command.Filter);
        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok;
    }

    public async ValueTask<IReadOnlyList<SavedTaskFilterDto>> Handle(ListSavedTaskFiltersQuery query, CancellationToken cancellationToken)
    {
        var user = (await users.GetAsync())!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.SavedTaskFilters.AsNoTracking().Where(f => f.UserName == user.UserName).OrderBy(f => f.Name).ToListAsync(cancellationToken);
        return [.. rows.Select(f => new SavedTaskFilterDto(f.Id, f.Name, f.List, JsonSerializer.Deserialize<TaskFilter>(f.FilterJson) ?? new TaskFilter()))];
    }

    public async ValueTask<Result> Handle(DeleteSavedTaskFilterCommand command, CancellationToken cancellationToken)
    {
        var user = (await users.GetAsync())!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deleted = await db.SavedTaskFilters.Where(f => f.Id == command.Id && f.UserName == user.UserName).ExecuteDeleteAsync(cancellationToken);
        return deleted == 1 ? Result.Ok : Result.NotFound;
    }
}
