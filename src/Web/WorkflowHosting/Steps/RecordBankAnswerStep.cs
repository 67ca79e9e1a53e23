using System.Text.Json.Nodes;
using Coordination.Domain.Accounts;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Web.Persistence;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.WorkflowHosting.Steps;

/// <summary>
/// S11–S12: records a bank's answer to a production order on the case and the account: the holder, the onward
/// transfers (counter-IBAN, amount, moment), the cash-outs and whether the funds were frozen. Answers the accounts
/// this account reached first (<see cref="MuleChain.AccountsFirstReachedFrom"/>, in recording order), so when two accounts pay into the
/// same one, only one trace follows it, and a repeated run gives the same accounts.
/// </summary>
/// <remarks>
/// Inputs: <c>transfers</c> <c>[{ toIban, amount, at }]</c>, <c>cashOuts</c> <c>[{ amount, at, method }]</c> (method:
/// AtmWithdrawal, Crypto, GiftCards, Other), <c>frozen</c>, <c>holderName</c>, <c>holderDateOfBirth</c>.
/// Outputs: <c>newAccounts</c> (<c>{ iban, bankCode, bankKnown, abroad }</c>), <c>cashedOut</c>, <c>refusal</c> and
/// <c>refusalCode</c> (null, or why the answer was refused: outcome <c>Refused</c>, nothing recorded).
/// </remarks>
internal sealed class RecordBankAnswerStep(SystemDbContexts contexts, TimeProvider clock) : IStepHandler
{
    public string StepKey => "record-bank-answer";

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await RecordAsync(context.Input, cancellationToken);
        }
        catch (DomainException refused)
        {
            // The bank's answer breaks a rule (its own account as a counter-account, a name too long): nothing is
            // recorded and the bank gets the task back with the reason.
            return StepValues.Refused(refused, new JsonObject { ["newAccounts"] = new JsonArray(), ["cashedOut"] = false });
        }
    }

    private async Task<StepResult> RecordAsync(JsonObject input, CancellationToken cancellationToken)
    {
        var caseId = CaseId.From(StepValues.Id(input, "caseId"));
        var iban = Iban.Parse(StepValues.Text(input, "iban"));
        var answeredAt = clock.GetUtcNow();
        var transfers = StepValues.Objects(input, "transfers")
            .Select(t => new Transfer(
                TransferKind.Onward,
                iban,
                Iban.Parse(StepValues.OptionalText(t, "toIban")),
                Money.Eur(StepValues.Number(t["amount"]) ?? 0m),
                StepValues.Moment(t["at"]) ?? answeredAt))
            .ToList();
        var cashOuts = StepValues.Objects(input, "cashOuts")
            .Select(c => new CashOut(
                iban,
                Money.Eur(StepValues.Number(c["amount"]) ?? 0m),
                StepValues.Moment(c["at"]) ?? answeredAt,
                Enum.TryParse<CashOutMethod>(StepValues.OptionalText(c, "method"), out var method) && Enum.IsDefined(method) ? method : CashOutMethod.Other))
            .ToList();

        await StepValues.SaveAsync(contexts, async db =>
        {
            var fraudCase = await db.Cases.FirstAsync(c => c.Id == caseId, cancellationToken);
            var banks = await StepValues.BanksAsync(db, cancellationToken);
            var account = await StepValues.AccountAsync(db, iban, banks, clock, cancellationToken);
            await StepValues.MarkTracedAsync(db, caseId, iban, clock, cancellationToken);
            if (StepValues.OptionalText(input, "holderName") is { } holder)
            {
                account.Identify(holder, StepValues.Date(input["holderDateOfBirth"]), clock);
            }

            if (StepValues.Flag(input["frozen"]) && account.Status is not (AccountStatus.Frozen or AccountStatus.Blocked or AccountStatus.Closed))
            {
                account.Freeze(clock);
            }

            foreach (var transfer in transfers)
            {
                fraudCase.RecordTransfer(transfer);
                await StepValues.AccountAsync(db, transfer.ToIban, banks, clock, cancellationToken);
            }

            foreach (var cashOut in cashOuts)
            {
                fraudCase.RecordCashOut(cashOut);
            }

            return true;
        }, cancellationToken);

        // Recording order is the order of the transfers' keys; loading the case does not keep it, so ask for it.
        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        var recorded = await read.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .SelectMany(c => c.Transfers)
            .OrderBy(t => EF.Property<int>(t, "Id"))
            .ToListAsync(cancellationToken);
        var banks = await StepValues.BanksAsync(read, cancellationToken);
        return StepResult.Done(new JsonObject
        {
            ["newAccounts"] = new JsonArray([.. MuleChain.AccountsFirstReachedFrom(recorded, iban).Select(a => (JsonNode)StepValues.Describe(a, banks))]),
            ["cashedOut"] = cashOuts.Count > 0,
            ["refusal"] = null,
            ["refusalCode"] = null,
        });
    }
}
