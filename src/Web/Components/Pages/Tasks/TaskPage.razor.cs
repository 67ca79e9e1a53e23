using Coordination.Web.Components.Forms;
using Coordination.Web.Features;
using Coordination.Web.Features.WorkItems;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coordination.Web.Components.Pages.Tasks;

/// <summary>One task: claim it, fill in its form, complete it with an outcome. A refusal or conflict keeps what was
/// entered and says what happened.</summary>
public sealed partial class TaskPage
{
    private WorkItemDto? _task;
    private bool _loading = true;
    private bool _busy;
    private string? _error;
    private GenericTaskForm? _generic;
    private BankAnswerForm? _bankAnswer;
    private SuspectsForm? _suspects;
    private DispositionForm? _disposition;

    /// <summary>The task.</summary>
    [Parameter]
    public Guid Id { get; set; }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _task = await Mediator.Send(new GetWorkItemQuery(Id));
        _loading = false;
    }

    private async Task ClaimAsync()
    {
        _busy = true;
        var result = await Mediator.Send(new ClaimWorkItemCommand(Id));
        _busy = false;
        if (Handle(result, L["Claimed", TitleOf(_task!)]))
        {
            _task = await Mediator.Send(new GetWorkItemQuery(Id));
        }
    }

    private async Task ReleaseAsync()
    {
        _busy = true;
        var result = await Mediator.Send(new ReleaseWorkItemCommand(Id));
        _busy = false;
        if (Handle(result, L["Released", TitleOf(_task!)]))
        {
            Navigation.NavigateTo("tasks");
        }
    }

    private async Task CompleteAsync(string outcome)
    {
        _error = null;
        string? data;
        if (_bankAnswer is not null)
        {
            data = _bankAnswer.TryGetJson(out var problem);
            _error = problem;
        }
        else if (_suspects is not null)
        {
            data = _suspects.TryGetJson(out var problem);
            _error = problem;
        }
        else if (_disposition is not null)
        {
            data = _disposition.TryGetJson(outcome, out var problem);
            _error = problem;
        }
        else if (_generic is not null)
        {
            data = _generic.TryGetJson(outcome, out var problem);
            _error = problem;
        }
        else
        {
            data = null;
        }

        if (_error is not null)
        {
            return;
        }

        _busy = true;
        var result = await Mediator.Send(new CompleteWorkItemCommand(Id, outcome, data));
        _busy = false;
        if (Handle(result, L["TaskCompleted", TitleOf(_task!)]))
        {
            Navigation.NavigateTo("tasks");
        }
    }

    // The form keeps its values: only the message changes on a refusal.
    private bool Handle(Result result, string success)
    {
        if (result.Succeeded)
        {
            Snackbar.Add(success, Severity.Success);
            return true;
        }

        _error = L.ErrorText(result);
        return false;
    }

    // The reason in the user's language when it has a text for its code; the recorded English reason otherwise.
    // The refusal's own words are the one value a text may name (a rejected order's reason); other texts ignore them.
    private string RefusalText(WorkItemDto task) => L.ErrorText(task.RefusalCode, [task.Refusal], task.Refusal);

    private string OutcomeLabel(string outcome) => L["Outcome." + outcome] is { ResourceNotFound: false } localized ? localized : outcome;

    private static string TitleOf(WorkItemDto task) => DisplayText.InUserLanguage(task.Title, task.TitleEnglish);
}
