using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels;

/// <summary>
/// Fused, single-pass parameter updates for the optimizers: each element of θ, dθ and the state is read and written
/// once, where a chain of elementwise calls would sweep the arrays ten times. The widest accelerated width runs first,
/// then each narrower one (as <see cref="VectorDriver"/>); every lane and the scalar tail compute the same expression
/// in the same order, so results do not depend on the vector width.
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
        ref T rt = ref MemoryMarshal.GetReference(theta);
        ref T rg = ref MemoryMarshal.GetReference(g);
        ref T rv = ref MemoryMarshal.GetReference(v);
        ref T rs = ref MemoryMarshal.GetReference(s);
        nuint i = 0, count = (nuint)n;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<T> b1 = Vector512.Create(beta1), b2 = Vector512.Create(beta2), ob1 = Vector512.Create(oneMinusB1), ob2 = Vector512.Create(oneMinusB2);
            Vector512<T> cc = Vector512.Create(c2), eps = Vector512.Create(epsilon), st = Vector512.Create(step);
            for (nuint w = (nuint)Vector512<T>.Count; i + w <= count; i += w)
            {
                var gk = Vector512.LoadUnsafe(ref rg, i);
                var vk = Vector512.LoadUnsafe(ref rv, i) * b1 + gk * ob1;
                var sk = Vector512.LoadUnsafe(ref rs, i) * b2 + gk * gk * ob2;
                vk.StoreUnsafe(ref rv, i);
                sk.StoreUnsafe(ref rs, i);
                (Vector512.LoadUnsafe(ref rt, i) - st * vk / (Vector512.Sqrt(sk * cc) + eps)).StoreUnsafe(ref rt, i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<T> b1 = Vector256.Create(beta1), b2 = Vector256.Create(beta2), ob1 = Vector256.Create(oneMinusB1), ob2 = Vector256.Create(oneMinusB2);
            Vector256<T> cc = Vector256.Create(c2), eps = Vector256.Create(epsilon), st = Vector256.Create(step);
            for (nuint w = (nuint)Vector256<T>.Count; i + w <= count; i += w)
            {
                var gk = Vector256.LoadUnsafe(ref rg, i);
                var vk = Vector256.LoadUnsafe(ref rv, i) * b1 + gk * ob1;
                var sk = Vector256.LoadUnsafe(ref rs, i) * b2 + gk * gk * ob2;
                vk.StoreUnsafe(ref rv, i);
                sk.StoreUnsafe(ref rs, i);
                (Vector256.LoadUnsafe(ref rt, i) - st * vk / (Vector256.Sqrt(sk * cc) + eps)).StoreUnsafe(ref rt, i);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<T> b1 = Vector128.Create(beta1), b2 = Vector128.Create(beta2), ob1 = Vector128.Create(oneMinusB1), ob2 = Vector128.Create(oneMinusB2);
            Vector128<T> cc = Vector128.Create(c2), eps = Vector128.Create(epsilon), st = Vector128.Create(step);
            for (nuint w = (nuint)Vector128<T>.Count; i + w <= count; i += w)
            {
                var gk = Vector128.LoadUnsafe(ref rg, i);
                var vk = Vector128.LoadUnsafe(ref rv, i) * b1 + gk * ob1;
                var sk = Vector128.LoadUnsafe(ref rs, i) * b2 + gk * gk * ob2;
                vk.StoreUnsafe(ref rv, i);
                sk.StoreUnsafe(ref rs, i);
                (Vector128.LoadUnsafe(ref rt, i) - st * vk / (Vector128.Sqrt(sk * cc) + eps)).StoreUnsafe(ref rt, i);
            }
        }
        for (int j = (int)i; j < n; j++)
        {
            T gk = g[j];
            T vk = v[j] * beta1 + gk * oneMinusB1;
            T sk = s[j] * beta2 + gk * gk * oneMinusB2;
            v[j] = vk;
            s[j] = sk;
            theta[j] -= step * vk / (T.Sqrt(sk * c2) + epsilon);
        }
    }

    /// <summary>Momentum (PyTorch form): v := β·v + g;  θ := θ − α·v.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Momentum<T>(Span<T> theta, ReadOnlySpan<T> g, Span<T> v, T beta, T alpha) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = theta.Length;
        if (g.Length != n || v.Length != n) throw new ArgumentException("Momentum: spans of different lengths.");
        ref T rt = ref MemoryMarshal.GetReference(theta);
        ref T rg = ref MemoryMarshal.GetReference(g);
        ref T rv = ref MemoryMarshal.GetReference(v);
        nuint i = 0, count = (nuint)n;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<T> b = Vector512.Create(beta), a = Vector512.Create(alpha);
            for (nuint w = (nuint)Vector512<T>.Count; i + w <= count; i += w)
            {
                var vk = Vector512.LoadUnsafe(ref rv, i) * b + Vector512.LoadUnsafe(ref rg, i);
                vk.StoreUnsafe(ref rv, i);
                (Vector512.LoadUnsafe(ref rt, i) - a * vk).StoreUnsafe(ref rt, i);
            }
        }
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<T> b = Vector256.Create(beta), a = Vector256.Create(alpha);
            for (nuint w = (nuint)Vector256<T>.Count; i + w <= count; i += w)
            {
                var vk = Vector256.LoadUnsafe(ref rv, i) * b + Vector256.LoadUnsafe(ref rg, i);
                vk.StoreUnsafe(ref rv, i);
                (Vector256.LoadUnsafe(ref rt, i) - a * vk).StoreUnsafe(ref rt, i);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            Vector128<T> b = Vector128.Create(beta), a = Vector128.Create(alpha);
            for (nuint w = (nuint)Vector128<T>.Count; i + w <= count; i += w)
            {
                var vk = Vector128.LoadUnsafe(ref rv, i) * b + Vector128.LoadUnsafe(ref rg, i);
                vk.StoreUnsafe(ref rv, i);
                (Vector128.LoadUnsafe(ref rt, i) - a * vk).StoreUnsafe(ref rt, i);
            }
        }
        for (int j = (int)i; j < n; j++)
        {
            T vk = v[j] * beta + g[j];
            v[j] = vk;
            theta[j] -= alpha * vk;
        }
    }
}
