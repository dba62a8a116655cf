namespace Dendrite.Data;

/// <summary>
/// A small circle inside a large one (scikit-learn's <c>make_circles</c>), a binary problem no straight line separates.
/// The course's initialization exercise uses 300 points with noise 0.05 and <c>np.random.seed(1)</c>.
/// </summary>
/// <remarks>
/// With n_out = ⌊m/2⌋ and n_in = m − n_out: the outer circle (label 0) is (cos t, sin t) for
/// t = linspace(0, 2π, n_out, endpoint=False), the inner circle (label 1) is factor·(cos t, sin t) likewise. Rows are
/// shuffled, then σ·N(0, 1) is added to every coordinate, in scikit-learn's order on numpy's legacy stream.
/// </remarks>
public static class Circles
{
    /// <summary>Generates X [m, 2] and binary labels Y [m, 1] (0 = outer circle, 1 = inner circle), both floating point.</summary>
    /// <param name="count">Number of samples m.</param>
    /// <param name="noise">Standard deviation σ of the Gaussian noise added to each coordinate; 0 for none.</param>
    /// <param name="seed">The value given to <c>np.random.seed</c>.</param>
    /// <param name="factor">Radius of the inner circle relative to the outer one, in (0, 1).</param>
    /// <param name="shuffle">Shuffle the rows (otherwise the outer circle comes first).</param>
    /// <param name="dtype">Float32 (default) or Float64 for both X and Y.</param>
    public static (Tensor X, Tensor Y) Generate(int count = 300, double noise = 0.05, int seed = 0, double factor = 0.8,
        bool shuffle = true, DType dtype = DType.Float32)
    {
        var random = SklearnStyle.Check("Circles", count, noise, seed, dtype);
        if (!(factor > 0 && factor < 1)) throw new ArgumentOutOfRangeException(nameof(factor), $"Circles: factor must be in (0, 1) but is {factor}.");
        int outer = count / 2, inner = count - outer;
        double[] tOut = SklearnStyle.Linspace(0, 2 * Math.PI, outer, endpoint: false);
        double[] tIn = SklearnStyle.Linspace(0, 2 * Math.PI, inner, endpoint: false);
        var x = new double[2 * count];
        var y = new double[count];
        for (int i = 0; i < outer; i++) (x[2 * i], x[2 * i + 1]) = (Math.Cos(tOut[i]), Math.Sin(tOut[i]));
        for (int i = 0; i < inner; i++)
        {
            int row = outer + i;
            (x[2 * row], x[2 * row + 1]) = (factor * Math.Cos(tIn[i]), factor * Math.Sin(tIn[i]));
            y[row] = 1;
        }
        return SklearnStyle.Finish(x, y, random, shuffle, noise, dtype);
    }
}
