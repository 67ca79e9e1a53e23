using System.Reflection;
using Coordination.Domain.Audit;
using Shouldly;
using Xunit;
using static Coordination.Domain.Tests.TestData;

namespace Coordination.Domain.Tests.Audit;

public sealed class AuditEntryTests
{
    private static readonly Guid _agencyId = Guid.Parse("0195f3a4-0000-7000-8000-000000000001");

    [Fact]
    public void Append_First_StartsAtOneAfterTheGenesisHash()
    {
        var entry = Entry(previous: null);

        entry.Sequence.ShouldBe(1);
        entry.PreviousHash.ShouldBe(AuditEntry.GenesisHash);
        AuditEntry.GenesisHash.ShouldBe(new string('0', 64));
        entry.Hash.Length.ShouldBe(AuditEntry.HashLength);
        entry.Hash.ShouldMatch("^[0-9a-f]{64}$");
        entry.Hash.ShouldBe(entry.ComputeHash());
    }

    [Fact]
    public void Append_Next_ChainsToThePreviousHash()
    {
        var first = Entry(previous: null);

        var second = Entry(first);

        second.Sequence.ShouldBe(2);
        second.PreviousHash.ShouldBe(first.Hash);
        second.Hash.ShouldNotBe(first.Hash);
    }

    [Fact]
    public void Append_Fields_AreStoredWithTimeInUtc()
    {
        var at = new DateTimeOffset(2026, 3, 2, 11, 0, 0, TimeSpan.FromHours(1));

        var entry = AuditEntry.Append(
            null, at, "pieter", _agencyId, AuditAction.Read, "FraudCase", "case-1", "party-1", AuditResult.Denied, "10.0.0.1", "triage");

        entry.At.ShouldBe(at);
        entry.At.Offset.ShouldBe(TimeSpan.Zero);
        entry.Actor.ShouldBe("pieter");
        entry.OnBehalfOfAgencyId.ShouldBe(_agencyId);
        entry.Action.ShouldBe(AuditAction.Read);
        entry.ObjectType.ShouldBe("FraudCase");
        entry.ObjectId.ShouldBe("case-1");
        entry.SubjectId.ShouldBe("party-1");
        entry.Result.ShouldBe(AuditResult.Denied);
        entry.Origin.ShouldBe("10.0.0.1");
        entry.Purpose.ShouldBe("triage");
    }

    [Fact]
    public void Append_TimeWithSubMicrosecondTicks_IsTruncatedToMicrosecondsAndHashedSo()
    {
        // PostgreSQL stores microseconds; the hash must survive a round trip through it.
        var entry = Entry(previous: null, at: Now.AddTicks(15));

        entry.At.ShouldBe(Now.AddTicks(10));
        entry.Hash.ShouldBe(Entry(previous: null, at: Now.AddTicks(10)).Hash);
    }

