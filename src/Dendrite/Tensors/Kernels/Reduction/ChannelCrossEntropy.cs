using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Softmax cross-entropy over the channel axis of [N, C, P] logits (P positions per image, e.g. pixels), read in place:
/// every pass runs along a channel's P consecutive positions, so nothing is transposed to [N·P, C].
/// </summary>
/// <remarks>
/// Per position p: lse[p] = m[p] + log Σ_c e^(z[c, p] − m[p]) with m[p] = max_c z[c, p], and the loss term is
/// lse[p] − z[label[p], p]. Images run in parallel; each image's sum is kept apart and the sums are added in image
/// order, so the result does not depend on the thread count.
/// </remarks>
internal static class ChannelCrossEntropy
{
    /// <summary>
    /// Writes lse [N, P] and returns Σ over the positions whose label is not <paramref name="ignoreIndex"/> of
    /// lse − z[label], with their count. Every other label must lie in [0, C) (the caller checks).
    /// </summary>
    public static (double Sum, int Count) Forward<T>(int batch, int channels, int positions, ReadOnlyMemory<T> z, ReadOnlyMemory<int> labels,
        int ignoreIndex, Memory<T> lse) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] sums = new double[batch];
        int[] counts = new int[batch];
        KernelParallel.For(batch, 4.0 * batch * channels * positions, new ForwardImages<T>(channels, positions, z, labels, ignoreIndex, lse, sums, counts));
        double sum = 0;
        int count = 0;
        for (int n = 0; n < batch; n++)
        {
            sum += sums[n];
            count += counts[n];
        }
        return (sum, count);
    }

    /// <summary>dz[n, c, p] = scale·(e^(z − lse) − [c = label]) at counted positions, 0 at ignored ones.</summary>
    public static void Backward<T>(int batch, int channels, int positions, ReadOnlyMemory<T> z, ReadOnlyMemory<int> labels, int ignoreIndex,
        ReadOnlyMemory<T> lse, T scale, Memory<T> dz) where T : unmanaged, IFloatingPointIeee754<T> =>
        KernelParallel.For(batch, 3.0 * batch * channels * positions, new BackwardImages<T>(channels, positions, z, labels, ignoreIndex, lse, scale, dz));

    private readonly struct ForwardImages<T>(int channels, int positions, ReadOnlyMemory<T> z, ReadOnlyMemory<int> labels, int ignoreIndex,
        Memory<T> lse, double[] sums, int[] counts) : IItemBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int n)
        {
            ReadOnlySpan<T> image = z.Span.Slice(n * channels * positions, channels * positions);
            ReadOnlySpan<int> label = labels.Span.Slice(n * positions, positions);
            Span<T> l = lse.Span.Slice(n * positions, positions);
            T[] rented = ArrayPool<T>.Shared.Rent(2 * positions);
            Span<T> max = rented.AsSpan(0, positions), term = rented.AsSpan(positions, positions);
            image[..positions].CopyTo(max);
            for (int c = 1; c < channels; c++) TensorPrimitives.Max(max, image.Slice(c * positions, positions), max);
            l.Clear();
            for (int c = 0; c < channels; c++)
            {
                // Σ_c e^(z − m), each term below 1
                TensorPrimitives.Subtract(image.Slice(c * positions, positions), max, term);
                TensorPrimitives.Exp(term, term);
                TensorPrimitives.Add(l, term, l);
            }
            TensorPrimitives.Log(l, l);
            TensorPrimitives.Add(l, max, l);
            ArrayPool<T>.Shared.Return(rented);
            double sum = 0;
            int count = 0;
            for (int p = 0; p < positions; p++)
            {
                int y = label[p];
                if (y == ignoreIndex) continue;
                sum += double.CreateTruncating(l[p] - image[y * positions + p]);
                count++;
            }
            sums[n] = sum;
            counts[n] = count;
        }
    }

    private readonly struct BackwardImages<T>(int channels, int positions, ReadOnlyMemory<T> z, ReadOnlyMemory<int> labels, int ignoreIndex,
        ReadOnlyMemory<T> lse, T scale, Memory<T> dz) : IItemBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int n)
        {
            ReadOnlySpan<T> image = z.Span.Slice(n * channels * positions, channels * positions);
            ReadOnlySpan<int> label = labels.Span.Slice(n * positions, positions);
            ReadOnlySpan<T> l = lse.Span.Slice(n * positions, positions);
            Span<T> d = dz.Span.Slice(n * channels * positions, channels * positions);
            for (int c = 0; c < channels; c++)
            {
                // ∂J/∂z[c, p] = scale·softmax(z)[c, p] = scale·e^(z − lse) …
                Span<T> dc = d.Slice(c * positions, positions);
                TensorPrimitives.Subtract(image.Slice(c * positions, positions), l, dc);
                TensorPrimitives.Exp(dc, dc);
                TensorPrimitives.Multiply(dc, scale, dc);
            }
            for (int p = 0; p < positions; p++)
            {
                int y = label[p];
                if (y != ignoreIndex)
                {
                    d[y * positions + p] -= scale; // … − scale at the true class
                    continue;
                }
                for (int c = 0; c < channels; c++) d[c * positions + p] = T.Zero; // an ignored position has no gradient
            }
        }
    }
}
