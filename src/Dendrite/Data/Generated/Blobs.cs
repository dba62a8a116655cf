namespace Dendrite.Data;

/// <summary>Isotropic Gaussian clusters in the plane (in the manner of scikit-learn's <c>make_blobs</c>), one class per cluster.</summary>
/// <remarks>
/// The k centres are drawn uniformly from the box [−box, box]², then cluster j gets ⌊m/k⌋ points (the first m mod k
/// clusters one more), each its centre plus σ·N(0, 1) per coordinate; finally the rows are shuffled. The draws come
/// from numpy's legacy stream, but the order of draws is this class's own, not scikit-learn's.
/// </remarks>
public static class Blobs
{
    /// <summary>Generates X [m, 2] (floating point) and Int32 cluster labels Y [m].</summary>
    /// <param name="count">Number of samples m.</param>
    /// <param name="centers">k, the number of clusters (classes).</param>
    /// <param name="std">Standard deviation σ of each cluster.</param>
    /// <param name="seed">The seed of the generator.</param>
    /// <param name="box">Half-width of the square from which the centres are drawn.</param>
    /// <param name="dtype">Float32 (default) or Float64 for X.</param>
    public static (Tensor X, Tensor Y) Generate(int count = 300, int centers = 3, double std = 1.0, int seed = 0, double box = 10.0, DType dtype = DType.Float32)
    {
        if (centers < 1) throw new ArgumentOutOfRangeException(nameof(centers), $"Blobs needs at least one centre but got {centers}.");
        var random = SklearnStyle.Check("Blobs", count, std, seed, dtype);
        var centre = new double[2 * centers];
        for (int i = 0; i < centre.Length; i++) centre[i] = -box + 2 * box * random.NextDouble();
        var x = new double[2 * count];
        var y = new int[count];
        for (int row = 0, j = 0; j < centers; j++)
        {
            int size = count / centers + (j < count % centers ? 1 : 0);
            for (int i = 0; i < size; i++, row++)
            {
                x[2 * row] = centre[2 * j] + std * random.NextGaussian();
                x[2 * row + 1] = centre[2 * j + 1] + std * random.NextGaussian();
                y[row] = j;
            }
        }
        var order = random.Permutation(count);
        var tx = Tensor.FromArray(x, [count, 2]).SelectRows(order);
        var ty = Tensor.FromArray(y, [count]).SelectRows(order);
        return (dtype == DType.Float64 ? tx : tx.To(dtype), ty);
    }
}
