namespace Dendrite.Data;

/// <summary>The pieces of scikit-learn's generators, drawing from numpy's legacy stream in numpy's order.</summary>
internal static class SklearnStyle
{
    /// <summary>numpy's <c>linspace</c>: start + i·step, with the endpoint exactly stop when included.</summary>
    public static double[] Linspace(double start, double stop, int count, bool endpoint = true)
    {
        var values = new double[count];
        if (count == 0) return values;
        int div = endpoint ? count - 1 : count;
        double step = div > 0 ? (stop - start) / div : 0;
        for (int i = 0; i < count; i++) values[i] = start + i * step;
        if (endpoint && count > 1) values[^1] = stop;
        return values;
    }

    /// <summary>
    /// Shuffles the rows of x [m, 2] and y [m] together (when asked), then adds σ·N(0, 1) to every coordinate in
    /// row-major order, as <c>X += generator.normal(scale=noise, size=X.shape)</c>; returns X [m, 2] and Y [m, 1].
    /// </summary>
    public static (Tensor X, Tensor Y) Finish(double[] x, double[] y, NumpyRandom random, bool shuffle, double noise, DType dtype)
    {
        int m = y.Length;
        if (shuffle)
        {
            var order = random.Permutation(m);
            var xs = new double[x.Length];
            var ys = new double[m];
            for (int i = 0; i < m; i++)
            {
                xs[2 * i] = x[2 * order[i]];
                xs[2 * i + 1] = x[2 * order[i] + 1];
                ys[i] = y[order[i]];
            }
            (x, y) = (xs, ys);
        }
        if (noise > 0)
            for (int i = 0; i < x.Length; i++) x[i] += noise * random.NextGaussian();
        var tx = Tensor.FromArray(x, [m, 2]);
        var ty = Tensor.FromArray(y, [m, 1]);
        return dtype == DType.Float64 ? (tx, ty) : (tx.To(dtype), ty.To(dtype));
    }

    public static NumpyRandom Check(string name, int count, double noise, int seed, DType dtype, int minCount = 1)
    {
        if (count < minCount) throw new ArgumentOutOfRangeException(nameof(count), $"{name} needs at least {minCount} samples but got {count}.");
        if (noise < 0 || double.IsNaN(noise)) throw new ArgumentOutOfRangeException(nameof(noise), $"{name}: the noise σ must be non-negative but is {noise}.");
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), $"{name}: the seed must be non-negative (numpy's rule) but is {seed}.");
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"{name} needs Float32 or Float64, not {dtype}.", nameof(dtype));
        return new NumpyRandom((uint)seed);
    }
}
