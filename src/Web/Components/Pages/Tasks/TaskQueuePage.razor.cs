using System.Globalization;
using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.WorkItems;
using Coordination.Web.Components.Forms;
using Coordination.Web.Features;
using Coordination.Web.Features.WorkItems;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Coordination.Web.Components.Pages.Tasks;

/// <summary>The task queues: mine, available to my role and agency, and my team's. Refreshes itself when tasks change
/// (in this process at once, from other servers within <see cref="RefreshInterval"/>).</summary>
public sealed partial class TaskQueuePage
{
    /// <summary>How often the queue refreshes even without a change notice.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(15);

    private MudTable<TaskRowDto>? _table;
    private int _tabIndex;
    private FraudType? _fraudType;
    private SlaState? _sla;
    private string? _step;
    private DateTime? _dueBefore;
    private IReadOnlyList<TaskRowDto> _rows = [];
    private int _selected = -1;
    private ITimer? _timer;
    private IReadOnlyList<SavedTaskFilterDto> _savedFilters = [];
    private SavedTaskFilterDto? _savedFilter;
    private string? _filterName;
    private readonly Dictionary<Guid, IReadOnlyList<AssigneeDto>> _assignees = [];
    private IReadOnlyList<TaskStepDto> _steps = [];
    private bool _isTeamLead;
    private bool _showsCaseFacts;
    private GetTaskQueueQuery? _lastQuery;
    private int _lastTotal;
    private int _refreshPending;
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    [SupplyParameterFromQuery(Name = "tab")]
    private string? TabName { get; set; }

    // A link from the team's workload opens the queue on one step, and on its late tasks.
    [SupplyParameterFromQuery(Name = "step")]
    private string? StepName { get; set; }

    [SupplyParameterFromQuery(Name = "sla")]
    private string? SlaName { get; set; }

    private int _tab
    {
        get => _tabIndex;
        set
        {
            if (_tabIndex != value)
            {
                _tabIndex = value;
                _selected = -1;
                _ = _table?.ReloadServerData();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Changes.Changed -= OnChanged;
        _timer?.Dispose();
    }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        // Only team leads re-balance work (the server checks it too); others see no assign menu.
        if (AuthenticationState is not null && (await AuthenticationState).User is { } principal)
        {
            var user = Coordination.Web.Security.CurrentUser.FromPrincipal(principal);
            _isTeamLead = user is not null && (user.Holds(Role.PoliceTeamLead) || user.Holds(Role.BankTeamLead));

            // Banks and Halt see a task's case number, never what kind of fraud it is (the server holds to that too).
            _showsCaseFacts = user?.SeesCaseFacts == true;
        }

        _savedFilters = await Mediator.Send(new ListSavedTaskFiltersQuery());
        _steps = await Mediator.Send(new ListTaskStepsQuery());
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _tabIndex = TabName switch { "available" => 1, "team" => 2, _ => 0 };
        _step = StepName is { Length: > 0 and <= WorkItem.ActivityIdMaxLength } step ? step : null;
        _sla = Enum.TryParse<SlaState>(SlaName, ignoreCase: false, out var sla) && Enum.IsDefined(sla) ? sla : null;
        Changes.Changed += OnChanged;
        _timer = Clock.CreateTimer(_ => OnChanged(this, EventArgs.Empty), null, RefreshInterval, RefreshInterval);
    }

    // Change notices and the timer arrive on pool threads, outside the circuit's culture; a burst of notices (a busy
    // team) coalesces into one refresh at a time, and the table is only redrawn when this user's page actually changed,
    // so a row the user is about to click does not vanish from under the pointer for nothing.
    private void OnChanged(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref _refreshPending, 1) == 1)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
            Interlocked.Exchange(ref _refreshPending, 0);
            if (_table is null || _lastQuery is null)
            {
                return;
            }

            var page = await Mediator.Send(_lastQuery);
            if (page.Total != _lastTotal || !page.Items.SequenceEqual(_rows, TaskRowComparer.Instance))
            {
                await _table.ReloadServerData();
            }

