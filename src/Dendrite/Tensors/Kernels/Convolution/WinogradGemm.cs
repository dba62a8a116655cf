using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// The products of Winograd's F(4×4, 3×3) (<see cref="WinogradConv"/>): for each of the 36 tile entries ξ,
/// M[ξ] = V[ξ]·U[ξ], tiles × C by C × K, in register tiles of eight tiles by one or two 16-float vectors of
/// output channels (per channel: one or two filter loads, eight broadcasts, eight or sixteen FMAs).
/// </summary>
/// <remarks>Each entry is summed over the channels in order from zero, whatever tile or thread computes it.</remarks>
internal static unsafe class WinogradGemm
{
    /// <summary>Tiles of one register tile; callers pad the tile count to a multiple of it.</summary>
    public const int Tiles = 8;

    /// <summary>
    /// m[(ξ·tiles + t)·K + k] = Σ_c v[(ξ·tiles + t)·C + c]·u[(ξ·C + c)·K + k] for all ξ &lt; 36, t &lt; <paramref name="tiles"/>
    /// (a multiple of <see cref="Tiles"/>) and k &lt; K (a multiple of 16).
    /// </summary>
    public static void Multiply(int tiles, int channels, int outChannels, float* v, float* u, float* m)
    {
        for (int xi = 0; xi < WinogradFilters.Points; xi++)
        {
            float* vx = v + (nint)xi * tiles * channels, ux = u + (nint)xi * channels * outChannels, mx = m + (nint)xi * tiles * outChannels;
            for (int t = 0; t < tiles; t += Tiles)
            {
                int k = 0;
                for (; k + 32 <= outChannels; k += 32)
                    Wide(channels, vx + (nint)t * channels, ux + k, outChannels, mx + (nint)t * outChannels + k);
                if (k < outChannels) Narrow(channels, vx + (nint)t * channels, ux + k, outChannels, mx + (nint)t * outChannels + k);
            }
        }
    }

    /// <summary>Eight tiles × 32 output channels: m[r·K + q] = Σ_c v[r·C + c]·u[c·K + q].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Wide(int channels, float* v, float* u, int k, float* m)
    {
        Vector512<float> a00 = default, a01 = default, a10 = default, a11 = default, a20 = default, a21 = default, a30 = default, a31 = default;
        Vector512<float> a40 = default, a41 = default, a50 = default, a51 = default, a60 = default, a61 = default, a70 = default, a71 = default;
        nint c2 = 2 * (nint)channels, c3 = 3 * (nint)channels;
        float* v4 = v + 4 * (nint)channels;
        for (int c = 0; c < channels; c++, u += k, v++, v4++)
        {
            Vector512<float> u0 = Vector512.Load(u), u1 = Vector512.Load(u + 16);
            Vector512<float> t = Vector512.Create(v[0]);
            a00 = GemmFma.Apply(t, u0, a00); a01 = GemmFma.Apply(t, u1, a01);
            t = Vector512.Create(v[channels]);
            a10 = GemmFma.Apply(t, u0, a10); a11 = GemmFma.Apply(t, u1, a11);
            t = Vector512.Create(v[c2]);
            a20 = GemmFma.Apply(t, u0, a20); a21 = GemmFma.Apply(t, u1, a21);
            t = Vector512.Create(v[c3]);
            a30 = GemmFma.Apply(t, u0, a30); a31 = GemmFma.Apply(t, u1, a31);
            t = Vector512.Create(v4[0]);
            a40 = GemmFma.Apply(t, u0, a40); a41 = GemmFma.Apply(t, u1, a41);
            t = Vector512.Create(v4[channels]);
            a50 = GemmFma.Apply(t, u0, a50); a51 = GemmFma.Apply(t, u1, a51);
            t = Vector512.Create(v4[c2]);
            a60 = GemmFma.Apply(t, u0, a60); a61 = GemmFma.Apply(t, u1, a61);
            t = Vector512.Create(v4[c3]);
            a70 = GemmFma.Apply(t, u0, a70); a71 = GemmFma.Apply(t, u1, a71);
        }
        a00.Store(m); a01.Store(m + 16); m += k;
        a10.Store(m); a11.Store(m + 16); m += k;
        a20.Store(m); a21.Store(m + 16); m += k;
        a30.Store(m); a31.Store(m + 16); m += k;
        a40.Store(m); a41.Store(m + 16); m += k;
        a50.Store(m); a51.Store(m + 16); m += k;
        a60.Store(m); a61.Store(m + 16); m += k;
        a70.Store(m); a71.Store(m + 16);
    }

    /// <summary>Eight tiles × 16 output channels: m[r·K + q] = Σ_c v[r·C + c]·u[c·K + q].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Narrow(int channels, float* v, float* u, int k, float* m)
    {
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        nint c2 = 2 * (nint)channels, c3 = 3 * (nint)channels;
        float* v4 = v + 4 * (nint)channels;
        for (int c = 0; c < channels; c++, u += k, v++, v4++)
        {
            Vector512<float> u0 = Vector512.Load(u);
            a0 = GemmFma.Apply(Vector512.Create(v[0]), u0, a0);
            a1 = GemmFma.Apply(Vector512.Create(v[channels]), u0, a1);
            a2 = GemmFma.Apply(Vector512.Create(v[c2]), u0, a2);
            a3 = GemmFma.Apply(Vector512.Create(v[c3]), u0, a3);
            a4 = GemmFma.Apply(Vector512.Create(v4[0]), u0, a4);
            a5 = GemmFma.Apply(Vector512.Create(v4[channels]), u0, a5);
            a6 = GemmFma.Apply(Vector512.Create(v4[c2]), u0, a6);
            a7 = GemmFma.Apply(Vector512.Create(v4[c3]), u0, a7);
        }
        a0.Store(m); m += k;
        a1.Store(m); m += k;
        a2.Store(m); m += k;
        a3.Store(m); m += k;
        a4.Store(m); m += k;
        a5.Store(m); m += k;
        a6.Store(m); m += k;
        a7.Store(m);
    }
}
