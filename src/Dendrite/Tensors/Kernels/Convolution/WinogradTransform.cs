using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// The data transforms of Winograd's F(4×4, 3×3) on 16 channels at once (one <see cref="Vector512{T}"/> per tile
/// entry): the input tile d (6×6) becomes V = Bᵀ·d·B, and the product tile m (6×6) becomes the 4×4 outputs Aᵀ·m·A.
/// </summary>
/// <remarks>
/// <para>Bᵀ rows: (4, 0, −5, 0, 1, 0), (0, −4, −4, 1, 1, 0), (0, 4, −4, −1, 1, 0), (0, −2, −1, 2, 1, 0),
/// (0, 2, −1, −2, 1, 0), (0, 4, 0, −5, 0, 1). Aᵀ rows: (1, 1, 1, 1, 1, 0), (0, 1, −1, 2, −2, 0), (0, 1, 1, 4, 4, 0),
/// (0, 1, −1, 8, −8, 1). Each is applied down the columns, then along the rows, in a fixed order.</para>
/// </remarks>
internal static unsafe class WinogradTransform
{
    /// <summary>
    /// v[(6i + j)·vs] = (Bᵀ·d·B)[i, j] for d[i, j] = src[i·rowStride + j·colStride] (16 floats each, one per channel);
    /// <paramref name="t"/> is scratch for 36 vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Input(float* src, nint rowStride, nint colStride, float* v, nint vs, Vector512<float>* t)
    {
        for (int j = 0; j < 6; j++)
        {
            float* s = src + j * colStride;
            BT(Vector512.Load(s), Vector512.Load(s + rowStride), Vector512.Load(s + 2 * rowStride), Vector512.Load(s + 3 * rowStride),
                Vector512.Load(s + 4 * rowStride), Vector512.Load(s + 5 * rowStride),
                out t[j], out t[6 + j], out t[12 + j], out t[18 + j], out t[24 + j], out t[30 + j]);
        }
        for (int i = 0; i < 6; i++, t += 6, v += 6 * vs)
        {
            BT(t[0], t[1], t[2], t[3], t[4], t[5], out var r0, out var r1, out var r2, out var r3, out var r4, out var r5);
            r0.Store(v);
            r1.Store(v + vs);
            r2.Store(v + 2 * vs);
            r3.Store(v + 3 * vs);
            r4.Store(v + 4 * vs);
            r5.Store(v + 5 * vs);
        }
    }

    /// <summary>
    /// dst[i·rowStride + j·colStride] = (Aᵀ·m·A)[i, j] + bias for m[i, j] = m[(6i + j)·ms], i, j &lt; 4 (16 floats each);
    /// with <paramref name="relu"/>, ReLU (x where x &gt; 0, else +0, as the ReLU operator of the elementwise kernels). <paramref name="t"/> is scratch for 24 vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Output(float* m, nint ms, Vector512<float> bias, bool relu, float* dst, nint rowStride, nint colStride, Vector512<float>* t)
    {
        for (int j = 0; j < 6; j++)
        {
            float* s = m + j * ms;
            AT(Vector512.Load(s), Vector512.Load(s + 6 * ms), Vector512.Load(s + 12 * ms), Vector512.Load(s + 18 * ms),
                Vector512.Load(s + 24 * ms), Vector512.Load(s + 30 * ms), out t[j], out t[6 + j], out t[12 + j], out t[18 + j]);
        }
        for (int i = 0; i < 4; i++, t += 6, dst += rowStride)
        {
            AT(t[0], t[1], t[2], t[3], t[4], t[5], out var r0, out var r1, out var r2, out var r3);
            r0 += bias;
            r1 += bias;
            r2 += bias;
            r3 += bias;
            if (relu)
            {
                // as ReluOperator: x where x > 0, else +0
                r0 &= Vector512.GreaterThan(r0, Vector512<float>.Zero);
                r1 &= Vector512.GreaterThan(r1, Vector512<float>.Zero);
                r2 &= Vector512.GreaterThan(r2, Vector512<float>.Zero);
                r3 &= Vector512.GreaterThan(r3, Vector512<float>.Zero);
            }
            r0.Store(dst);
            r1.Store(dst + colStride);
            r2.Store(dst + 2 * colStride);
            r3.Store(dst + 3 * colStride);
        }
    }

    /// <summary>(o0, …, o5) = Bᵀ·(z0, …, z5).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BT(Vector512<float> z0, Vector512<float> z1, Vector512<float> z2, Vector512<float> z3, Vector512<float> z4,
        Vector512<float> z5, out Vector512<float> o0, out Vector512<float> o1, out Vector512<float> o2, out Vector512<float> o3,
        out Vector512<float> o4, out Vector512<float> o5)
    {
        Vector512<float> four = Vector512.Create(4f), five = Vector512.Create(5f), two = Vector512.Create(2f);
        Vector512<float> a = z4 - four * z2, b = z3 - four * z1;      // z4 − 4z2, z3 − 4z1
        Vector512<float> c = z4 - z2, d = two * (z3 - z1);             // z4 − z2, 2z3 − 2z1
        o0 = (four * z0 - five * z2) + z4;
        o1 = a + b;
        o2 = a - b;
        o3 = c + d;
        o4 = c - d;
        o5 = (four * z1 - five * z3) + z5;
    }

    /// <summary>(o0, …, o3) = Aᵀ·(m0, …, m5).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AT(Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3, Vector512<float> m4,
        Vector512<float> m5, out Vector512<float> o0, out Vector512<float> o1, out Vector512<float> o2, out Vector512<float> o3)
    {
        Vector512<float> s12 = m1 + m2, d12 = m1 - m2, s34 = m3 + m4, d34 = m3 - m4;
        o0 = (m0 + s12) + s34;
        o1 = d12 + Vector512.Create(2f) * d34;
        o2 = s12 + Vector512.Create(4f) * s34;
        o3 = (d12 + Vector512.Create(8f) * d34) + m5;
    }
}
