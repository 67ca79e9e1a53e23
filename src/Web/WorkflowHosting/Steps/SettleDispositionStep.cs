using Coordination.Domain.Dispositions;
using Coordination.Web.Persistence;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.WorkflowHosting.Steps;

/// <summary>
/// S18–S19: carries a disposition to its end: <c>objection</c> (the suspect objected to the penalty order in time),
/// <c>final</c> (the objection window passed), <c>completed</c> or <c>failed</c> (a Halt or Hack_Right referral). A
/// disposition already in the state the action leads to is left alone, so a repeated run changes nothing.
/// </summary>
internal sealed class SettleDispositionStep(SystemDbContexts contexts, TimeProvider clock) : IStepHandler
{
    public string StepKey => "settle-disposition";

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = DispositionId.From(StepValues.Id(context.Input, "dispositionId"));
        var action = StepValues.Text(context.Input, "action");
        var target = action switch
        {
            "objection" => DispositionStatus.ObjectionFiled,
            "final" or "completed" => DispositionStatus.Final,
            "failed" => DispositionStatus.Failed,
            _ => throw new InvalidOperationException($"'{action}' is not a way to settle a disposition; use objection, final, completed or failed."),
        };

        await StepValues.SaveAsync(contexts, async db =>
        {
            var disposition = await db.Dispositions.FirstAsync(d => d.Id == id, cancellationToken);
            if (disposition.Status == target)
            {
                return true;
            }

            switch (action)
            {
                case "objection":
                    disposition.FileObjection(clock);
                    break;
                case "final":
                    disposition.MakeFinal(clock);
                    break;
                default:
                    disposition.RecordReferralOutcome(action == "completed", clock);
                    break;
            }

            return true;
        }, cancellationToken);
        return StepResult.Done();
    }
}