            // Either way the ages and SLA badges are redrawn against the clock; an unchanged list keeps its DOM nodes.
            StateHasChanged();
        });
    }

    private async Task<TableData<TaskRowDto>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var sort = state.SortLabel switch { "CaseNumber" => TaskSort.CaseNumber, "Age" => TaskSort.Age, _ => TaskSort.DueAt };
        var filter = CurrentFilter();
        var list = _tab switch { 1 => TaskList.Available, 2 => TaskList.Team, _ => TaskList.Mine };
        var query = new GetTaskQueueQuery(list, filter, sort, state.SortDirection == SortDirection.Descending, state.Page, state.PageSize);
        var page = await Mediator.Send(query, cancellationToken);
        _lastQuery = query;
        _lastTotal = page.Total;
        _rows = page.Items;
        _selected = Math.Min(_selected, _rows.Count - 1);
        return new TableData<TaskRowDto> { Items = page.Items, TotalItems = page.Total };
    }

    private Task ApplyFiltersAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private TaskFilter CurrentFilter() =>
        new(string.IsNullOrWhiteSpace(_step) ? null : _step, _showsCaseFacts ? _fraudType : null, _sla, _dueBefore is { } d ? new DateTimeOffset(d.Date.AddDays(1)) : null);

    private async Task UseSavedFilterAsync(SavedTaskFilterDto? saved)
    {
        _savedFilter = saved;
        if (saved is not null)
        {
            _step = saved.Filter.Step;
            _fraudType = saved.Filter.FraudType;
            _sla = saved.Filter.Sla;
            _dueBefore = saved.Filter.DueBefore?.Date.AddDays(-1);
            _filterName = saved.Name;
            _tab = saved.List switch { TaskList.Available => 1, TaskList.Team => 2, _ => 0 };
        }

        await ApplyFiltersAsync();
    }

    private async Task SaveFilterAsync()
    {
        var list = _tab switch { 1 => TaskList.Available, 2 => TaskList.Team, _ => TaskList.Mine };
        var result = await Mediator.Send(new SaveTaskFilterCommand(_filterName ?? string.Empty, list, CurrentFilter()));
        Snackbar.Add(result.Succeeded ? L["FilterSaved", _filterName ?? string.Empty] : ErrorText(result), result.Succeeded ? Severity.Success : Severity.Warning);
        _savedFilters = await Mediator.Send(new ListSavedTaskFiltersQuery());
    }

    private async Task DeleteFilterAsync()
    {
        if (_savedFilter is { } saved)
        {
            await Mediator.Send(new DeleteSavedTaskFilterCommand(saved.Id));
            _savedFilter = null;
            _savedFilters = await Mediator.Send(new ListSavedTaskFiltersQuery());
        }
    }

    private async Task ClaimAsync(TaskRowDto row)
    {
        var result = await Mediator.Send(new ClaimWorkItemCommand(row.Id));
        if (result.Succeeded)
        {
            Snackbar.Add(L["Claimed", TitleOf(row)], Severity.Success);
            Navigation.NavigateTo($"tasks/{row.Id}");
        }
        else
        {
            Snackbar.Add(ErrorText(result), Severity.Warning);
            await ApplyFiltersAsync();
        }
    }

    private async Task ReleaseAsync(TaskRowDto row)
    {
        var result = await Mediator.Send(new ReleaseWorkItemCommand(row.Id));
        Snackbar.Add(result.Succeeded ? L["Released", TitleOf(row)] : ErrorText(result), result.Succeeded ? Severity.Info : Severity.Warning);
        await ApplyFiltersAsync();
    }

    // The colleagues are looked up when a lead opens a row's menu: who holds which role can change during the day.
    private async Task LoadAssigneesAsync(TaskRowDto row, bool open)
    {
        if (open)
        {
            _assignees[row.Id] = await Mediator.Send(new ListAssigneesQuery(row.Id)) ?? [];
        }
    }

    private async Task AssignAsync(TaskRowDto row, AssigneeDto member)
    {
        var result = await Mediator.Send(new AssignWorkItemCommand(row.Id, member.UserName));
        Snackbar.Add(result.Succeeded ? L["Assigned", TitleOf(row), member.DisplayName] : ErrorText(result), result.Succeeded ? Severity.Success : Severity.Warning);
        await ApplyFiltersAsync();
    }

    // Keyboard: ↑/↓ move through the list, Enter opens, C claims (Available).
    private async Task OnKeyAsync(KeyboardEventArgs e)
    {
        if (_rows.Count == 0)
        {
            return;
        }

        switch (e.Key)
        {
            case "ArrowDown":
                Select(Math.Min(_selected + 1, _rows.Count - 1));
                break;
            case "ArrowUp":
                Select(Math.Max(_selected - 1, 0));
                break;
            case "Enter" when _selected >= 0:
                Navigation.NavigateTo($"tasks/{_rows[_selected].Id}");
                break;
            case "c" or "C" when _selected >= 0 && _tab == 1:
                await ClaimAsync(_rows[_selected]);
                break;
        }
    }

    private void Select(int index) => _selected = index;

    private void Select(TaskRowDto? row) => _selected = row is null ? -1 : _rows.ToList().FindIndex(r => r.Id == row.Id);

    private string RowClass(TaskRowDto row, int index) => index == _selected ? "task-row-selected" : string.Empty;

    // A saved filter may name a step that has no open task now: it still shows, by its id.
    private string? StepTitle(string? activityId) =>
        activityId is null ? null
        : _steps.FirstOrDefault(s => s.ActivityId == activityId) is { } step
            ? DisplayText.InUserLanguage(step.Title, step.TitleEnglish)
            : activityId;

    private static string TitleOf(TaskRowDto row) => DisplayText.InUserLanguage(row.Title, row.TitleEnglish);

    private string AgeOf(TaskRowDto row) => TaskAge.Text(L, row.CreatedAt, Clock.GetUtcNow());

    private string ErrorText(Result result) => L.ErrorText(result);

    // Rows compare by what the user acts on (which task, who holds it, when it is due and how late); the age is not
    // compared because every refresh redraws it from the clock.
    private sealed class TaskRowComparer : IEqualityComparer<TaskRowDto>
    {
        public static readonly TaskRowComparer Instance = new();

        public bool Equals(TaskRowDto? x, TaskRowDto? y) =>
            x is not null && y is not null && x.Id == y.Id && x.Status == y.Status && x.Assignee == y.Assignee && x.DueAt == y.DueAt && x.Sla == y.Sla && x.Escalated == y.Escalated;

        public int GetHashCode(TaskRowDto obj) => obj.Id.GetHashCode();
    }
}
