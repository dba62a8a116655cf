using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Tensors.Kernels;

/// <summary>Software prefetch of a row of the C tile, so its cache misses overlap the kernel's FMAs.</summary>
internal static unsafe class GemmPrefetch
{
    /// <summary>Hints that the <paramref name="count"/> elements at <paramref name="row"/> will be read and written soon.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Row<T>(T* row, int count) where T : unmanaged
    {
        if (!Sse.IsSupported) return;
        Sse.Prefetch0(row);
        Sse.Prefetch0(row + count - 1);
    }
}
