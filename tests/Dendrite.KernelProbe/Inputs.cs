using System.Numerics;

namespace Dendrite.KernelProbe;

/// <summary>Seeded test inputs: mixed signs, exact zeros and the magnitudes each kernel must survive.</summary>
public static class Inputs
{
    /// <summary>Lengths 0..MaxLength cover every vector body and tail at every width (130 = 2·64 + 2).</summary>
    public const int MaxLength = 130;

    /// <summary>Largest |x| that exp-based kernels must handle without overflow: 80 for float, 700 for double.</summary>
    public static double ExpRange<T>() => typeof(T) == typeof(float) ? 80 : 700;

    /// <summary>A generator seeded by the check name and length, identical in every process.</summary>
    public static Random Rng(string name, int length)
    {
        uint hash = 2166136261;
        foreach (char c in name) hash = (hash ^ c) * 16777619;
        return new Random((int)(hash ^ (uint)(length * 7919)));
    }

    /// <summary>Uniform in [lo, hi], with about one element in ten set to exactly +0 when 0 is in range.</summary>
    public static T[] Uniform<T>(Random rng, int n, double lo, double hi) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[n];
        for (int i = 0; i < n; i++)
        {
            bool zero = lo <= 0 && hi >= 0 && rng.Next(10) == 0;
            x[i] = zero ? T.Zero : T.CreateTruncating(lo + (hi - lo) * rng.NextDouble());
        }
        return x;
    }

    /// <summary>Small integers in [lo, hi], so that ties are common (for argmax).</summary>
    public static T[] Integers<T>(Random rng, int n, int lo, int hi) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = new T[n];
        for (int i = 0; i < n; i++) x[i] = T.CreateTruncating(rng.Next(lo, hi + 1));
        return x;
    }

    /// <summary>Mixed-sign values in [−scale, scale] with exact zeros.</summary>
    public static Func<Random, int, T[]> Signed<T>(double scale) where T : unmanaged, IFloatingPointIeee754<T>
        => (rng, n) => Uniform<T>(rng, n, -scale, scale);

    /// <summary>Strictly positive values in [lo, hi].</summary>
    public static Func<Random, int, T[]> Positive<T>(double lo, double hi) where T : unmanaged, IFloatingPointIeee754<T>
        => (rng, n) => Uniform<T>(rng, n, lo, hi);
}
