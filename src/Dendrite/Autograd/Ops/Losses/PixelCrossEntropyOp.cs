using System.Numerics;
using Dendrite.Tensors.Kernels;

namespace Dendrite.Autograd;

/// <summary>
/// Softmax cross-entropy per position of logits [N, C, d₁, …] against class labels [N, d₁, …] (PyTorch's
/// <c>nn.CrossEntropyLoss</c> on images: a class per pixel), fused and read in place by <see cref="ChannelCrossEntropy"/>.
/// </summary>
internal static class PixelCrossEntropyOp
{
    /// <summary>
    /// J = (1/M)·Σ over the M positions whose label is not <paramref name="ignoreIndex"/> of −log softmax(z[n, :, p])[y[n, p]].
    /// Gradient: ∂J/∂z[n, c, p] = (softmax(z[n, :, p])[c] − [c = y[n, p]])/M at counted positions, 0 at ignored ones.
    /// </summary>
    /// <remarks>Labels are Int32, or floating point holding whole class numbers (converted once).</remarks>
    public static Tensor Apply(Tensor logits, Tensor labels, int ignoreIndex = -100)
    {
        logits.RequireFloatingPoint("CrossEntropy");
        int n = logits.Shape[0], c = logits.Shape[1], positions = logits.Count / Math.Max(1, n * c);
        if (labels.Rank != logits.Rank - 1 || labels.Shape[0] != n || !labels.Shape.Dims[1..].SequenceEqual(logits.Shape.Dims[2..]))
            throw new ArgumentException($"CrossEntropy expects labels [N, d₁, …] = [{n}, {string.Join(", ", logits.Shape.Dims[2..].ToArray())}] for logits {logits.Shape} but got {labels.Shape}.");
        var y = ClassIndices(labels, c, ignoreIndex);
        var z = logits.Contiguous();
        var lse = Tensor.Empty([n, positions], logits.DType);
        var (sum, count) = logits.IsFloat64
            ? ChannelCrossEntropy.Forward(n, c, positions, Memory<double>(z), y, ignoreIndex, Memory<double>(lse))
            : ChannelCrossEntropy.Forward(n, c, positions, Memory<float>(z), y, ignoreIndex, Memory<float>(lse));
        double m = Math.Max(1, count);
        var loss = Tensor.Scalar(sum / m, logits.DType);
        return Graph.Record(loss, "CrossEntropy", [z], g =>
        {
            var dz = Tensor.Empty(z.Shape, z.DType);
            double scale = g.Item() / m;
            if (z.IsFloat64) ChannelCrossEntropy.Backward(n, c, positions, Memory<double>(z), y, ignoreIndex, Memory<double>(lse), scale, Memory<double>(dz));
            else ChannelCrossEntropy.Backward(n, c, positions, Memory<float>(z), y, ignoreIndex, Memory<float>(lse), (float)scale, Memory<float>(dz));
            return [dz];
        });
    }

    /// <summary>The labels as Int32 class indices, each in [0, classes) or the ignore index; a clear error names the first bad one.</summary>
    private static int[] ClassIndices(Tensor labels, int classes, int ignoreIndex)
    {
        int[] y;
        if (labels.DType == DType.Int32) y = labels.ToArray<int>();
        else
        {
            double[] v = labels.ToArray<double>();
            y = new int[v.Length];
            for (int i = 0; i < v.Length; i++)
            {
                if (v[i] != Math.Floor(v[i]) || Math.Abs(v[i]) > int.MaxValue)
                    throw new ArgumentException($"CrossEntropy: label {v[i]} at position {i} of {labels.Shape} is not a class number.");
                y[i] = (int)v[i];
            }
        }
        for (int i = 0; i < y.Length; i++)
            if (y[i] != ignoreIndex && (uint)y[i] >= (uint)classes)
                throw new ArgumentException($"CrossEntropy: label {y[i]} at position {i} of {labels.Shape} is outside [0, {classes}).");
        return y;
    }

    private static Memory<T> Memory<T>(Tensor t) where T : unmanaged, INumber<T> => TensorMemory.AsMemory<T>(t);
}
