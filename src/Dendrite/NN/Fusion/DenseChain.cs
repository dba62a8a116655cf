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
    /// <summary>Runs layers[i], … as one chain if they qualify; returns how many layers ran (0: none).</summary>
    public static int Run(Module[] layers, int i, ref Tensor x)
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
        x = x.IsFloat64 ? Forward<double>(layers, i, end, x) : Forward<float>(layers, i, end, x);
        return end - i;
    }

    private static bool Fits(Dense d, int width, DType dtype) =>
        d.InFeatures == width && d.Weight.DType == dtype && d.Weight.IsContiguous && (d.Bias is null || d.Bias.IsContiguous);

    /// <summary>Test hook: false runs a few-row chain layer by layer, as before <see cref="GemmChain{T}"/>.</summary>
    internal static bool OneJob { get; set; } = true;

    private static Tensor Forward<T>(Module[] layers, int start, int end, Tensor x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Shape[0];
        if (OneJob && n >= 1 && n <= GemmSkinny<T>.MaxRows && x.Shape[1] > 0 && Chains(layers, start, end))
            return FewRows<T>(layers, start, end, x);
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
            Gemm.Linear(n, d.OutFeatures, d.InFeatures, input, d.Weight.Span<T>(), d.Bias is { } bias ? bias.Span<T>() : default, y, relu);
            if (relu) i++;
            input = y;
        }
        return output!;
    }

    /// <summary>Whether <see cref="GemmChain{T}"/> takes the layers: at most its maximum, none of them empty.</summary>
    private static bool Chains(Module[] layers, int start, int end)
    {
        int count = 0;
        for (int i = start; i < end; i++)
            if (layers[i] is Dense d && (++count > GemmChain<float>.MaxLayers || d.OutFeatures == 0)) return false;
        return true;
    }

    /// <summary>A few rows: the whole chain as one <see cref="GemmChain{T}"/> job, its layers pinned one by one.</summary>
    private static unsafe Tensor FewRows<T>(Module[] layers, int start, int end, Tensor x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<GemmChain<T>.Layer> chain = stackalloc GemmChain<T>.Layer[GemmChain<T>.MaxLayers];
        int n = x.Shape[0], last = start;
        for (int i = start; i < end; i++)
            if (layers[i] is Dense) last = i;
        var output = Tensor.Empty([n, ((Dense)layers[last]).OutFeatures], x.DType);
        fixed (T* px = x.Span<T>())
            Pin(layers, start, end, n, px, output.Span<T>(), chain, 0, true);
        return output;
    }

    /// <summary>Pins layer <paramref name="i"/>'s weights, bias and output, records it, then the rest; runs the chain
    /// once all are pinned.</summary>
    private static unsafe void Pin<T>(Module[] layers, int i, int end, int n, T* x, Span<T> output, Span<GemmChain<T>.Layer> chain, int count, bool ping)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (i == end)
        {
            GemmChain<T>.Run(n, x, chain[..count], Gemm.MaxThreads);
            return;
        }
        var d = (Dense)layers[i];
        bool relu = i + 1 < end && layers[i + 1] is Relu;
        int next = i + (relu ? 2 : 1);
        Span<T> y = next == end ? output : Scratch<T>.Take(ping, n * d.OutFeatures);
        fixed (T* pw = d.Weight.Span<T>())
        fixed (T* pb = d.Bias is { } bias ? bias.Span<T>() : default)
        fixed (T* py = y)
        {
            chain[count] = new GemmChain<T>.Layer(pw, pb, py, d.OutFeatures, d.InFeatures, relu);
            Pin(layers, next, end, n, x, output, chain, count + 1, !ping);
        }
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
