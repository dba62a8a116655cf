namespace Dendrite.Data;

/// <summary>The XOR problem in the plane: label 1 in the second and fourth quadrants, 0 in the first and third.</summary>
/// <remarks>
/// Points are uniform in [−1, 1]²; the label is (x₁ &gt; 0) ⊕ (x₂ &gt; 0), decided before σ·N(0, 1) noise is added to
/// each coordinate, so with noise some points cross the axes. No single straight line separates the classes; one
/// hidden layer of two units suffices.
/// </remarks>
public static class Xor
{
    /// <summary>Generates X [m, 2] and binary labels Y [m, 1], both floating point.</summary>
    /// <param name="count">Number of samples m.</param>
    /// <param name="noise">Standard deviation σ of the noise added to each coordinate after labelling; 0 for none.</param>
    /// <param name="seed">The seed of the generator.</param>
    /// <param name="dtype">Float32 (default) or Float64 for both X and Y.</param>
    public static (Tensor X, Tensor Y) Generate(int count = 200, double noise = 0.0, int seed = 0, DType dtype = DType.Float32)
    {
        var random = SklearnStyle.Check("Xor", count, noise, seed, dtype);
        var x = new double[2 * count];
        var y = new double[count];
        for (int i = 0; i < count; i++)
        {
            double a = 2 * random.NextDouble() - 1, b = 2 * random.NextDouble() - 1;
            y[i] = (a > 0) != (b > 0) ? 1 : 0;
            x[2 * i] = a + noise * random.NextGaussian();
            x[2 * i + 1] = b + noise * random.NextGaussian();
        }
        var tx = Tensor.FromArray(x, [count, 2]);
        var ty = Tensor.FromArray(y, [count, 1]);
        return dtype == DType.Float64 ? (tx, ty) : (tx.To(dtype), ty.To(dtype));
    }
}