    [Fact]
    public void Append_OverlongFields_AreTruncated()
    {
        var entry = AuditEntry.Append(
            null, Now, new string('a', 300), null, AuditAction.Search, new string('t', 100), new string('i', 100), null,
            AuditResult.Succeeded, new string('o', 200), new string('p', 600));

        entry.Actor.Length.ShouldBe(AuditEntry.ActorMaxLength);
        entry.ObjectType.Length.ShouldBe(AuditEntry.ObjectTypeMaxLength);
        entry.ObjectId!.Length.ShouldBe(AuditEntry.IdMaxLength);
        entry.Origin!.Length.ShouldBe(AuditEntry.OriginMaxLength);
        entry.Purpose!.Length.ShouldBe(AuditEntry.PurposeMaxLength);
        AuditChain.FirstBrokenLink([entry]).ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Append_NoActor_Throws(string? actor)
    {
        Should.Throw<ArgumentException>(() => AuditEntry.Append(
            null, Now, actor!, null, AuditAction.Read, "FraudCase", null, null, AuditResult.Succeeded, null, null));
    }

    [Fact]
    public void ComputeHash_SameInput_IsDeterministic()
    {
        var one = Entry(previous: null);
        var two = Entry(previous: null);

        two.Hash.ShouldBe(one.Hash);
        one.ComputeHash().ShouldBe(one.Hash);
        Entry(one).Hash.ShouldBe(Entry(two).Hash);
    }

    [Fact]
    public void ComputeHash_SameMomentInAnotherOffset_IsTheSame()
    {
        var utc = Entry(previous: null, at: Now);
        var local = Entry(previous: null, at: Now.ToOffset(TimeSpan.FromHours(2)));

        local.Hash.ShouldBe(utc.Hash);
    }

    [Theory]
    [InlineData("actor")]
    [InlineData("at")]
    [InlineData("action")]
    [InlineData("object")]
    [InlineData("result")]
    [InlineData("purpose")]
    [InlineData("agency")]
    public void ComputeHash_AnyFieldDiffers_IsDifferent(string field)
    {
        var baseline = Entry(previous: null);

        var changed = field switch
        {
            "actor" => Entry(previous: null, actor: "mallory"),
            "at" => Entry(previous: null, at: Now.AddTicks(TimeSpan.TicksPerMicrosecond)),
            "action" => Entry(previous: null, action: AuditAction.Export),
            "object" => Entry(previous: null, objectId: "case-2"),
            "result" => Entry(previous: null, result: AuditResult.Failed),
            "purpose" => Entry(previous: null, purpose: "curiosity"),
            _ => Entry(previous: null, agencyId: Guid.Parse("0195f3a4-0000-7000-8000-000000000002")),
        };

        changed.Hash.ShouldNotBe(baseline.Hash);
    }

    [Fact]
    public void FirstBrokenLink_IntactChainOfFive_IsNull()
    {
        AuditChain.FirstBrokenLink(Chain(5)).ShouldBeNull();
    }

    [Fact]
    public void FirstBrokenLink_EmptyTrail_IsNull()
    {
        AuditChain.FirstBrokenLink([]).ShouldBeNull();
    }

    [Theory]
    [InlineData(nameof(AuditEntry.Actor), "mallory")]
    [InlineData(nameof(AuditEntry.ObjectId), "case-999")]
    [InlineData(nameof(AuditEntry.Purpose), null)]
    [InlineData(nameof(AuditEntry.Result), AuditResult.Denied)]
    public void FirstBrokenLink_FieldOfEntry3Altered_Is3(string property, object? value)
    {
        var chain = Chain(5);
        var original = typeof(AuditEntry).GetProperty(property)!.GetValue(chain[2]);
        original.ShouldNotBe(value);

        SetPrivate(chain[2], property, value);

        AuditChain.FirstBrokenLink(chain).ShouldBe(3);
    }

    [Fact]
    public void FirstBrokenLink_Entry3AlteredAndRehashed_Is4()
    {
        // Recomputing the altered entry's own hash does not help: the next entry still points at the old one.
        var chain = Chain(5);
        SetPrivate(chain[2], nameof(AuditEntry.Actor), "mallory");
        SetPrivate(chain[2], nameof(AuditEntry.Hash), chain[2].ComputeHash());

        AuditChain.FirstBrokenLink(chain).ShouldBe(4);
    }

    [Fact]
    public void FirstBrokenLink_Entry2Removed_Is2()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);

        AuditChain.FirstBrokenLink(chain).ShouldBe(2);
    }

    [Fact]
    public void FirstBrokenLink_FirstEntryRemoved_Is1()
    {
        var chain = Chain(5);
        chain.RemoveAt(0);

        AuditChain.FirstBrokenLink(chain).ShouldBe(1);
    }

    [Theory]
    [InlineData(1, 2, 2)]
    [InlineData(3, 4, 4)]
    [InlineData(0, 4, 1)]
    public void FirstBrokenLink_TwoEntriesSwapped_IsTheFirstSwappedPosition(int first, int second, long expected)
    {
        var chain = Chain(5);
        (chain[first], chain[second]) = (chain[second], chain[first]);

        AuditChain.FirstBrokenLink(chain).ShouldBe(expected);
    }

    [Fact]
    public void FirstBrokenLink_EntryFromAnotherTrailSpliced_IsDetected()
    {
        var chain = Chain(5);
        var other = Chain(5, actor: "someone-else");
        chain[3] = other[3];

        AuditChain.FirstBrokenLink(chain).ShouldBe(4);
    }

    private static List<AuditEntry> Chain(int length, string actor = "pieter")
    {
        var entries = new List<AuditEntry>(length);
        AuditEntry? previous = null;
        for (var i = 0; i < length; i++)
        {
            previous = Entry(previous, actor: actor, at: Now.AddMinutes(i), objectId: $"case-{i}");
            entries.Add(previous);
        }

        return entries;
    }

    private static AuditEntry Entry(
        AuditEntry? previous,
        string actor = "pieter",
        DateTimeOffset? at = null,
        AuditAction action = AuditAction.Read,
        string? objectId = "case-1",
        AuditResult result = AuditResult.Succeeded,
        string? purpose = "triage",
        Guid? agencyId = null) =>
        AuditEntry.Append(
            previous, at ?? Now, actor, agencyId ?? _agencyId, action, "FraudCase", objectId, "party-1", result, "10.0.0.1", purpose);

    private static void SetPrivate(AuditEntry entry, string property, object? value) =>
        typeof(AuditEntry).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetValue(entry, value);
}
