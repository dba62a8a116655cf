using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dendrite.Tensors.Kernels;

/// <summary>64-byte-aligned, pinned scratch memory for packed GEMM panels, pooled per thread.</summary>
/// <remarks>
/// Each thread keeps a few buffers that grow on demand and are reused, so a warm GEMM allocates no
/// scratch. A buffer is marked in use while rented, so a nested call on the same thread (a worker
/// that runs another task while it waits) gets a different one. Each buffer has 64 bytes of slack past
/// the size asked for, for vector stores that overrun a panel.
/// </remarks>
internal sealed unsafe class GemmScratch
{
    private const int Alignment = 64;
    private const int PoolSize = 4;
    private const int Slack = 64;

    [ThreadStatic] private static GemmScratch?[]? pool;

    private byte[] memory = [];
    private byte* aligned;
    private bool inUse;

    /// <summary>Rents a buffer of this thread with room for at least <paramref name="count"/> elements of T.</summary>
    public static GemmScratch Rent<T>(long count, out T* data) where T : unmanaged
    {
        GemmScratch?[] slots = pool ??= new GemmScratch?[PoolSize];
        GemmScratch? scratch = null;
        for (int i = 0; i < slots.Length && scratch is null; i++)
        {
            slots[i] ??= new GemmScratch();
            if (!slots[i]!.inUse) scratch = slots[i];
        }
        scratch ??= new GemmScratch();
        scratch.inUse = true;
        data = (T*)scratch.Reserve(count * sizeof(T));
        return scratch;
    }

    /// <summary>Gives the buffer back to its thread's pool.</summary>
    public void Return() => inUse = false;

    private byte* Reserve(long bytes)
    {
        if (memory.Length < bytes + Alignment + Slack)
        {
            memory = GC.AllocateUninitializedArray<byte>(checked((int)(bytes + Alignment + Slack)), pinned: true);
            nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(memory));
            aligned = (byte*)((start + Alignment - 1) & ~(nint)(Alignment - 1));
        }
        return aligned;
    }
}
