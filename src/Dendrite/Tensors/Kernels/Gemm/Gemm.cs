using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>General matrix multiply on row-major spans: C = α·op(A)·op(B) + β·C.</summary>
/// <remarks>
/// op(A) is m×k and op(B) is k×n. When <c>transA</c> is set, A is stored k×m (row stride <c>lda</c>)
/// and read transposed without a copy; likewise for B. Row-major means element (i, j) of a matrix
/// with leading dimension ld sits at index i·ld + j. The work is blocked for the caches, packed and
/// run through the widest accelerated micro-kernel (<see cref="GemmDriver{T, TKernel}"/>).
/// </remarks>
internal static class Gemm
{
    /// <summary>Most threads one call may use; 1 forces the serial path (results are identical either way).</summary>
    internal static int MaxThreads { get; set; } = DefaultThreads();

    private static int DefaultThreads() =>
        int.TryParse(Environment.GetEnvironmentVariable("DENDRITE_NUM_THREADS"), out int n) && n >= 1 ? n : Environment.ProcessorCount;

    /// <summary>C[m×n] = α·op(A)·op(B) + β·C for float32 or float64.</summary>
    public static void Multiply<T>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc,
        T alpha, T beta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new NotSupportedException($"Gemm supports float and double, not {typeof(T).Name}.");
        if (Vector512.IsHardwareAccelerated)
            Multiply<T, GemmKernel512<T>>(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, alpha, beta);
        else if (Vector256.IsHardwareAccelerated)
            Multiply<T, GemmKernel256<T>>(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, alpha, beta);
        else if (Vector128.IsHardwareAccelerated)
            Multiply<T, GemmKernel128<T>>(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, alpha, beta);
        else
            Multiply<T, GemmKernelScalar<T>>(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, alpha, beta);
    }

    /// <summary>C[m×n] = α·op(A)·op(B) + β·C with a chosen micro-kernel (tests run every width this way).</summary>
    internal static unsafe void Multiply<T, TKernel>(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, Span<T> c, int ldc,
        T alpha, T beta) where T : unmanaged, INumber<T> where TKernel : IGemmKernel<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        CheckOperand(a.Length, transA ? k : m, transA ? m : k, lda, nameof(a));
        CheckOperand(b.Length, transB ? n : k, transB ? k : n, ldb, nameof(b));
        CheckOperand(c.Length, m, n, ldc, nameof(c));
        if (m == 0 || n == 0) return;
        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
        {
            if (k == 0 || alpha == T.Zero)
            {
                Scale(pc, m, n, ldc, beta);
                return;
            }
            var ops = new GemmOperands<T>(transA, transB, m, n, k, pa, lda, pb, ldb, pc, ldc, alpha, beta);
            if (GemmSkinny<T>.Applies(ops)) GemmSkinny<T>.Run(ops, MaxThreads);
            else GemmDriver<T, TKernel>.Run(ops, MaxThreads);
        }
    }

    /// <summary>
    /// A dense layer's forward: y[m×n] = x[m×k]·Wᵀ + b, then max(y, 0) when <paramref name="relu"/>, with W stored [n, k]
    /// and <paramref name="bias"/> n values or empty. Bitwise what broadcasting b into y, <see cref="Multiply{T}"/> with
    /// β = 1 and a ReLU pass compute; on the blocked path the bias and ReLU run per task on the thread that computes that
    /// block of y, while it is in its cache (no separate passes, no block of y moving between cores).
    /// <paramref name="packedW"/>, when not empty, is W again in <see cref="SkinnyPacking{T}"/>'s layout (32-byte aligned),
    /// which batches of up to <see cref="GemmSkinny{T}.MaxRows"/> rows read instead of W's whole groups of rows (same bits).
    /// </summary>
    public static unsafe void Linear<T>(int m, int n, int k, ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> bias, Span<T> y, bool relu,
        ReadOnlySpan<T> packedW = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new NotSupportedException($"Gemm supports float and double, not {typeof(T).Name}.");
        T beta = bias.IsEmpty ? T.Zero : T.One;
        if (m <= GemmSkinny<T>.MaxRows || n == 0 || k == 0)
        {
            for (int i = 0; i < m && !bias.IsEmpty; i++) bias[..n].CopyTo(y.Slice(i * n, n));
            int ld = Math.Max(k, 1); // k = 0: y is the bias (or zeros)
            if (!packedW.IsEmpty && m > 0 && n > 0 && k > 0) SkinnyPacked(m, n, k, x, w, packedW, y, beta);
            else Multiply(false, true, m, n, k, x, ld, w, ld, y, Math.Max(n, 1), T.One, beta);
            if (relu) Rectify(y[..(m * n)]);
            return;
        }
        if (!bias.IsEmpty && bias.Length < n) throw new ArgumentException($"The bias holds {bias.Length} values, too few for {n} outputs.", nameof(bias));
        CheckOperand(x.Length, m, k, k, nameof(x));
        CheckOperand(w.Length, n, k, k, nameof(w));
        CheckOperand(y.Length, m, n, n, nameof(y));
        fixed (T* px = x)
        fixed (T* pw = w)
        fixed (T* pb = bias)
        fixed (T* py = y)
        {
            var ops = new GemmOperands<T>(false, true, m, n, k, px, k, pw, k, py, n, T.One, beta) { Bias = bias.IsEmpty ? null : pb, Relu = relu };
            if (Vector512.IsHardwareAccelerated) GemmDriver<T, GemmKernel512<T>>.Run(ops, MaxThreads);
            else if (Vector256.IsHardwareAccelerated) GemmDriver<T, GemmKernel256<T>>.Run(ops, MaxThreads);
            else if (Vector128.IsHardwareAccelerated) GemmDriver<T, GemmKernel128<T>>.Run(ops, MaxThreads);
            else GemmDriver<T, GemmKernelScalar<T>>.Run(ops, MaxThreads);
        }
    }

    /// <summary>y = x·Wᵀ + β·y for m ≤ <see cref="GemmSkinny{T}.MaxRows"/> with W's whole groups of rows read from
    /// <paramref name="packedW"/>.</summary>
    private static unsafe void SkinnyPacked<T>(int m, int n, int k, ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> packedW, Span<T> y, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckOperand(x.Length, m, k, k, nameof(x));
        CheckOperand(w.Length, n, k, k, nameof(w));
        CheckOperand(y.Length, m, n, n, nameof(y));
        if (packedW.Length < SkinnyPacking<T>.Length(n, k))
            throw new ArgumentException($"The packed weights hold {packedW.Length} values, too few for {n}×{k} ({SkinnyPacking<T>.Length(n, k)}).", nameof(packedW));
        fixed (T* px = x)
        fixed (T* pw = w)
        fixed (T* pp = packedW)
        fixed (T* py = y)
        {
            if ((nuint)pp % 32 != 0) throw new ArgumentException("The packed weights must start on a 32-byte boundary.", nameof(packedW));
            GemmSkinny<T>.Run(new GemmOperands<T>(false, true, m, n, k, px, k, pw, k, py, n, T.One, beta) { PackedB = pp }, MaxThreads);
        }
    }

    /// <summary>y = max(y, 0) in place, elementwise (float or double).</summary>
    private static void Rectify<T>(Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float)) Activations.Relu<float>(MemoryMarshal.Cast<T, float>(y), MemoryMarshal.Cast<T, float>(y));
        else Activations.Relu<double>(MemoryMarshal.Cast<T, double>(y), MemoryMarshal.Cast<T, double>(y));
    }

    /// <summary>C = β·C, where β = 0 writes zeros without reading C (so NaN in C does not survive).</summary>
    private static unsafe void Scale<T>(T* c, int m, int n, nint ldc, T beta) where T : unmanaged, INumber<T>
    {
        if (beta == T.One) return;
        for (int i = 0; i < m; i++)
        {
            var row = new Span<T>(c + i * ldc, n);
            if (beta == T.Zero) row.Clear();
            else for (int j = 0; j < n; j++) row[j] *= beta;
        }
    }

    /// <summary>Checks that a rows×cols matrix with row stride ld fits in a span of the given length.</summary>
    private static void CheckOperand(int length, int rows, int cols, int ld, string name)
    {
        if (ld < Math.Max(1, cols))
            throw new ArgumentOutOfRangeException(name, $"Leading dimension {ld} is less than the {cols} columns of {name}.");
        if (rows > 0 && cols > 0 && length < (long)(rows - 1) * ld + cols)
            throw new ArgumentException($"{name} holds {length} elements, too few for {rows}×{cols} with stride {ld}.", name);
    }
}
