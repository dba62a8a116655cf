using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>AVX2 micro-kernel: a 6×(2·w) tile (6×16 float, 6×8 double) held in 12 of the 16 ymm registers.</summary>
/// <remarks>
/// Each step p loads one row of the B panel as two vectors b₀, b₁, broadcasts the six A values
/// a₀…a₅ of column p and accumulates cᵣⱼ += aᵣ·bⱼ: 12 FMAs per 2 loads and 6 broadcasts.
/// </remarks>
internal readonly struct GemmKernel256<T> : IGemmKernel<T> where T : unmanaged, INumber<T>
{
    /// <inheritdoc/>
    public static int Mr => 6;

    /// <inheritdoc/>
    public static int Nr => 2 * Vector256<T>.Count;

    /// <inheritdoc/>
    public static int Kc => GemmBlocking.Depth;

    /// <inheritdoc/>
    public static unsafe int Mc => GemmBlocking.RowsForL2(Kc, Mr, sizeof(T));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, T* a, nint rowStride, nint depthStride, T* b, nint ldb, T* c, nint ldc, T alpha, T beta)
    {
        int step = Vector256<T>.Count;
        for (int r = 0; r < 6; r++) GemmPrefetch.Row(c + r * ldc, 2 * step);
        T* a0 = a, a1 = a + rowStride, a2 = a + 2 * rowStride, a3 = a + 3 * rowStride, a4 = a + 4 * rowStride, a5 = a + 5 * rowStride;
        Vector256<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (nint p = 0, q = 0; p < kc; p++, q += depthStride)
        {
            Vector256<T> b0 = Vector256.Load(b);
            Vector256<T> b1 = Vector256.Load(b + step);
            Vector256<T> x = Vector256.Create(a0[q]);
            c00 = GemmFma.Apply(x, b0, c00);
            c01 = GemmFma.Apply(x, b1, c01);
            x = Vector256.Create(a1[q]);
            c10 = GemmFma.Apply(x, b0, c10);
            c11 = GemmFma.Apply(x, b1, c11);
            x = Vector256.Create(a2[q]);
            c20 = GemmFma.Apply(x, b0, c20);
            c21 = GemmFma.Apply(x, b1, c21);
            x = Vector256.Create(a3[q]);
            c30 = GemmFma.Apply(x, b0, c30);
            c31 = GemmFma.Apply(x, b1, c31);
            x = Vector256.Create(a4[q]);
            c40 = GemmFma.Apply(x, b0, c40);
            c41 = GemmFma.Apply(x, b1, c41);
            x = Vector256.Create(a5[q]);
            c50 = GemmFma.Apply(x, b0, c50);
            c51 = GemmFma.Apply(x, b1, c51);
            b += ldb;
        }
        Store(c, ldc, alpha, beta, c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51);
    }

    /// <summary>C tile = α·acc + β·C (β = 0 overwrites without reading C).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store(T* c, nint ldc, T alpha, T beta,
        Vector256<T> c00, Vector256<T> c01, Vector256<T> c10, Vector256<T> c11, Vector256<T> c20, Vector256<T> c21,
        Vector256<T> c30, Vector256<T> c31, Vector256<T> c40, Vector256<T> c41, Vector256<T> c50, Vector256<T> c51)
    {
        int step = Vector256<T>.Count;
        Vector256<T> va = Vector256.Create(alpha);
        if (beta == T.Zero)
        {
            Overwrite(c, step, c00 * va, c01 * va);
            Overwrite(c + ldc, step, c10 * va, c11 * va);
            Overwrite(c + 2 * ldc, step, c20 * va, c21 * va);
            Overwrite(c + 3 * ldc, step, c30 * va, c31 * va);
            Overwrite(c + 4 * ldc, step, c40 * va, c41 * va);
            Overwrite(c + 5 * ldc, step, c50 * va, c51 * va);
            return;
        }
        Vector256<T> vb = Vector256.Create(beta);
        Accumulate(c, step, c00 * va, c01 * va, vb);
        Accumulate(c + ldc, step, c10 * va, c11 * va, vb);
        Accumulate(c + 2 * ldc, step, c20 * va, c21 * va, vb);
        Accumulate(c + 3 * ldc, step, c30 * va, c31 * va, vb);
        Accumulate(c + 4 * ldc, step, c40 * va, c41 * va, vb);
        Accumulate(c + 5 * ldc, step, c50 * va, c51 * va, vb);
    }

    /// <summary>c[0..2w) = (x₀, x₁).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Overwrite(T* c, int step, Vector256<T> x0, Vector256<T> x1)
    {
        x0.Store(c);
        x1.Store(c + step);
    }

    /// <summary>c[0..2w) = (x₀, x₁) + β·c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Accumulate(T* c, int step, Vector256<T> x0, Vector256<T> x1, Vector256<T> vb)
    {
        GemmFma.Apply(vb, Vector256.Load(c), x0).Store(c);
        GemmFma.Apply(vb, Vector256.Load(c + step), x1).Store(c + step);
    }
}
