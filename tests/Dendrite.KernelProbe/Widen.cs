using System.Numerics;

namespace Dendrite.KernelProbe;

/// <summary>Widens kernel inputs and outputs to double for the naive references.</summary>
public static class Widen
{
    /// <summary>Every element as a double (exact for float and double).</summary>
    public static double[] ToDouble<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d = new double[x.Length];
        for (int i = 0; i < x.Length; i++) d[i] = double.CreateTruncating(x[i]);
        return d;
    }
}
