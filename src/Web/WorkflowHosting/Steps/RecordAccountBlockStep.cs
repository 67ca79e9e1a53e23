using Coordination.Domain.Accounts;
using Coordination.Domain.Common;
using Coordination.Web.Persistence;
using Coordination.Workflow.Runtime;

namespace Coordination.Web.WorkflowHosting.Steps;

/// <summary>S5: records that the bank blocked the account it was signalled about (a second run changes nothing).</summary>
internal sealed class RecordAccountBlockStep(SystemDbContexts contexts, TimeProvider clock) : IStepHandler
{
    public string StepKey => "record-account-block";

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var iban = Iban.Parse(StepValues.Text(context.Input, "iban"));
        await StepValues.SaveAsync(contexts, async db =>
        {
            var account = await StepValues.AccountAsync(db, iban, await StepValues.BanksAsync(db, cancellationToken), clock, cancellationToken);
            if (account.Status is not (AccountStatus.Blocked or AccountStatus.Closed))
            {
                account.Block(clock);
            }

            return true;
        }, cancellationToken);
        return StepResult.Done();
    }
}
