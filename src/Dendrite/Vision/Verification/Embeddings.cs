using Dendrite.Autograd;
using Dendrite.NN;

namespace Dendrite.Vision;

/// <summary>Encoding images with a trained encoder, in evaluation mode and without a graph.</summary>
public static class Embeddings
{
    /// <summary>
    /// f(x) for every image, in batches: <b>Shape:</b> images (N, C, H, W) → (N, D) as float64. The encoder runs in
    /// evaluation mode (its previous mode is restored) under <see cref="GradMode.NoGrad"/>.
    /// </summary>
    public static Tensor Encode(Module encoder, Tensor images, int batchSize = 256)
    {
        if (images.Rank < 2 || images.Shape[0] == 0) throw new ArgumentException($"Embeddings.Encode expects a non-empty batch of images [N, …] but got {images.Shape}.");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"Embeddings.Encode needs batchSize ≥ 1 but got {batchSize}.");
        bool training = encoder.IsTraining;
        encoder.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            int n = images.Shape[0];
            var parts = new List<Tensor>();
            for (int start = 0; start < n; start += batchSize)
            {
                var batch = images.Narrow(0, start, Math.Min(batchSize, n - start));
                var codes = encoder.Call(batch.To(encoder.DType));
                if (codes.Rank != 2 || codes.Shape[0] != batch.Shape[0])
                    throw new InvalidOperationException($"Embeddings.Encode needs an encoder that maps {batch.Shape} to [{batch.Shape[0]}, D] but {encoder.Describe()} gave {codes.Shape}.");
                parts.Add(codes.To(DType.Float64).Contiguous());
            }
            return parts.Count == 1 ? parts[0] : Tensor.Concat(parts, 0);
        }
        finally
        {
            encoder.Train(training);
        }
    }
}
