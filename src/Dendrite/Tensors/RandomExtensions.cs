namespace Dendrite;

/// <summary>Sampling helpers on <see cref="Random"/>, so every random draw goes through a seeded generator.</summary>
public static class RandomExtensions
{
    /// <summary>A standard normal sample N(0, 1): numpy's stream for a <see cref="NumpyRandom"/>, otherwise Box–Muller.</summary>
    public static double NextGaussian(this Random random)
    {
        if (random is NumpyRandom numpy) return numpy.NextGaussian();
        double u1 = 1.0 - random.NextDouble(); // (0, 1], so the log is finite
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
