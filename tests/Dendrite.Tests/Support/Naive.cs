namespace Dendrite.Tests.Support;

/// <summary>Independent double-precision reference implementations written as plain loops.</summary>
public static class Naive
{
    /// <summary>C = A·B for row-major A [m, k] and B [k, n].</summary>
    public static double[] MatMul(double[] a, double[] b, int m, int k, int n)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
                c[i * n + j] = s;
            }
        return c;
    }

    /// <summary>Row-wise softmax of [rows, n].</summary>
    public static double[] Softmax(double[] x, int rows, int n)
    {
        var y = new double[x.Length];
        for (int r = 0; r < rows; r++)
        {
            double max = double.NegativeInfinity;
            for (int i = 0; i < n; i++) max = Math.Max(max, x[r * n + i]);
            double sum = 0;
            for (int i = 0; i < n; i++) sum += Math.Exp(x[r * n + i] - max);
            for (int i = 0; i < n; i++) y[r * n + i] = Math.Exp(x[r * n + i] - max) / sum;
        }
        return y;
    }

    /// <summary>Asserts two sequences agree elementwise within an absolute-plus-relative tolerance.</summary>
    public static void AssertClose(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            double bound = tolerance * (1 + Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= bound,
                $"element {i}: expected {expected[i]:R} but got {actual[i]:R} (tolerance {bound:E2})");
        }
    }
}
