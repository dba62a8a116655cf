using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// <see cref="LstmGates"/> for float32 rows on AVX-512, fused: one pass over a row reads the four gates' 16-wide
/// columns j together and writes every output of column j, instead of one TensorPrimitives pass per operation.
/// </summary>
/// <remarks>
/// σ and tanh come from one expm1: with k = round(x / ln 2) and r = x − k·ln 2 (|r| ≤ ln 2 / 2, ln 2 split in two
/// for the reduction), expm1 r = r + r²/2! + … + r⁷/7! (Taylor; the first omitted term is below 2⁻²⁶ of r) and
/// expm1 x = 2ᵏ·expm1 r + (2ᵏ − 1). Then σ(x) = 1 / (2 + expm1(−x)) and tanh x = e / (e + 2) with e = expm1 2x:
/// neither subtracts nearly equal numbers, so both keep a few ulps of relative accuracy, also near 0. Arguments are
/// clamped (σ to |x| ≤ 87, tanh to |x| ≤ 10, where tanh rounds to ±1) with the clamp's operands ordered so NaN passes.
/// </remarks>
internal static class LstmGates512
{
    /// <summary>Whether the fused path runs: AVX-512 and a hidden size that is a multiple of 16.</summary>
    public static bool Applies(int hidden) => Avx512F.IsSupported && hidden % 16 == 0;

    /// <inheritdoc cref="LstmGates.Forward{T}"/>
    public static void Forward(ReadOnlySpan<float> xp, ReadOnlySpan<float> hp, ReadOnlySpan<float> c, int hidden,
        Span<float> gates, Span<float> cNext, Span<float> tanhC, Span<float> hNext)
    {
        int h = hidden, rows = c.Length / h;
        if (xp.Length < rows * 4 * h || hp.Length < rows * 4 * h || gates.Length < rows * 4 * h || cNext.Length < rows * h
            || tanhC.Length < rows * h || hNext.Length < rows * h)
            throw new ArgumentException("LstmGates512.Forward needs [N, 4H] rows and [N, H] states.");
        for (int n = 0; n < rows; n++)
        {
            int a = n * 4 * h, s = n * h;
            for (int j = 0; j < h; j += 16)
            {
                var i = Sigmoid(Load(xp, a + j) + Load(hp, a + j));
                var f = Sigmoid(Load(xp, a + h + j) + Load(hp, a + h + j));
                var g = Tanh(Load(xp, a + 2 * h + j) + Load(hp, a + 2 * h + j));
                var o = Sigmoid(Load(xp, a + 3 * h + j) + Load(hp, a + 3 * h + j));
                var cn = f * Load(c, s + j) + i * g;
                var tc = Tanh(cn);
                i.StoreUnsafe(ref gates[a + j]);
                f.StoreUnsafe(ref gates[a + h + j]);
                g.StoreUnsafe(ref gates[a + 2 * h + j]);
                o.StoreUnsafe(ref gates[a + 3 * h + j]);
                cn.StoreUnsafe(ref cNext[s + j]);
                tc.StoreUnsafe(ref tanhC[s + j]);
                (o * tc).StoreUnsafe(ref hNext[s + j]);
            }
        }
    }

    /// <inheritdoc cref="LstmGates.Backward{T}"/>
    public static void Backward(ReadOnlySpan<float> gates, ReadOnlySpan<float> tanhC, ReadOnlySpan<float> c, ReadOnlySpan<float> dhNext,
        ReadOnlySpan<float> dcNext, int hidden, Span<float> dz, Span<float> dc)
    {
        int h = hidden, rows = c.Length / h;
        if (gates.Length < rows * 4 * h || dz.Length < rows * 4 * h || tanhC.Length < rows * h || dhNext.Length < rows * h
            || dcNext.Length < rows * h || dc.Length < rows * h)
            throw new ArgumentException("LstmGates512.Backward needs [N, 4H] rows and [N, H] states.");
        var one = Vector512<float>.One;
        for (int n = 0; n < rows; n++)
        {
            int a = n * 4 * h, s = n * h;
            for (int j = 0; j < h; j += 16)
            {
                Vector512<float> i = Load(gates, a + j), f = Load(gates, a + h + j), g = Load(gates, a + 2 * h + j), o = Load(gates, a + 3 * h + j);
                Vector512<float> tc = Load(tanhC, s + j), dh = Load(dhNext, s + j);
                var dcHat = (one - tc * tc) * o * dh + Load(dcNext, s + j);
                (dh * tc * (o * (one - o))).StoreUnsafe(ref dz[a + 3 * h + j]);
                (dcHat * g * (i * (one - i))).StoreUnsafe(ref dz[a + j]);
                (dcHat * Load(c, s + j) * (f * (one - f))).StoreUnsafe(ref dz[a + h + j]);
                ((one - g * g) * i * dcHat).StoreUnsafe(ref dz[a + 2 * h + j]);
                (dcHat * f).StoreUnsafe(ref dc[s + j]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Load(ReadOnlySpan<float> s, int at) => Vector512.LoadUnsafe(in s[at]);

    /// <summary>σ(x) = 1 / (2 + expm1(−x)), the argument clamped to [−87, 87].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Sigmoid(Vector512<float> x) =>
        Vector512<float>.One / (Vector512.Create(2f) + Expm1(Clamp(-x, 87f)));

    /// <summary>tanh x = e / (e + 2) with e = expm1 2x, the argument clamped to [−10, 10].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Tanh(Vector512<float> x)
    {
        var e = Expm1(Clamp(x + x, 20f));
        return e / (e + Vector512.Create(2f));
    }

    /// <summary>min(max(x, −limit), limit) as VMAXPS/VMINPS with x second, so a NaN x comes out NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Clamp(Vector512<float> x, float limit) =>
        Avx512F.Min(Vector512.Create(limit), Avx512F.Max(Vector512.Create(-limit), x));

    /// <summary>expm1 x for |x| ≤ 87: 2ᵏ·expm1 r + (2ᵏ − 1), expm1 r by its Taylor polynomial to degree 7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Expm1(Vector512<float> x)
    {
        var k = Avx512F.ConvertToVector512Int32(x * Vector512.Create(1.44269504f)); // round to nearest
        var kf = Avx512F.ConvertToVector512Single(k);
        var r = Avx512F.FusedMultiplyAdd(kf, Vector512.Create(-0.693145751953125f), x); // ln 2's leading 16 bits: exact
        r = Avx512F.FusedMultiplyAdd(kf, Vector512.Create(-1.42860677e-6f), r);
        var p = Avx512F.FusedMultiplyAdd(r, Vector512.Create(1f / 5040), Vector512.Create(1f / 720));
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(1f / 120));
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(1f / 24));
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(1f / 6));
        p = Avx512F.FusedMultiplyAdd(p, r, Vector512.Create(0.5f));
        p = Avx512F.FusedMultiplyAdd(p * r, r, r);
        var scale = Avx512F.ShiftLeftLogical(k + Vector512.Create(127), 23).AsSingle();
        return Avx512F.FusedMultiplyAdd(scale, p, scale - Vector512<float>.One);
    }
}
