namespace Dendrite.KernelProbe;

/// <summary>Textbook double-precision references, written without reference to the kernels.</summary>
public static class Naive
{
    /// <summary>σ(x) = 1 / (1 + e⁻ˣ), evaluated so that neither branch overflows.</summary>
    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>softmax(x)ᵢ = e^(xᵢ − m) / Σⱼ e^(xⱼ − m) with m = max x.</summary>
    public static double[] Softmax(double[] x)
    {
        if (x.Length == 0) return [];
        double m = x.Max();
        double[] e = x.Select(v => Math.Exp(v - m)).ToArray();
        double s = e.Sum();
        return e.Select(v => v / s).ToArray();
    }

    /// <summary>log-softmax(x)ᵢ = xᵢ − m − ln Σⱼ e^(xⱼ − m).</summary>
    public static double[] LogSoftmax(double[] x)
    {
        if (x.Length == 0) return [];
        double m = x.Max();
        double lse = m + Math.Log(x.Sum(v => Math.Exp(v - m)));
        return x.Select(v => v - lse).ToArray();
    }

    /// <summary>Softmax backward from the Jacobian J = diag(y) − y yᵀ: dxᵢ = Σⱼ Jᵢⱼ dyⱼ.</summary>
    public static double[] SoftmaxBackward(double[] y, double[] dy)
    {
        var dx = new double[y.Length];
        for (int i = 0; i < y.Length; i++)
            for (int j = 0; j < y.Length; j++)
                dx[i] += ((i == j ? y[i] : 0) - y[i] * y[j]) * dy[j];
        return dx;
    }

    /// <summary>Log-softmax backward from the Jacobian J = I − 1·softmaxᵀ: dxᵢ = Σⱼ (δᵢⱼ − e^(yᵢ)) dyⱼ.</summary>
    public static double[] LogSoftmaxBackward(double[] y, double[] dy)
    {
        var dx = new double[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            double softmax = Math.Exp(y[i]);
            for (int j = 0; j < y.Length; j++) dx[i] += ((i == j ? 1 : 0) - softmax) * dy[j];
        }
        return dx;
    }

    /// <summary>Offsets of a strided view's elements in row-major order: offset + Σₐ iₐ·strideₐ.</summary>
    public static int[] StridedOffsets(int offset, int[] shape, int[] strides)
    {
        int count = shape.Aggregate(1, (p, s) => p * s);
        var offsets = new int[count];
        for (int linear = 0; linear < count; linear++)
        {
            int rest = linear, position = offset;
            for (int axis = shape.Length - 1; axis >= 0; axis--)
            {
                position += rest % shape[axis] * strides[axis];
                rest /= shape[axis];
            }
            offsets[linear] = position;
        }
        return offsets;
    }

    /// <summary>
    /// C = α·op(A)·op(B) + β·C in row-major storage (β = 0 ignores C, as in BLAS), returning the result
    /// and, per element, the bound |α|·Σₚ|op(A)ᵢₚ·op(B)ₚⱼ| + |β·cᵢⱼ| used to scale the tolerance.
    /// </summary>
    public static (double[] C, double[] Scale) Gemm(bool transA, bool transB, int m, int n, int k,
        double[] a, int lda, double[] b, int ldb, double[] c, int ldc, double alpha, double beta)
    {
        double[] result = (double[])c.Clone(), scale = new double[c.Length];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    double product = (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                    sum += product;
                    magnitude += Math.Abs(product);
                }
                double old = c[i * ldc + j];
                result[i * ldc + j] = alpha * sum + (beta == 0 ? 0 : beta * old);
                scale[i * ldc + j] = Math.Abs(alpha) * magnitude + (beta == 0 ? 0 : Math.Abs(beta * old));
            }
        }
        return (result, scale);
    }
}
