namespace Dendrite.Data;

/// <summary>Adds independent noise σ·N(0, 1) to every pixel: y = x + σ·z.</summary>
/// <remarks>Draws one standard normal per element in row-major order. Needs a float32 or float64 batch.</remarks>
public sealed class GaussianNoise : ITransform
{
    /// <summary>Noise of standard deviation <paramref name="std"/>.</summary>
    /// <param name="std">σ, non-negative.</param>
    public GaussianNoise(double std)
    {
        if (!(std >= 0)) throw new ArgumentOutOfRangeException(nameof(std), $"GaussianNoise: std must be non-negative but is {std}.");
        Std = std;
    }

    /// <summary>Standard deviation σ of the noise.</summary>
    public double Std { get; }

    /// <inheritdoc/>
    public Tensor Apply(Tensor images, Random random)
    {
        var x = ImageBatch.Require(images, "GaussianNoise");
        x.RequireFloatingPoint("GaussianNoise");
        var y = x.Clone();
        if (y.DType == DType.Float64)
        {
            var v = y.Span<double>();
            for (int i = 0; i < v.Length; i++) v[i] += Std * random.NextGaussian();
        }
        else
        {
            var v = y.Span<float>();
            for (int i = 0; i < v.Length; i++) v[i] += (float)(Std * random.NextGaussian());
        }
        return y;
    }

    /// <summary>For example <c>GaussianNoise(std 0.1)</c>.</summary>
    public override string ToString() => $"GaussianNoise(std {Std})";
}
