using System.Globalization;
using Bunit;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using NSubstitute;

namespace Coordination.Web.Tests.Components;

/// <summary>
/// A bUnit context set up like the app's circuit: MudBlazor services and providers, the real localized resources in
/// the chosen culture, a faked mediator (the one port a component talks to), a fake clock and the task-change notices.
/// The culture is restored when the context is disposed.
/// </summary>
internal sealed class ComponentTestContext : BunitContext
{
    /// <summary>Monday 2 March 2026, 09:00 UTC: the moment the tests happen.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly CultureInfo _previousCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _previousUiCulture = CultureInfo.CurrentUICulture;

    private ComponentTestContext(string culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();

        // When the app supplies MudBlazor's own texts (pager, "Required") through a MudLocalizer, use it here too.
        foreach (var localizer in typeof(SharedResource).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(MudLocalizer)) && !t.IsAbstract))
        {
            Services.AddTransient(typeof(MudLocalizer), localizer);
        }

        Services.AddLocalization();
        Services.AddSingleton(Mediator);
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton(Changes);

        // Selects, date pickers and snackbars need their providers, as MainLayout gives them in the app.
        RenderTree.Add<MudProviders>();
    }

    /// <summary>The mediator the components send their queries and commands to.</summary>
    public IMediator Mediator { get; } = Substitute.For<IMediator>();

    /// <summary>The clock.</summary>
    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>The in-process notice that tasks changed.</summary>
    public WorkItemChanges Changes { get; } = new();

    /// <summary>Where the component navigated to.</summary>
    public NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    /// <summary>The snackbars the component showed.</summary>
    public IReadOnlyList<string> SnackbarMessages =>
        [.. Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? string.Empty)];

    /// <summary>A context in Dutch (the app's default language).</summary>
    public static ComponentTestContext Dutch() => new("nl-NL");

    /// <summary>A context in English (the language switch).</summary>
    public static ComponentTestContext English() => new("en-GB");

    /// <summary>Answers every query of one type with what <paramref name="answer"/> returns for it.</summary>
    public void OnQuery<TQuery, TResponse>(Func<TQuery, TResponse> answer)
        where TQuery : IQuery<TResponse>
    {
#pragma warning disable CA2012 // NSubstitute configures a call by making it; these ValueTasks are never awaited twice.
        Mediator.Send(Arg.Any<TQuery>(), Arg.Any<CancellationToken>()).Returns(call => ValueTask.FromResult(answer(call.ArgAt<TQuery>(0))));
#pragma warning restore CA2012
    }

    /// <summary>Answers every command of one type with what <paramref name="answer"/> returns for it.</summary>
    public void OnCommand<TCommand, TResponse>(Func<TCommand, TResponse> answer)
        where TCommand : ICommand<TResponse>
    {
#pragma warning disable CA2012 // NSubstitute configures a call by making it; these ValueTasks are never awaited twice.
        Mediator.Send(Arg.Any<TCommand>(), Arg.Any<CancellationToken>()).Returns(call => ValueTask.FromResult(answer(call.ArgAt<TCommand>(0))));
#pragma warning restore CA2012
    }

    /// <summary>The messages of one type sent to the mediator so far, in order.</summary>
    public IReadOnlyList<T> Sent<T>() =>
        [.. Mediator.ReceivedCalls().Where(c => c.GetMethodInfo().Name == nameof(IMediator.Send)).Select(c => c.GetArguments()[0]).OfType<T>()];

    // MudBlazor's services are only asynchronously disposable: use `await using`. DisposeAsync ends here too. The
    // culture is async-local, so it never leaks out of a test method; restoring it keeps the rest of that method clean.

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        CultureInfo.CurrentCulture = _previousCulture;
        CultureInfo.CurrentUICulture = _previousUiCulture;
    }

    /// <summary>The providers MainLayout renders around every page.</summary>
    private sealed class MudProviders : ComponentBase
    {
        [Parameter]
        public RenderFragment? ChildContent { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(1);
            builder.CloseComponent();
            builder.AddContent(2, ChildContent);
        }
    }
}
