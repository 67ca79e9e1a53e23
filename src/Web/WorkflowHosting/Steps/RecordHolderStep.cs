using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Web.Persistence;
using Coordination.Workflow.Runtime;

namespace Coordination.Web.WorkflowHosting.Steps;

/// <summary>S8: records the holder the Bank Data Referral Portal gave for the account (nothing when no name was given),
/// and that the case traced the account (so its users see what is known about it).</summary>
internal sealed class RecordHolderStep(SystemDbContexts contexts, TimeProvider clock) : IStepHandler
{
    public string StepKey => "record-holder";

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var iban = Iban.Parse(StepValues.Text(context.Input, "iban"));
        if (StepValues.OptionalText(context.Input, "holderName") is not { } holder)
        {
            return StepResult.Done();
        }

        var born = StepValues.Date(context.Input["holderDateOfBirth"]);
        var caseId = StepValues.OptionalText(context.Input, "caseId") is { } id ? CaseId.From(Guid.Parse(id)) : (CaseId?)null;
        await StepValues.SaveAsync(contexts, async db =>
        {
            var account = await StepValues.AccountAsync(db, iban, await StepValues.BanksAsync(db, cancellationToken), clock, cancellationToken);
            account.Identify(holder, born, clock);
            if (caseId is { } tracing)
            {
                await StepValues.MarkTracedAsync(db, tracing, iban, clock, cancellationToken);
            }

            return true;
        }, cancellationToken);
        return StepResult.Done();
    }
}
