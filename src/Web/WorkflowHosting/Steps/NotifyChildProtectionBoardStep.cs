using System.Globalization;
using System.Text.Json.Nodes;
using Coordination.Workflow.Runtime;

namespace Coordination.Web.WorkflowHosting.Steps;

/// <summary>
/// S15: the police must tell the Child Protection Board (Raad voor de Kinderbescherming) when a minor becomes a
/// suspect. Coordination has no connection to the Board's systems yet, so this records the notification (in the log,
/// by ids only: no personal data) and the moment, which the workflow keeps as a milestone on the case.
/// </summary>
internal sealed partial class NotifyChildProtectionBoardStep(TimeProvider clock, ILogger<NotifyChildProtectionBoardStep> logger) : IStepHandler
{
    public string StepKey => "notify-child-protection-board";

    public Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caseId = StepValues.Id(context.Input, "caseId");
        var suspectId = StepValues.Id(context.Input, "suspectId");
        var at = clock.GetUtcNow();
        LogNotified(logger, caseId, suspectId);
        return Task.FromResult(StepResult.Done(new JsonObject { ["notifiedAt"] = at.ToString("O", CultureInfo.InvariantCulture) }));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Child Protection Board notified: minor suspect {SuspectId} in case {CaseId}")]
    private static partial void LogNotified(ILogger logger, Guid caseId, Guid suspectId);
}
