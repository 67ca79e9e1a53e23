using System.Buffers;

namespace Coordination.Workflow.Expressions;

/// <summary>
/// Collects a serialized expression result and refuses to grow past a byte budget, so that a huge result fails
/// with a limit message instead of being copied into memory in full.
/// </summary>
internal sealed class BoundedBufferWriter(long maxBytes) : IBufferWriter<byte>
{
    private readonly ArrayBufferWriter<byte> _inner = new();

    public ReadOnlySpan<byte> WrittenSpan => _inner.WrittenSpan;

    public void Advance(int count) => _inner.Advance(count);

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureRoom(sizeHint);
        return _inner.GetMemory(sizeHint);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureRoom(sizeHint);
        return _inner.GetSpan(sizeHint);
    }

    private void EnsureRoom(int sizeHint)
    {
        if (_inner.WrittenCount + (long)Math.Max(sizeHint, 1) > maxBytes)
        {
            throw new MemoryBudgetExceededException();
        }
    }
}
