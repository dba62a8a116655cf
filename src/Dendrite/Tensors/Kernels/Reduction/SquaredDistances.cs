using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Pairwise squared Euclidean distances between the rows of X [n, d] and Y [m, d], summed exactly as Σₖ (xᵢₖ − yⱼₖ)²
/// (never as ‖x‖² + ‖y‖² − 2x·y, which cancels to small negative numbers for near rows), and their gradient.
/// </summary>
internal static class SquaredDistances
{
    /// <summary>D[i, j] = Σₖ (x[i, k] − y[j, k])², D row-major [n, m].</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int n, int m, int d, Span<T> distances)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++)
            {
                double sum = 0;
                for (int k = 0; k < d; k++)
                {
                    double diff = double.CreateChecked(x[i * d + k]) - double.CreateChecked(y[j * d + k]);
                    sum += diff * diff;
                }
                distances[i * m + j] = T.CreateChecked(sum);
            }
    }

    /// <summary>
    /// ∂D[i, j]/∂x[i] = 2(x[i] − y[j]) and ∂D[i, j]/∂y[j] = −2(x[i] − y[j]), so dx[i] = 2·Σⱼ G[i, j]·(x[i] − y[j]) and
    /// dy[j] = −2·Σᵢ G[i, j]·(x[i] − y[j]). Either output span may be empty to skip it; the spans are overwritten.
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> g, int n, int m, int d, Span<T> dx, Span<T> dy)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rowX = new double[d];
        var accY = dy.IsEmpty ? [] : new double[m * d];
        for (int i = 0; i < n; i++)
        {
            Array.Clear(rowX);
            for (int j = 0; j < m; j++)
            {
                double gij = 2 * double.CreateChecked(g[i * m + j]);
                if (gij == 0) continue;
                for (int k = 0; k < d; k++)
                {
                    double diff = gij * (double.CreateChecked(x[i * d + k]) - double.CreateChecked(y[j * d + k]));
                    rowX[k] += diff;
                    if (accY.Length > 0) accY[j * d + k] -= diff;
                }
            }
            if (!dx.IsEmpty)
                for (int k = 0; k < d; k++) dx[i * d + k] = T.CreateChecked(rowX[k]);
        }
        for (int k = 0; k < accY.Length; k++) dy[k] = T.CreateChecked(accY[k]);
    }
}
