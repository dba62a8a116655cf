using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Max pooling whose windows tile the image (kernel = stride, no padding, no dilation: the usual 2×2, stride 2). No
/// arg-max is kept: backward finds each maximum again as the first element of its window equal to y, or the first
/// NaN when y is NaN, which is where the forward's first-maximum rule put it.
/// </summary>
/// <remarks>
/// Each window's gradient lands in its own elements, so backward writes every element of dx exactly once (zeros
/// included) and needs no clearing pass. 2×2 windows over float32 run eight (then four) outputs at a time with AVX2: the
/// rows' maxima are taken lane by lane, then neighbouring lanes are paired with shuffles.
/// </remarks>
internal static class MaxPoolTiled
{
    /// <summary>Whether <paramref name="g"/>'s windows tile the image without overlap or padding.</summary>
    public static bool Applies(in SlidingWindow g) =>
        g.KernelH == g.StrideH && g.KernelW == g.StrideW && g.DilationH == 1 && g.DilationW == 1
        && g.PadTop == 0 && g.PadLeft == 0 && g.PadBottom == 0 && g.PadRight == 0;

    /// <summary>y = the maximum of each window (NaN if the window holds one).</summary>
    public static void Forward<T>(SlidingWindow g, ReadOnlyMemory<T> x, Memory<T> y) where T : unmanaged, IFloatingPointIeee754<T> =>
        Pooling.ForRuns(g.Channels, g.InPlane, new ForwardRuns<T>(g, x, y));

    /// <summary>dx = dy at the first element of each window equal to its y, 0 everywhere else.</summary>
    public static void Backward<T>(SlidingWindow g, ReadOnlyMemory<T> x, ReadOnlyMemory<T> y, ReadOnlyMemory<T> dy, Memory<T> dx)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Pooling.ForRuns(g.Channels, 2.0 * g.InPlane, new BackwardRuns<T>(g, x, y, dy, dx));

