using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>AVX-512 micro-kernel: a 12×(2·w) tile (12×32 float, 12×16 double) held in 24 of the 32 zmm registers.</summary>
/// <remarks>
/// Each step p loads one row of the B panel as two vectors b₀, b₁, broadcasts the twelve A values
/// a₀…a₁₁ of column p and accumulates cᵣⱼ += aᵣ·bⱼ: 24 FMAs per 2 loads and 12 broadcasts.
/// </remarks>
internal readonly struct GemmKernel512<T> : IGemmKernel<T> where T : unmanaged, INumber<T>
{
    /// <inheritdoc/>
    public static int Mr => 12;

    /// <inheritdoc/>
    public static int Nr => 2 * Vector512<T>.Count;

    /// <inheritdoc/>
    public static int Kc => GemmBlocking.Depth;

    /// <inheritdoc/>
    public static unsafe int Mc => GemmBlocking.RowsForL2(Kc, Mr, sizeof(T));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Run(int kc, T* a, nint rowStride, nint depthStride, T* b, nint ldb, T* c, nint ldc, T alpha, T beta)
    {
        int step = Vector512<T>.Count;
        for (int r = 0; r < 12; r++) GemmPrefetch.Row(c + r * ldc, 2 * step);
        // Rows 6–11 are addressed from a6 so that fewer than 16 pointers are live in the loop.
        T* a0 = a, a1 = a + rowStride, a2 = a + 2 * rowStride, a3 = a + 3 * rowStride, a4 = a + 4 * rowStride;
        T* a5 = a + 5 * rowStride, a6 = a + 6 * rowStride;
        Vector512<T> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<T> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<T> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
        Vector512<T> c90 = default, c91 = default, c100 = default, c101 = default, c110 = default, c111 = default;
        for (nint p = 0, q = 0; p < kc; p++, q += depthStride)
        {
            Vector512<T> b0 = Vector512.Load(b);
            Vector512<T> b1 = Vector512.Load(b + step);
            Vector512<T> x = Vector512.Create(a0[q]);
            c00 = GemmFma.Apply(x, b0, c00);
            c01 = GemmFma.Apply(x, b1, c01);
            x = Vector512.Create(a1[q]);
            c10 = GemmFma.Apply(x, b0, c10);
            c11 = GemmFma.Apply(x, b1, c11);
            x = Vector512.Create(a2[q]);
            c20 = GemmFma.Apply(x, b0, c20);
            c21 = GemmFma.Apply(x, b1, c21);
            x = Vector512.Create(a3[q]);
            c30 = GemmFma.Apply(x, b0, c30);
            c31 = GemmFma.Apply(x, b1, c31);
            x = Vector512.Create(a4[q]);
            c40 = GemmFma.Apply(x, b0, c40);
            c41 = GemmFma.Apply(x, b1, c41);
            x = Vector512.Create(a5[q]);
            c50 = GemmFma.Apply(x, b0, c50);
            c51 = GemmFma.Apply(x, b1, c51);
            x = Vector512.Create(a6[q]);
            c60 = GemmFma.Apply(x, b0, c60);
            c61 = GemmFma.Apply(x, b1, c61);
            x = Vector512.Create(a6[q + rowStride]);
            c70 = GemmFma.Apply(x, b0, c70);
            c71 = GemmFma.Apply(x, b1, c71);
            x = Vector512.Create(a6[q + 2 * rowStride]);
            c80 = GemmFma.Apply(x, b0, c80);
            c81 = GemmFma.Apply(x, b1, c81);
            x = Vector512.Create(a6[q + 3 * rowStride]);
            c90 = GemmFma.Apply(x, b0, c90);
            c91 = GemmFma.Apply(x, b1, c91);
            x = Vector512.Create(a6[q + 4 * rowStride]);
            c100 = GemmFma.Apply(x, b0, c100);
            c101 = GemmFma.Apply(x, b1, c101);
            x = Vector512.Create(a6[q + 5 * rowStride]);
            c110 = GemmFma.Apply(x, b0, c110);
            c111 = GemmFma.Apply(x, b1, c111);
            b += ldb;
        }
        Vector512<T> va = Vector512.Create(alpha);
        if (beta == T.Zero)
        {
            Overwrite(c, step, c00 * va, c01 * va);
            Overwrite(c + ldc, step, c10 * va, c11 * va);
            Overwrite(c + 2 * ldc, step, c20 * va, c21 * va);
            Overwrite(c + 3 * ldc, step, c30 * va, c31 * va);
            Overwrite(c + 4 * ldc, step, c40 * va, c41 * va);
            Overwrite(c + 5 * ldc, step, c50 * va, c51 * va);
            Overwrite(c + 6 * ldc, step, c60 * va, c61 * va);
            Overwrite(c + 7 * ldc, step, c70 * va, c71 * va);
            Overwrite(c + 8 * ldc, step, c80 * va, c81 * va);
            Overwrite(c + 9 * ldc, step, c90 * va, c91 * va);
            Overwrite(c + 10 * ldc, step, c100 * va, c101 * va);
            Overwrite(c + 11 * ldc, step, c110 * va, c111 * va);
            return;
        }
        Vector512<T> vb = Vector512.Create(beta);
        Accumulate(c, step, c00 * va, c01 * va, vb);
        Accumulate(c + ldc, step, c10 * va, c11 * va, vb);
        Accumulate(c + 2 * ldc, step, c20 * va, c21 * va, vb);
        Accumulate(c + 3 * ldc, step, c30 * va, c31 * va, vb);
        Accumulate(c + 4 * ldc, step, c40 * va, c41 * va, vb);
        Accumulate(c + 5 * ldc, step, c50 * va, c51 * va, vb);
        Accumulate(c + 6 * ldc, step, c60 * va, c61 * va, vb);
        Accumulate(c + 7 * ldc, step, c70 * va, c71 * va, vb);
        Accumulate(c + 8 * ldc, step, c80 * va, c81 * va, vb);
        Accumulate(c + 9 * ldc, step, c90 * va, c91 * va, vb);
        Accumulate(c + 10 * ldc, step, c100 * va, c101 * va, vb);
        Accumulate(c + 11 * ldc, step, c110 * va, c111 * va, vb);
    }

    /// <summary>c[0..2w) = (x₀, x₁).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Overwrite(T* c, int step, Vector512<T> x0, Vector512<T> x1)
    {
        x0.Store(c);
        x1.Store(c + step);
    }

    /// <summary>c[0..2w) = (x₀, x₁) + β·c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Accumulate(T* c, int step, Vector512<T> x0, Vector512<T> x1, Vector512<T> vb)
    {
        GemmFma.Apply(vb, Vector512.Load(c), x0).Store(c);
        GemmFma.Apply(vb, Vector512.Load(c + step), x1).Store(c + step);
    }
}
