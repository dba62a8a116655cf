namespace Dendrite.Data;

/// <summary>Mirrors each image left–right with probability p: y[n, c, h, w] = x[n, c, h, W − 1 − w].</summary>
/// <remarks>One draw per image decides its flip; all channels of that image flip together.</remarks>
public sealed class HorizontalFlip : ITransform
{
    /// <summary>Flips each image with probability <paramref name="p"/>.</summary>
    /// <param name="p">Probability in [0, 1] that an image is mirrored.</param>
    public HorizontalFlip(double p = 0.5)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), $"HorizontalFlip: p must be in [0, 1] but is {p}.");
        P = p;
    }

    /// <summary>Probability that an image is mirrored.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public Tensor Apply(Tensor images, Random random)
    {
        var x = ImageBatch.Require(images, "HorizontalFlip");
        var y = x.Clone();
        int n = x.Shape[0], channels = x.Shape[1], height = x.Shape[2], width = x.Shape[3];
        int image = channels * height * width;
        for (int i = 0; i < n; i++)
        {
            if (random.NextDouble() >= P) continue;
            for (int row = 0; row < channels * height; row++) Array.Reverse(y.Storage, i * image + row * width, width);
        }
        return y;
    }

    /// <summary>For example <c>HorizontalFlip(p 0.5)</c>.</summary>
    public override string ToString() => $"HorizontalFlip(p {P})";
}
