using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// The LSTM cell's elementwise part in one pass per batch row, forward and backward: everything of a step except the
/// two matrix products. Rows are [N, 4H] pre-activations in PyTorch's gate order i, f, g, o and [N, H] states.
/// </summary>
/// <remarks>
/// Forward: a = (σ(z_i), σ(z_f), tanh(z_g), σ(z_o)) with z = xp + hp, c' = f ⊙ c + i ⊙ g, h' = o ⊙ tanh(c').
/// Backward, from dh' and dc': dĉ = dc' + dh' ⊙ o ⊙ (1 − tanh²c'), then dz_i = dĉ ⊙ g ⊙ i(1 − i),
/// dz_f = dĉ ⊙ c ⊙ f(1 − f), dz_g = dĉ ⊙ i ⊙ (1 − g²), dz_o = dh' ⊙ tanh c' ⊙ o(1 − o), dc = dĉ ⊙ f.
/// A row's H-long blocks stay in L1 while its handful of TensorPrimitives passes run over them; float32 rows on
/// AVX-512 take the fused single pass of <see cref="LstmGates512"/> instead.
/// </remarks>
internal static class LstmGates
{
    /// <summary>Writes the activated gates <paramref name="gates"/> [N, 4H], c' and tanh c' [N, H], and h' [N, H].</summary>
    public static void Forward<T>(ReadOnlySpan<T> xp, ReadOnlySpan<T> hp, ReadOnlySpan<T> c, int hidden,
        Span<T> gates, Span<T> cNext, Span<T> tanhC, Span<T> hNext) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && LstmGates512.Applies(hidden))
        {
            LstmGates512.Forward(Cast(xp), Cast(hp), Cast(c), hidden, Cast(gates), Cast(cNext), Cast(tanhC), Cast(hNext));
            return;
        }
        TensorPrimitives.Add(xp, hp, gates);
        int rows = c.Length / hidden, h = hidden;
        for (int n = 0; n < rows; n++)
        {
            var a = gates.Slice(n * 4 * h, 4 * h);
            var i = a[..h];
            var f = a.Slice(h, h);
            var g = a.Slice(2 * h, h);
            var o = a.Slice(3 * h, h);
            TensorPrimitives.Sigmoid(a[..(2 * h)], a[..(2 * h)]);
            TensorPrimitives.Tanh(g, g);
            TensorPrimitives.Sigmoid(o, o);
            var cn = cNext.Slice(n * h, h);
            var tc = tanhC.Slice(n * h, h);
            TensorPrimitives.Multiply(f, c.Slice(n * h, h), cn);
            TensorPrimitives.MultiplyAdd(i, g, cn, cn);
            TensorPrimitives.Tanh(cn, tc);
            TensorPrimitives.Multiply(o, tc, hNext.Slice(n * h, h));
        }
    }

    /// <summary>
    /// Writes ∂L/∂z <paramref name="dz"/> [N, 4H] and ∂L/∂c <paramref name="dc"/> [N, H] from the upstream dh', dc' [N, H]
    /// and what the forward kept (activated gates, tanh c', the previous c).
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> gates, ReadOnlySpan<T> tanhC, ReadOnlySpan<T> c, ReadOnlySpan<T> dhNext,
        ReadOnlySpan<T> dcNext, int hidden, Span<T> dz, Span<T> dc) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float) && LstmGates512.Applies(hidden))
        {
            LstmGates512.Backward(Cast(gates), Cast(tanhC), Cast(c), Cast(dhNext), Cast(dcNext), hidden, Cast(dz), Cast(dc));
            return;
        }
        int rows = c.Length / hidden, h = hidden;
        for (int n = 0; n < rows; n++)
        {
            var a = gates.Slice(n * 4 * h, 4 * h);
            var i = a[..h];
            var f = a.Slice(h, h);
            var g = a.Slice(2 * h, h);
            var o = a.Slice(3 * h, h);
            var d = dz.Slice(n * 4 * h, 4 * h);
            var di = d[..h];
            var df = d.Slice(h, h);
            var dg = d.Slice(2 * h, h);
            var dout = d.Slice(3 * h, h);
            var tc = tanhC.Slice(n * h, h);
            var dh = dhNext.Slice(n * h, h);
            var dcRow = dc.Slice(n * h, h);

            // dĉ = dc' + dh' ⊙ o ⊙ (1 − tanh²c'), kept in dc's row until the end.
            TensorPrimitives.Multiply(tc, tc, dcRow);
            TensorPrimitives.Subtract(T.One, dcRow, dcRow);
            TensorPrimitives.Multiply(dcRow, o, dcRow);
            TensorPrimitives.MultiplyAdd(dcRow, dh, dcNext.Slice(n * h, h), dcRow);

            TensorPrimitives.Multiply(dh, tc, dout);
            Activations.SigmoidBackward(o, dout, dout);
            TensorPrimitives.Multiply(dcRow, g, di);
            Activations.SigmoidBackward(i, di, di);
            TensorPrimitives.Multiply(dcRow, c.Slice(n * h, h), df);
            Activations.SigmoidBackward(f, df, df);
            TensorPrimitives.Multiply(g, g, dg);
            TensorPrimitives.Subtract(T.One, dg, dg);
            TensorPrimitives.Multiply(dg, i, dg);
            TensorPrimitives.Multiply(dg, dcRow, dg);
            TensorPrimitives.Multiply(dcRow, f, dcRow);
        }
    }

    private static ReadOnlySpan<float> Cast<T>(ReadOnlySpan<T> s) where T : unmanaged => MemoryMarshal.Cast<T, float>(s);

    private static Span<float> Cast<T>(Span<T> s) where T : unmanaged => MemoryMarshal.Cast<T, float>(s);
}
