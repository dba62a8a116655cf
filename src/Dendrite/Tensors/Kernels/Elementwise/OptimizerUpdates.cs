using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Fused, single-pass parameter updates for the optimizers: each element of θ, dθ and the state is read and written
/// once, where a chain of elementwise calls would sweep the arrays ten times. Vector lanes and the scalar tail compute
/// the same expression in the same order, so results do not depend on the vector width.
/// </summary>
internal static class OptimizerUpdates
{
    /// <summary>
    /// Adam: v := β1·v + (1 − β1)·g;  s := β2·s + (1 − β2)·g²;  θ := θ − step·v / (√(s·c2) + ε),
    /// with c2 = 1/(1 − β2ᵗ) and step = α/(1 − β1ᵗ). The caller passes 1 − β1 and 1 − β2 computed in double:
    /// in float32, 1 − (float)0.999 is off by 1e-5 relative.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Adam<T>(Span<T> theta, ReadOnlySpan<T> g, Span<T> v, Span<T> s, T beta1, T oneMinusB1, T beta2, T oneMinusB2,
        T c2, T epsilon, T step)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = theta.Length;
        if (g.Length != n || v.Length != n || s.Length != n) throw new ArgumentException("Adam: spans of different lengths.");
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            var vt = MemoryMarshal.Cast<T, Vector<T>>(theta);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(g);
            var vv = MemoryMarshal.Cast<T, Vector<T>>(v);
            var vs = MemoryMarshal.Cast<T, Vector<T>>(s);
            Vector<T> b1 = new(beta1), b2 = new(beta2), ob1 = new(oneMinusB1), ob2 = new(oneMinusB2), cc = new(c2), eps = new(epsilon), st = new(step);
            for (int k = 0; k < vt.Length; k++)
            {
                var gk = vg[k];
                var vk = vv[k] * b1 + gk * ob1;
                var sk = vs[k] * b2 + gk * gk * ob2;
                vv[k] = vk;
                vs[k] = sk;
                vt[k] -= st * vk / (Vector.SquareRoot(sk * cc) + eps);
            }
            i = vt.Length * Vector<T>.Count;
        }
        for (; i < n; i++)
        {
            T gk = g[i];
            T vk = v[i] * beta1 + gk * oneMinusB1;
            T sk = s[i] * beta2 + gk * gk * oneMinusB2;
            v[i] = vk;
            s[i] = sk;
            theta[i] -= step * vk / (T.Sqrt(sk * c2) + epsilon);
        }
    }

    /// <summary>Momentum (PyTorch form): v := β·v + g;  θ := θ − α·v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Momentum<T>(Span<T> theta, ReadOnlySpan<T> g, Span<T> v, T beta, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = theta.Length;
        if (g.Length != n || v.Length != n) throw new ArgumentException("Momentum: spans of different lengths.");
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<T>.Count)
        {
            var vt = MemoryMarshal.Cast<T, Vector<T>>(theta);
            var vg = MemoryMarshal.Cast<T, Vector<T>>(g);
            var vv = MemoryMarshal.Cast<T, Vector<T>>(v);
            Vector<T> b = new(beta), a = new(alpha);
            for (int k = 0; k < vt.Length; k++)
            {
                var vk = vv[k] * b + vg[k];
                vv[k] = vk;
                vt[k] -= a * vk;
            }
            i = vt.Length * Vector<T>.Count;
        }
        for (; i < n; i++)
        {
            T vk = v[i] * beta + g[i];
            v[i] = vk;
            theta[i] -= alpha * vk;
        }
    }
}