    private readonly struct ForwardRuns<T>(SlidingWindow g, ReadOnlyMemory<T> x, Memory<T> y) : ISpanBody where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int p0, int count) => ForwardPlanes(g, x.Span, y.Span, p0, p0 + count);
    }

    private readonly struct BackwardRuns<T>(SlidingWindow g, ReadOnlyMemory<T> x, ReadOnlyMemory<T> y, ReadOnlyMemory<T> dy, Memory<T> dx) : ISpanBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int p0, int count) => BackwardPlanes(g, x.Span, y.Span, dy.Span, dx.Span, p0, p0 + count);
    }

    /// <summary>Forward over planes [p0, p1): their rows of windows one after another.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardPlanes<T>(in SlidingWindow g, ReadOnlySpan<T> x, Span<T> y, int p0, int p1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth, kh = g.KernelH, kw = g.KernelW, w = g.Width, inPlane = g.InPlane;
        bool pairs = kh == 2 && kw == 2, fast = pairs && typeof(T) == typeof(float) && Avx2.IsSupported;
        for (int p = p0; p < p1; p++)
        {
            for (int oy = 0; oy < oh; oy++)
            {
                ReadOnlySpan<T> rows = x.Slice(p * inPlane + oy * kh * w, kh * w);
                Span<T> yr = y.Slice((p * oh + oy) * ow, ow);
                int ox = fast ? Forward2x2(MemoryMarshal.Cast<T, float>(rows), w, MemoryMarshal.Cast<T, float>(yr)) : 0;
                if (pairs)
                {
                    for (; ox < ow; ox++)
                        yr[ox] = Max(Max(Max(rows[2 * ox], rows[2 * ox + 1]), rows[w + 2 * ox]), rows[w + 2 * ox + 1]);
                    continue;
                }
                for (; ox < ow; ox++)
                {
                    T best = rows[ox * kw];
                    for (int i = 0; i < kh; i++)
                        for (int j = 0; j < kw; j++) best = Max(best, rows[i * w + ox * kw + j]);
                    yr[ox] = best;
                }
            }
        }
    }

    /// <summary>The first-maximum rule: b replaces a only if it is larger, or NaN where a is not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Max<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T> => b > a || (T.IsNaN(b) && !T.IsNaN(a)) ? b : a;

    /// <summary>Backward over planes [p0, p1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardPlanes<T>(in SlidingWindow g, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int p0, int p1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int oh = g.OutHeight, ow = g.OutWidth, kh = g.KernelH, kw = g.KernelW, w = g.Width, inPlane = g.InPlane;
        bool fast = typeof(T) == typeof(float) && kh == 2 && kw == 2 && Avx2.IsSupported;
        for (int p = p0; p < p1; p++)
        {
            for (int oy = 0; oy < oh; oy++)
            {
                ReadOnlySpan<T> rows = x.Slice(p * inPlane + oy * kh * w, kh * w);
                Span<T> drows = dx.Slice(p * inPlane + oy * kh * w, kh * w);
                ReadOnlySpan<T> yr = y.Slice((p * oh + oy) * ow, ow), gr = dy.Slice((p * oh + oy) * ow, ow);
                int ox = fast ? Backward2x2(MemoryMarshal.Cast<T, float>(rows), w, MemoryMarshal.Cast<T, float>(yr),
                    MemoryMarshal.Cast<T, float>(gr), MemoryMarshal.Cast<T, float>(drows)) : 0;
                for (; ox < ow; ox++)
                {
                    bool found = false;
                    T m = yr[ox];
                    for (int i = 0; i < kh; i++)
                        for (int j = 0; j < kw; j++)
                        {
                            int at = i * w + ox * kw + j;
                            T v = rows[at];
                            bool hit = !found && (v == m || (T.IsNaN(v) && T.IsNaN(m)));
                            drows[at] = hit ? gr[ox] : T.Zero;
                            found |= hit;
                        }
                }
                for (int i = 0; i < kh; i++) drows.Slice(i * w + ow * kw, w - ow * kw).Clear();
            }
            dx.Slice(p * inPlane + oh * kh * w, inPlane - oh * kh * w).Clear();
        }
    }

    /// <summary>Eight 2×2 windows at a time (then four) over rows r₀ = rows[0, w) and r₁ = rows[w, 2w); returns how many outputs it wrote.</summary>
    private static int Forward2x2(ReadOnlySpan<float> rows, int w, Span<float> y)
    {
        ref float r0 = ref MemoryMarshal.GetReference(rows);
        ref float r1 = ref Unsafe.Add(ref r0, w);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int ox = 0;
        for (; ox + 8 <= y.Length; ox += 8)
        {
            nuint at = (nuint)(2 * ox);
            var v0 = MaxWithNaN(Vector256.LoadUnsafe(ref r0, at), Vector256.LoadUnsafe(ref r1, at));
            var v1 = MaxWithNaN(Vector256.LoadUnsafe(ref r0, at + 8), Vector256.LoadUnsafe(ref r1, at + 8));
            // even lanes (left column of each window) and odd lanes (right column), in 128-bit-lane order
            var left = Avx.Shuffle(v0, v1, 0b10_00_10_00);
            var right = Avx.Shuffle(v0, v1, 0b11_01_11_01);
            var m = MaxWithNaN(left, right);
            Avx2.Permute4x64(m.AsDouble(), 0b11_01_10_00).AsSingle().StoreUnsafe(ref yr, (nuint)ox);
        }
        if (ox + 4 <= y.Length)
        {
            nuint at = (nuint)(2 * ox);
            var v0 = MaxWithNaN(Vector128.LoadUnsafe(ref r0, at), Vector128.LoadUnsafe(ref r1, at));
            var v1 = MaxWithNaN(Vector128.LoadUnsafe(ref r0, at + 4), Vector128.LoadUnsafe(ref r1, at + 4));
            MaxWithNaN(Sse.Shuffle(v0, v1, 0b10_00_10_00), Sse.Shuffle(v0, v1, 0b11_01_11_01)).StoreUnsafe(ref yr, (nuint)ox);
            ox += 4;
        }
        return ox;
    }

    /// <summary>Backward of <see cref="Forward2x2"/>: routes each dy to its window's first element equal to y.</summary>
    private static int Backward2x2(ReadOnlySpan<float> rows, int w, ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> drows)
    {
        ref float r0 = ref MemoryMarshal.GetReference(rows);
        ref float r1 = ref Unsafe.Add(ref r0, w);
        ref float d0 = ref MemoryMarshal.GetReference(drows);
        ref float d1 = ref Unsafe.Add(ref d0, w);
        ref float yr = ref MemoryMarshal.GetReference(y);
        ref float gr = ref MemoryMarshal.GetReference(dy);
        var lowHalf = Vector256.Create(0, 0, 1, 1, 2, 2, 3, 3);
        var highHalf = Vector256.Create(4, 4, 5, 5, 6, 6, 7, 7);
        var odd = Vector256.Create(0, -1, 0, -1, 0, -1, 0, -1).AsSingle();
        int ox = 0;
        for (; ox + 8 <= y.Length; ox += 8)
        {
            var yv = Vector256.LoadUnsafe(ref yr, (nuint)ox);
            var gv = Vector256.LoadUnsafe(ref gr, (nuint)ox);
            for (int half = 0; half < 2; half++)
            {
                var idx = half == 0 ? lowHalf : highHalf;
                var ym = Avx2.PermuteVar8x32(yv, idx);     // y of each window, once per column
                var gm = Avx2.PermuteVar8x32(gv, idx);
                nuint at = (nuint)(2 * ox + 8 * half);
                var top = Matches(Vector256.LoadUnsafe(ref r0, at), ym);
                var bottom = Matches(Vector256.LoadUnsafe(ref r1, at), ym);
                var topPartner = Avx.Permute(top, 0b10_11_00_01);       // the other column of the same window
                var bottomPartner = Avx.Permute(bottom, 0b10_11_00_01);
                // scan order (0,0), (0,1), (1,0), (1,1): a match wins unless an earlier element of the window matched
                var winTop = Vector256.AndNot(top, topPartner & odd);
                var winBottom = Vector256.AndNot(Vector256.AndNot(bottom, top | topPartner), bottomPartner & odd);
                (winTop & gm).StoreUnsafe(ref d0, at);
                (winBottom & gm).StoreUnsafe(ref d1, at);
            }
        }
        if (ox + 4 <= y.Length)
        {
            var yv = Vector128.LoadUnsafe(ref yr, (nuint)ox);
            var gv = Vector128.LoadUnsafe(ref gr, (nuint)ox);
            var odd4 = Vector128.Create(0, -1, 0, -1).AsSingle();
            for (int half = 0; half < 2; half++)
            {
                var ym = half == 0 ? Sse.UnpackLow(yv, yv) : Sse.UnpackHigh(yv, yv);
                var gm = half == 0 ? Sse.UnpackLow(gv, gv) : Sse.UnpackHigh(gv, gv);
                nuint at = (nuint)(2 * ox + 4 * half);
                var top = Matches(Vector128.LoadUnsafe(ref r0, at), ym);
                var bottom = Matches(Vector128.LoadUnsafe(ref r1, at), ym);
                var topPartner = Sse.Shuffle(top, top, 0b10_11_00_01);
                var bottomPartner = Sse.Shuffle(bottom, bottom, 0b10_11_00_01);
                (Vector128.AndNot(top, topPartner & odd4) & gm).StoreUnsafe(ref d0, at);
                (Vector128.AndNot(Vector128.AndNot(bottom, top | topPartner), bottomPartner & odd4) & gm).StoreUnsafe(ref d1, at);
            }
            ox += 4;
        }
        return ox;
    }

    /// <summary>max(a, b), NaN when either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MaxWithNaN(Vector256<float> a, Vector256<float> b) =>
        Vector256.ConditionalSelect(Vector256.Equals(a, a), Avx.Max(a, b), a);

    /// <summary>max(a, b), NaN when either is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> MaxWithNaN(Vector128<float> a, Vector128<float> b) =>
        Vector128.ConditionalSelect(Vector128.Equals(a, a), Sse.Max(a, b), a);

    /// <summary>All-ones lanes where x equals m, or both are NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Matches(Vector128<float> x, Vector128<float> m) =>
        Vector128.Equals(x, m) | (~Vector128.Equals(x, x) & ~Vector128.Equals(m, m));

    /// <summary>All-ones lanes where x equals m, or both are NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Matches(Vector256<float> x, Vector256<float> m) =>
        Vector256.Equals(x, m) | (~Vector256.Equals(x, x) & ~Vector256.Equals(m, m));
}
