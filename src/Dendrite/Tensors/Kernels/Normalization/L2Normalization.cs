using System.Numerics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// L2 normalization along the middle axis of an [outer, n, inner] layout: y = x / max(‖x‖₂, ε), as PyTorch's
/// <c>F.normalize(x, p=2)</c>, and its gradient. Sums are accumulated in double.
/// </summary>
internal static class L2Normalization
{
    /// <summary>Writes y and the clamped norm r = max(‖x‖₂, ε) of each of the outer·inner vectors (r is [outer·inner]).</summary>
    public static void Forward<T>(ReadOnlySpan<T> x, int outer, int n, int inner, double epsilon, Span<T> y, Span<double> norms)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int start = o * n * inner + i;
                double sum = 0;
                for (int k = 0; k < n; k++)
                {
                    double v = double.CreateChecked(x[start + k * inner]);
                    sum += v * v;
                }
                double r = Math.Max(Math.Sqrt(sum), epsilon);
                norms[o * inner + i] = r;
                for (int k = 0; k < n; k++) y[start + k * inner] = T.CreateChecked(double.CreateChecked(x[start + k * inner]) / r);
            }
    }

    /// <summary>
    /// dx = (dy − y·⟨dy, y⟩)/‖x‖ where ‖x‖ &gt; ε (the Jacobian (I − y·yᵀ)/‖x‖ of x/‖x‖), and dx = dy/ε where the norm
    /// is clamped (y = x/ε is linear there).
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> y, ReadOnlySpan<T> dy, ReadOnlySpan<double> norms, int outer, int n, int inner,
        double epsilon, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int start = o * n * inner + i;
                double r = norms[o * inner + i], dot = 0;
                if (r > epsilon)
                    for (int k = 0; k < n; k++) dot += double.CreateChecked(dy[start + k * inner]) * double.CreateChecked(y[start + k * inner]);
                for (int k = 0; k < n; k++)
                {
                    int at = start + k * inner;
                    dx[at] = T.CreateChecked((double.CreateChecked(dy[at]) - double.CreateChecked(y[at]) * dot) / r);
                }
            }
    }
}
