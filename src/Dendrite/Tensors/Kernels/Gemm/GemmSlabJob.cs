using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>A <see cref="GemmSlab{T, TKernel}"/> as a two-phase job: first pack parts of B, then compute tasks.</summary>
/// <remarks>One instance per thread and type pair is reused, so dispatching a slab allocates nothing.</remarks>
internal sealed class GemmSlabJob<T, TKernel> : GemmJob where T : unmanaged, INumber<T> where TKernel : IGemmKernel<T>
{
    [ThreadStatic] private static GemmSlabJob<T, TKernel>? cached;

    private GemmSlab<T, TKernel> slab;
    private int packParts;

    /// <summary>This thread's job, pointed at <paramref name="slab"/> with B packed in <paramref name="parts"/> parts.</summary>
    public static GemmSlabJob<T, TKernel> For(in GemmSlab<T, TKernel> slab, int parts)
    {
        GemmSlabJob<T, TKernel> job = cached ??= new GemmSlabJob<T, TKernel>();
        job.slab = slab;
        job.packParts = parts;
        return job;
    }

    /// <summary>Forgets the slab (its pointers are only valid during the call).</summary>
    public void Clear() => slab = default;

    /// <inheritdoc/>
    public override void Run(int item)
    {
        if (item < packParts) slab.PackB(item, packParts);
        else slab.Compute(item - packParts);
    }
}
