using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Web.Persistence;
using Coordination.Workflow.Runtime;

namespace Coordination.Web.WorkflowHosting.Steps;

/// <summary>
/// S4 (DP2): claims the bank signal for an IBAN that reached the report threshold. The account record keeps which case
/// signalled it, so the bank gets exactly one signal per IBAN ever: a fourth report, or two cases reaching the
/// threshold at the same moment, leave <c>AlreadySent</c>; this case running the step again leaves <c>Send</c> again.
/// </summary>
internal sealed class BankSignalStep(SystemDbContexts contexts, TimeProvider clock) : IStepHandler
{
    public const string Send = "Send";
    public const string AlreadySent = "AlreadySent";

    public string StepKey => "bank-signal";

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caseId = CaseId.From(StepValues.Id(context.Input, "caseId"));
        var iban = Iban.Parse(StepValues.Text(context.Input, "iban"));
        var holds = await StepValues.SaveAsync(contexts, async db =>
        {
            var account = await StepValues.AccountAsync(db, iban, await StepValues.BanksAsync(db, cancellationToken), clock, cancellationToken);
            return account.TryMarkSignalled(caseId, clock);
        }, cancellationToken);
        return new StepResult(holds ? Send : AlreadySent, []);
    }
}
