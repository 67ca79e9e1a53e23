using Coordination.Domain.Common;

namespace Coordination.Domain.Cases;

/// <summary>An account in a mule chain.</summary>
/// <param name="Iban">The account.</param>
/// <param name="Line">1 = received the victim's money; n + 1 = received from a line-n account (shortest path).</param>
/// <param name="IsCashOutPoint">Money left the chain here.</param>
/// <param name="Received">Total received through the chain's transfers.</param>
/// <param name="CashedOut">Total that left the chain here.</param>
public sealed record MuleChainNode(Iban Iban, int Line, bool IsCashOutPoint, Money Received, Money CashedOut);

/// <summary>Money moved between two accounts of the chain (summed over all transfers between them).</summary>
public sealed record MuleChainEdge(Iban From, Iban To, Money Amount, int TransferCount);

/// <summary>
/// The graph of accounts joined by transfers, starting at the accounts that received the victims' payments. Pure:
/// built from the case's transfers and cash-outs every time, so it can never disagree with them.
/// </summary>
public sealed class MuleChain
{
    private MuleChain(IReadOnlyList<MuleChainNode> nodes, IReadOnlyList<MuleChainEdge> edges)
    {
        Nodes = nodes;
        Edges = edges;
    }

    /// <summary>Accounts ordered by line, then IBAN.</summary>
    public IReadOnlyList<MuleChainNode> Nodes { get; }

    /// <summary>Edges between chain accounts (victim payments are not edges; their targets are line 1).</summary>
    public IReadOnlyList<MuleChainEdge> Edges { get; }

    /// <summary>The deepest line reached.</summary>
    public int Depth => Nodes.Count == 0 ? 0 : Nodes.Max(n => n.Line);

    /// <summary>The node of an account, or null when it is not in the chain.</summary>
    public MuleChainNode? Find(Iban iban) => Nodes.FirstOrDefault(n => n.Iban == iban);

    /// <summary>
    /// The accounts the money trail first reached from <paramref name="account"/>: those whose earliest recorded
    /// incoming transfer is an onward transfer from it. Every account of a chain is first reached from exactly one
    /// place (a victim's payment or one account), so following only the accounts an account reached first follows each
    /// account once, even when two accounts pay into the same one; and asking again after more transfers were recorded
    /// gives the same answer.
    /// </summary>
    /// <param name="transfersInRecordingOrder">The case's transfers in the order they were recorded (not the order the
    /// payments were made: a later bank answer may show an earlier payment).</param>
    /// <param name="account">The account whose onward trail is asked for.</param>
    public static IReadOnlyList<Iban> AccountsFirstReachedFrom(IEnumerable<Transfer> transfersInRecordingOrder, Iban account)
    {
        ArgumentNullException.ThrowIfNull(transfersInRecordingOrder);
        ArgumentNullException.ThrowIfNull(account);
        var first = new Dictionary<Iban, Transfer>();
        foreach (var transfer in transfersInRecordingOrder)
        {
            first.TryAdd(transfer.ToIban, transfer);
        }

        return [.. first.Values.Where(t => t.Kind == TransferKind.Onward && t.FromIban == account).Select(t => t.ToIban)];
    }

    /// <summary>Builds the chain with a breadth-first walk from the line-1 accounts.</summary>
    /// <param name="transfers">The case's payments.</param>
    /// <param name="cashOuts">The case's cash-outs.</param>
    /// <param name="reportedAccounts">The accounts the reports say the victims paid into. They are on line 1 even while
    /// no payment into them is recorded: a victim who paid into two accounts rarely says how the damage was split, so
    /// only the banks' answers show the amounts.</param>
    public static MuleChain Build(IEnumerable<Transfer> transfers, IEnumerable<CashOut> cashOuts, IEnumerable<Iban>? reportedAccounts = null)
    {
        ArgumentNullException.ThrowIfNull(transfers);
        ArgumentNullException.ThrowIfNull(cashOuts);
        var all = transfers.ToList();
        var cashOutByIban = cashOuts.GroupBy(c => c.Iban).ToDictionary(g => g.Key, g => Money.Sum(g.Select(c => c.Amount)));
        var victims = all.Where(t => t.Kind == TransferKind.VictimPayment).Select(t => t.FromIban).ToHashSet();

        var lines = new Dictionary<Iban, int>();
        var queue = new Queue<Iban>();
        var firstLine = all.Where(t => t.Kind == TransferKind.VictimPayment).Select(t => t.ToIban)
            .Concat((reportedAccounts ?? []).Where(a => !victims.Contains(a)));
        foreach (var first in firstLine)
        {
            if (lines.TryAdd(first, 1))
            {
                queue.Enqueue(first);
            }
        }

        var onwardByFrom = all.Where(t => t.Kind == TransferKind.Onward).ToLookup(t => t.FromIban);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var next in onwardByFrom[current].Select(t => t.ToIban))
            {
                if (lines.TryAdd(next, lines[current] + 1))
                {
                    queue.Enqueue(next);
                }
            }
        }

        var edges = all
            .Where(t => t.Kind == TransferKind.Onward && lines.ContainsKey(t.FromIban))
            .GroupBy(t => (t.FromIban, t.ToIban))
            .Select(g => new MuleChainEdge(g.Key.FromIban, g.Key.ToIban, Money.Sum(g.Select(t => t.Amount)), g.Count()))
            .OrderBy(e => lines[e.From]).ThenBy(e => e.From.Value, StringComparer.Ordinal).ThenBy(e => e.To.Value, StringComparer.Ordinal)
            .ToList();

        var received = all.Where(t => lines.ContainsKey(t.ToIban))
            .GroupBy(t => t.ToIban)
            .ToDictionary(g => g.Key, g => Money.Sum(g.Select(t => t.Amount)));

        var nodes = lines
            .Select(kv => new MuleChainNode(
                kv.Key,
                kv.Value,
                cashOutByIban.ContainsKey(kv.Key),
                received.GetValueOrDefault(kv.Key, Money.Zero),
                cashOutByIban.GetValueOrDefault(kv.Key, Money.Zero)))
            .OrderBy(n => n.Line).ThenBy(n => n.Iban.Value, StringComparer.Ordinal)
            .ToList();
        return new MuleChain(nodes, edges);
    }
}
