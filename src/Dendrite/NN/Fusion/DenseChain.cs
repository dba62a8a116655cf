using System.Numerics;
using Dendrite.Autograd;
using Dendrite.Tensors.Kernels;

namespace Dendrite.NN;

/// <summary>
/// Inference of a run of <see cref="Dense"/> layers, each optionally followed by a <see cref="Relu"/>, as bare GEMMs:
/// the activations between the layers live in two per-thread scratch buffers rather than fresh tensors, so the run
/// allocates only its output. This is what makes a small MLP's batch-1 forward cost little more than its matrix-vector
/// products (three <see cref="Dense"/> layers went from ~1.5 µs of tensor plumbing to ~0.3 µs), and a batch of 1000
/// allocate one output instead of a megabyte per layer.
/// </summary>
/// <remarks>
/// Each layer computes exactly what <see cref="Dense.Forward"/> then <see cref="Relu"/> compute: the bias broadcast into
/// the output rows, then Y = X·Wᵀ + 1·Y through the same GEMM (β = 0 without a bias), then max(Y, 0), so results are
/// bitwise the same; <see cref="Gemm.Linear{T}"/> does the broadcast and the ReLU per GEMM task, on the core that
/// computes that block of Y, rather than as two passes over Y on the calling thread. It runs only where <see cref="InferenceFusion"/> fuses (under <see cref="InferenceFusion.Apply"/>, with no
/// graph), for a contiguous 2-D input, and for at least two <see cref="Dense"/> layers whose sizes and dtypes chain; a
/// layer that does not fit ends the run and then reports its own error.
/// </remarks>
internal static class DenseChain
{
    /// <summary>Runs layers[i], … as one chain if they qualify; returns how many layers ran (0: none). Batches of up to
    /// <see cref="GemmSkinny{T}.MaxRows"/> rows read the weights packed by <paramref name="packs"/> (indexed like
    /// <paramref name="layers"/>).</summary>
    public static int Run(Module[] layers, int i, ref Tensor x, WeightPacks packs)
    {
        if (x.Rank != 2 || !x.IsContiguous || !x.DType.IsFloatingPoint()) return 0;
        int end = i, dense = 0, width = x.Shape[1];
        while (end < layers.Length && layers[end] is Dense d && Fits(d, width, x.DType))
        {
            width = d.OutFeatures;
            dense++;
            end += end + 1 < layers.Length && layers[end + 1] is Relu ? 2 : 1;
        }
        if (dense < 2) return 0;
        x = x.IsFloat64 ? Forward<double>(layers, i, end, x, packs) : Forward<float>(layers, i, end, x, packs);
        return end - i;
    }

    private static bool Fits(Dense d, int width, DType dtype) =>
        d.InFeatures == width && d.Weight.DType == dtype && d.Weight.IsContiguous && (d.Bias is null || d.Bias.IsContiguous);

    private static Tensor Forward<T>(Module[] layers, int start, int end, Tensor x, WeightPacks packs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Shape[0];
        bool skinny = n <= GemmSkinny<T>.MaxRows && SkinnyDot<T>.IsSupported;
        ReadOnlySpan<T> input = x.Span<T>();
        Tensor? output = null;
        bool ping = true;
        for (int i = start; i < end; i++)
        {
            var d = (Dense)layers[i];
            bool relu = i + 1 < end && layers[i + 1] is Relu;
            bool last = i + (relu ? 2 : 1) == end;
            Span<T> y;
            if (last)
            {
                output = Tensor.Empty([n, d.OutFeatures], x.DType);
                y = output.Span<T>();
            }
            else
            {
                y = Scratch<T>.Take(ping, n * d.OutFeatures);
                ping = !ping;
            }
            ReadOnlySpan<T> packed = skinny ? packs.For<T>(i, d.Weight) : default;
            Gemm.Linear(n, d.OutFeatures, d.InFeatures, input, d.Weight.ReadSpan<T>(), d.Bias is { } bias ? bias.ReadSpan<T>() : default, y, relu, packed);
            if (relu) i++;
            input = y;
        }
        return output!;
    }

    /// <summary>Two growing per-thread buffers the chain alternates between.</summary>
    private static class Scratch<T>
    {
        [ThreadStatic] private static T[]? t_a, t_b;

        public static Span<T> Take(bool first, int length)
        {
            ref T[]? buffer = ref first ? ref t_a : ref t_b;
            if (buffer is null || buffer.Length < length) buffer = GC.AllocateUninitializedArray<T>(length);
            return buffer.AsSpan(0, length);
        }
    }
}
