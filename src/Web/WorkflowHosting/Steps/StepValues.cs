using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coordination.Domain.Accounts;
using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Web.Persistence;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.WorkflowHosting.Steps;

/// <summary>
/// What the case steps share: reading their JSON inputs, describing an account the way the definitions expect it
/// (<c>{ iban, bankCode, bankKnown, abroad }</c>), and saving with a retry when another step or user changed the same
/// aggregate at the same moment. Steps run outside the caller's unit of work (on a system context of their own) and
/// may run again after a crash, so every one of them is written to give the same answer when repeated.
/// </summary>
internal static class StepValues
{
    private const int SaveAttempts = 5;

    public static string Text(JsonObject input, string name) =>
        OptionalText(input, name) ?? throw new InvalidOperationException($"The step needs the input '{name}'.");

    public static string? OptionalText(JsonObject input, string name) => input[name] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetValue<string>()) => v.GetValue<string>().Trim(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => null,
    };

    public static Guid Id(JsonObject input, string name) =>
        Guid.TryParse(Text(input, name), CultureInfo.InvariantCulture, out var id) ? id : throw new InvalidOperationException($"The input '{name}' is not an id.");

    public static decimal? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<decimal>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String
            && decimal.TryParse(v.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    public static bool Flag(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => string.Equals(v.GetValue<string>(), "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    public static DateOnly? Date(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String
        && DateOnly.TryParse(v.GetValue<string>().Trim().Split('T')[0], CultureInfo.InvariantCulture, out var date)
            ? date
            : null;

    public static DateTimeOffset? Moment(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String
        && DateTimeOffset.TryParse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)
            ? moment.ToUniversalTime()
            : null;

    public static IEnumerable<JsonObject> Objects(JsonObject input, string name) =>
        input[name] is JsonArray array ? array.OfType<JsonObject>() : [];

    /// <summary>An account as the definitions see it: the bank code decides whose queue its tasks go to.</summary>
    public static JsonObject Describe(Iban iban, BankDirectory banks) => new()
    {
        ["iban"] = iban.Value,
        ["bankCode"] = iban.BankCode,
        ["bankKnown"] = banks.BankOf(iban) is not null,
        ["abroad"] = !iban.IsDutch,
    };

    public static async Task<BankDirectory> BanksAsync(CoordinationDbContext db, CancellationToken cancellationToken) =>
        BankDirectory.From(await db.Agencies.AsNoTracking().Where(a => a.Kind == AgencyKind.Bank).ToListAsync(cancellationToken));

    /// <summary>The account's record, registered (tracked, not yet saved) when this is the first case to meet it.</summary>
    public static async Task<BankAccount> AccountAsync(CoordinationDbContext db, Iban iban, BankDirectory banks, TimeProvider clock, CancellationToken cancellationToken)
    {
        var account = db.BankAccounts.Local.FirstOrDefault(a => a.Iban == iban) ?? await db.BankAccounts.FirstOrDefaultAsync(a => a.Iban == iban, cancellationToken);
        if (account is null)
        {
            account = BankAccount.Register(iban, banks, clock);
            db.BankAccounts.Add(account);
        }

        return account;
    }

    /// <summary>Records that the case traced the account (once), so its users see what is known about it.</summary>
    public static async Task MarkTracedAsync(CoordinationDbContext db, CaseId caseId, Iban iban, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!db.TracedAccounts.Local.Any(t => t.CaseId == caseId && t.Iban == iban)
            && !await db.TracedAccounts.AnyAsync(t => t.CaseId == caseId && t.Iban == iban, cancellationToken))
        {
            db.TracedAccounts.Add(TracedAccount.Record(caseId, iban, clock));
        }
    }

    /// <summary>
    /// What a person typed broke a domain rule, and nothing was saved: the step leaves through <c>Refused</c> with the
    /// reason (<c>refusal</c>, in English) and its code (<c>refusalCode</c>, for the user's language), so the workflow
    /// gives the task back with it instead of stopping at an incident that retrying cannot fix.
    /// </summary>
    public static StepResult Refused(DomainException refused, JsonObject outputs)
    {
        ArgumentNullException.ThrowIfNull(refused);
        ArgumentNullException.ThrowIfNull(outputs);
        outputs["refusal"] = refused.Message;
        outputs["refusalCode"] = refused.Code;
        return new StepResult("Refused", outputs);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a fresh system context and saves. When someone else saved the same aggregate
    /// first (its version moved on) or registered the same account (unique IBAN), the work runs again on fresh data.
    /// </summary>
    public static async Task<T> SaveAsync<T>(SystemDbContexts contexts, Func<CoordinationDbContext, Task<T>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var result = await work(db);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateException) when (attempt < SaveAttempts)
            {
                // DbUpdateConcurrencyException is a DbUpdateException too: both mean "read again and redo".
            }
        }
    }
}
