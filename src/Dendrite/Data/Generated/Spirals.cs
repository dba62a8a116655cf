namespace Dendrite.Data;

/// <summary>
/// CS231n's spiral data: k arms winding out from the origin, one class per arm, which a linear classifier cannot
/// separate but a small two-layer network can.
/// </summary>
/// <remarks>
/// For class j and i = 0…N−1: r = linspace(0, 1, N)ᵢ, t = linspace(4j, 4(j+1), N)ᵢ + σ·N(0, 1), x = (r·sin t, r·cos t).
/// The draws come from numpy's legacy stream (<c>np.random.randn(N)*0.2</c> per class), in class order.
/// </remarks>
public static class Spirals
{
    /// <summary>Generates X [k·N, 2] (floating point) and Int32 class labels Y [k·N], class j in rows jN…(j+1)N−1.</summary>
    /// <param name="pointsPerClass">N, the points on each arm.</param>
    /// <param name="classes">k, the number of arms.</param>
    /// <param name="noise">Standard deviation σ of the noise on the angle (CS231n's 0.2).</param>
    /// <param name="seed">The value given to <c>np.random.seed</c>.</param>
    /// <param name="dtype">Float32 (default) or Float64 for X.</param>
    public static (Tensor X, Tensor Y) Generate(int pointsPerClass = 100, int classes = 3, double noise = 0.2, int seed = 0, DType dtype = DType.Float32)
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), $"Spirals needs at least one class but got {classes}.");
        var random = SklearnStyle.Check("Spirals", pointsPerClass, noise, seed, dtype, minCount: 2);
        int n = pointsPerClass, m = n * classes;
        var x = new double[2 * m];
        var y = new int[m];
        double[] r = SklearnStyle.Linspace(0, 1, n);
        for (int j = 0; j < classes; j++)
        {
            double[] t = SklearnStyle.Linspace(4 * j, 4 * (j + 1), n);
            for (int i = 0; i < n; i++)
            {
                int row = j * n + i;
                double angle = t[i] + noise * random.NextGaussian();
                (x[2 * row], x[2 * row + 1]) = (r[i] * Math.Sin(angle), r[i] * Math.Cos(angle));
                y[row] = j;
            }
        }
        var tx = Tensor.FromArray(x, [m, 2]);
        return (dtype == DType.Float64 ? tx : tx.To(dtype), Tensor.FromArray(y, [m]));
    }
}
