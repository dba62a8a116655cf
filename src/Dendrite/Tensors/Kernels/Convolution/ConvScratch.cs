using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dendrite.Tensors.Kernels;

/// <summary>What a <see cref="ConvScratch"/> buffer holds; each thread keeps one buffer per use.</summary>
internal enum ConvBuffer
{
    /// <summary>The packed filters of a call (rented by the calling thread, read by every worker); for
    /// <see cref="WinogradConv"/>, the transformed filters U.</summary>
    Filters,

    /// <summary>The bias of a call padded to whole blocks (rented by the calling thread, read by every worker).</summary>
    Bias,

    /// <summary>The per-chunk partial weight gradients of a call (rented by the calling thread, each chunk's part written by whichever worker runs it).</summary>
    WeightGradients,

    /// <summary>One image's im2col matrix (the GEMM path of <see cref="Convolution"/>), on the thread that runs its chunk;
    /// for <see cref="WinogradConv"/>, a chunk's transformed input tiles V (36 points × tiles × channels).</summary>
    Columns,

    /// <summary>The padded copy of one image (<see cref="ConvLayout"/>); for <see cref="WinogradConv"/>, the six input
    /// rows of one strip of tiles, channels last.</summary>
    Copy,

    /// <summary>One image's output with channels last, before it is transposed to channels first; for
    /// <see cref="WinogradConv"/>, one strip's four output rows, channels last.</summary>
    Output,

    /// <summary>One image's ∂L/∂y with channels last; for <see cref="WinogradConv"/>, a chunk's transformed products M
    /// (36 points × tiles × output channels). Inference never needs ∂L/∂y, so the two uses never meet on a thread.</summary>
    Gradient,
}

/// <summary>64-byte-aligned, pinned scratch for convolution: per thread, one growing buffer per <see cref="ConvBuffer"/>.</summary>
/// <remarks>
/// Aligned rows keep the tiles' vector loads within one cache line. A buffer stays valid until the same thread asks for
/// the same kind again, so a call's filters, bias and weight-gradient partials, rented by the caller, can be used by the
/// workers while it runs. Buffers only grow, so after the first step of a training loop no call allocates.
/// </remarks>
internal static unsafe class ConvScratch
{
    private const int Alignment = 64;

    [ThreadStatic] private static byte[]?[]? buffers;

    /// <summary>This thread's buffer of the given kind, with room for at least <paramref name="count"/> elements of T.</summary>
    public static T* Get<T>(ConvBuffer kind, long count) where T : unmanaged
    {
        byte[]?[] slots = buffers ??= new byte[]?[Enum.GetValues<ConvBuffer>().Length];
        long bytes = count * sizeof(T) + Alignment;
        byte[]? memory = slots[(int)kind];
        if (memory is null || memory.Length < bytes)
        {
            long size = Math.Max(bytes, Math.Min(2L * (memory?.Length ?? 0), Array.MaxLength)); // doubling, but never past the largest array
            slots[(int)kind] = memory = GC.AllocateUninitializedArray<byte>(checked((int)size), pinned: true);
        }
        nint start = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(memory));
        return (T*)((start + Alignment - 1) & ~(nint)(Alignment - 1));
    }
}
