namespace Dendrite.Data;

/// <summary>
/// The course's planar "flower" data set (<c>load_planar_dataset</c>): two classes of 200 points each, spread along
/// the petals of the rose r = 4·sin(4t), which no straight line separates.
/// </summary>
/// <remarks>
/// For class j ∈ {0, 1}: t = linspace(j·3.12, (j+1)·3.12, N) + 0.2·randn(N), r = a·sin(4t) + 0.2·randn(N),
/// x = (r·sin t, r·cos t), label j. The random draws come from a reimplementation of numpy's legacy generator, so
/// seed 1 (the course's) reproduces the course's exact points.
/// </remarks>
public static class PlanarFlower
{
    /// <summary>Number of examples m (N = m/2 per class).</summary>
    public const int Examples = 400;

    /// <summary>The amplitude a in r = a·sin(4t): how far the petals reach from the origin.</summary>
    public const double PetalLength = 4;

    /// <summary>Generates the data set: X [400, 2] (examples as rows) and Y [400, 1] with labels 0 and 1.</summary>
    /// <param name="seed">The value given to <c>np.random.seed</c>; 1 is the course's.</param>
    /// <param name="dtype">Float32 (default) or Float64 for both X and Y.</param>
    public static (Tensor X, Tensor Y) Generate(int seed = 1, DType dtype = DType.Float32)
    {
        if (seed < 0) throw new ArgumentOutOfRangeException(nameof(seed), $"PlanarFlower seed must be non-negative (numpy's rule) but is {seed}.");
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"PlanarFlower needs Float32 or Float64, not {dtype}.", nameof(dtype));
        var random = new NumpyRandom((uint)seed);
        const int n = Examples / 2;
        var x = new double[Examples * 2];
        var y = new double[Examples];
        var t = new double[n];
        for (int j = 0; j < 2; j++)
        {
            double[] line = Linspace(j * 3.12, (j + 1) * 3.12, n);
            for (int i = 0; i < n; i++) t[i] = line[i] + random.NextGaussian() * 0.2;
            for (int i = 0; i < n; i++)
            {
                double r = PetalLength * Math.Sin(4 * t[i]) + random.NextGaussian() * 0.2;
                int row = n * j + i;
                x[2 * row] = r * Math.Sin(t[i]);
                x[2 * row + 1] = r * Math.Cos(t[i]);
                y[row] = j;
            }
        }
        var xs = Tensor.FromArray(x, [Examples, 2]);
        var ys = Tensor.FromArray(y, [Examples, 1]);
        return dtype == DType.Float64 ? (xs, ys) : (xs.To(dtype), ys.To(dtype));
    }

    /// <summary>numpy's linspace with the endpoint, computed the same way: start + i·((stop − start)/(count − 1)), last = stop.</summary>
    private static double[] Linspace(double start, double stop, int count)
    {
        var values = new double[count];
        double step = (stop - start) / (count - 1);
        for (int i = 0; i < count; i++) values[i] = i * step + start;
        values[^1] = stop;
        return values;
    }
}
