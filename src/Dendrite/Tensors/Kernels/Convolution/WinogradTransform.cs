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
    /// v[(6i + j)·vs] = (Bᵀ·d·B)[i, j] for d[i, j] = src[i·rowStride + j·colStride] (16 floats each, one per channel).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Input(float* src, nint rowStride, nint colStride, float* v, nint vs)
    {
        Vector512<float>* t = stackalloc Vector512<float>[36];
        for (int j = 0; j < 6; j++)
        {
            float* s = src + j * colStride;
            BT(Vector512.Load(s), Vector512.Load(s + rowStride), Vector512.Load(s + 2 * rowStride), Vector512.Load(s + 3 * rowStride),
                Vector512.Load(s + 4 * rowStride), Vector512.Load(s + 5 * rowStride), t + j, 6);
        }
        Vector512<float>* r = stackalloc Vector512<float>[6];
        for (int i = 0; i < 6; i++)
        {
            Vector512<float>* row = t + 6 * i;
            BT(row[0], row[1], row[2], row[3], row[4], row[5], r, 1);
            for (int j = 0; j < 6; j++) r[j].Store(v + (6 * i + j) * vs);
        }
    }

    /// <summary>
    /// dst[i·rowStride + j·colStride] = (Aᵀ·m·A)[i, j] + bias for m[i, j] = m[(6i + j)·ms], i, j &lt; 4 (16 floats each);
    /// with <paramref name="relu"/>, max(·, 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Output(float* m, nint ms, Vector512<float> bias, bool relu, float* dst, nint rowStride, nint colStride)
    {
        Vector512<float>* t = stackalloc Vector512<float>[24];
        for (int j = 0; j < 6; j++)
        {
            float* s = m + j * ms;
            AT(Vector512.Load(s), Vector512.Load(s + 6 * ms), Vector512.Load(s + 12 * ms), Vector512.Load(s + 18 * ms),
                Vector512.Load(s + 24 * ms), Vector512.Load(s + 30 * ms), t + j, 6);
        }
        Vector512<float>* r = stackalloc Vector512<float>[4];
        for (int i = 0; i < 4; i++)
        {
            Vector512<float>* row = t + 6 * i;
            AT(row[0], row[1], row[2], row[3], row[4], row[5], r, 1);
            for (int j = 0; j < 4; j++)
            {
                Vector512<float> y = r[j] + bias;
                if (relu) y = Vector512.Max(y, Vector512<float>.Zero);
                y.Store(dst + i * rowStride + j * colStride);
            }
        }
    }

    /// <summary>o[q·os] = (Bᵀ·z)[q] for the six entries z.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void BT(Vector512<float> z0, Vector512<float> z1, Vector512<float> z2, Vector512<float> z3, Vector512<float> z4,
        Vector512<float> z5, Vector512<float>* o, int os)
    {
        Vector512<float> four = Vector512.Create(4f), five = Vector512.Create(5f), two = Vector512.Create(2f);
        Vector512<float> a = z4 - four * z2, b = z3 - four * z1;      // z4 − 4z2, z3 − 4z1
        Vector512<float> c = z4 - z2, d = two * (z3 - z1);             // z4 − z2, 2z3 − 2z1
        o[0] = (four * z0 - five * z2) + z4;
        o[os] = a + b;
        o[2 * os] = a - b;
        o[3 * os] = c + d;
        o[4 * os] = c - d;
        o[5 * os] = (four * z1 - five * z3) + z5;
    }

    /// <summary>o[q·os] = (Aᵀ·m)[q] for the six entries m.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AT(Vector512<float> m0, Vector512<float> m1, Vector512<float> m2, Vector512<float> m3, Vector512<float> m4,
        Vector512<float> m5, Vector512<float>* o, int os)
    {
        Vector512<float> s12 = m1 + m2, d12 = m1 - m2, s34 = m3 + m4, d34 = m3 - m4;
        o[0] = (m0 + s12) + s34;
        o[os] = d12 + Vector512.Create(2f) * d34;
        o[2 * os] = s12 + Vector512.Create(4f) * s34;
        o[3 * os] = (d12 + Vector512.Create(8f) * d34) + m5;
    }
}
