namespace Dendrite.Data;

/// <summary>
/// Two interleaving half circles (scikit-learn's <c>make_moons</c>), a binary problem no straight line separates.
/// The course's optimization exercise uses 300 points with noise 0.2 and <c>np.random.seed(3)</c>.
/// </summary>
/// <remarks>
/// With n_out = ⌊m/2⌋ and n_in = m − n_out: the outer moon (label 0) is (cos t, sin t) for t = linspace(0, π, n_out),
/// the inner moon (label 1) is (1 − cos t, 1 − sin t − 0.5) for t = linspace(0, π, n_in). The rows are shuffled and
/// then σ·N(0, 1) is added to every coordinate, drawing from numpy's legacy stream in scikit-learn's order, so
/// <c>Generate(300, 0.2, seed: 3)</c> follows <c>np.random.seed(3); make_moons(n_samples=300, noise=.2)</c>.
/// </remarks>
public static class Moons
{
    /// <summary>Generates X [m, 2] and binary labels Y [m, 1] (0 = outer moon, 1 = inner moon), both floating point.</summary>
    /// <param name="count">Number of samples m.</param>
    /// <param name="noise">Standard deviation σ of the Gaussian noise added to each coordinate; 0 for none.</param>
    /// <param name="seed">The value given to <c>np.random.seed</c>.</param>
    /// <param name="shuffle">Shuffle the rows (otherwise the outer moon comes first).</param>
    /// <param name="dtype">Float32 (default) or Float64 for both X and Y.</param>
    public static (Tensor X, Tensor Y) Generate(int count = 300, double noise = 0.2, int seed = 0, bool shuffle = true, DType dtype = DType.Float32)
    {
        var random = SklearnStyle.Check("Moons", count, noise, seed, dtype);
        int outer = count / 2, inner = count - outer;
        double[] tOut = SklearnStyle.Linspace(0, Math.PI, outer), tIn = SklearnStyle.Linspace(0, Math.PI, inner);
        var x = new double[2 * count];
        var y = new double[count];
        for (int i = 0; i < outer; i++) (x[2 * i], x[2 * i + 1]) = (Math.Cos(tOut[i]), Math.Sin(tOut[i]));
        for (int i = 0; i < inner; i++)
        {
            int row = outer + i;
            (x[2 * row], x[2 * row + 1]) = (1 - Math.Cos(tIn[i]), 1 - Math.Sin(tIn[i]) - 0.5);
            y[row] = 1;
        }
        return SklearnStyle.Finish(x, y, random, shuffle, noise, dtype);
    }
}
