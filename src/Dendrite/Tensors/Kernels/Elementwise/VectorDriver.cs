using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Dendrite.Tensors.Kernels.Operators;

namespace Dendrite.Tensors.Kernels;

/// <summary>Runs an elementwise operator over spans at the widest accelerated vector width.</summary>
/// <remarks>
/// The body steps by Vector512 while it is accelerated, then by Vector256, then by Vector128, so after
/// the widest loop each narrower width runs at most once and the scalar tail is shorter than one
/// Vector128. A width is used only where <c>VectorNNN.IsHardwareAccelerated</c> says so, which the
/// runtime settings <c>DOTNET_PreferredVectorBitWidth</c>, <c>DOTNET_EnableAVX2</c> and
/// <c>DOTNET_EnableHWIntrinsic</c> control. The destination may alias a source exactly (each element is
/// read before it is written), never partially.
/// </remarks>
internal static class VectorDriver
{
    /// <summary>y[i] = op(x[i]) for every i in x.</summary>
    public static void Unary<T, TOp>(ReadOnlySpan<T> x, Span<T> y, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IUnaryOperator<T>
    {
        if (y.Length < x.Length) ThrowDestinationTooShort(nameof(y));
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ys = ref MemoryMarshal.GetReference(y);
        nuint n = (nuint)x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
            for (nuint w = (nuint)Vector512<T>.Count; i + w <= n; i += w)
                op.Invoke(Vector512.LoadUnsafe(ref xs, i)).StoreUnsafe(ref ys, i);
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
            for (nuint w = (nuint)Vector256<T>.Count; i + w <= n; i += w)
                op.Invoke(Vector256.LoadUnsafe(ref xs, i)).StoreUnsafe(ref ys, i);
        if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported)
            for (nuint w = (nuint)Vector128<T>.Count; i + w <= n; i += w)
                op.Invoke(Vector128.LoadUnsafe(ref xs, i)).StoreUnsafe(ref ys, i);
        for (; i < n; i++)
            Unsafe.Add(ref ys, i) = op.Invoke(Unsafe.Add(ref xs, i));
    }

    /// <summary>z[i] = op(x[i], y[i]) for every i in x; y must be as long as x.</summary>
    public static void Binary<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z, TOp op)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TOp : struct, IBinaryOperator<T>
    {
        if (y.Length != x.Length) ThrowLengthMismatch(nameof(y));
        if (z.Length < x.Length) ThrowDestinationTooShort(nameof(z));
        ref T xs = ref MemoryMarshal.GetReference(x);
        ref T ys = ref MemoryMarshal.GetReference(y);
        ref T zs = ref MemoryMarshal.GetReference(z);
        nuint n = (nuint)x.Length, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
            for (nuint w = (nuint)Vector512<T>.Count; i + w <= n; i += w)
                op.Invoke(Vector512.LoadUnsafe(ref xs, i), Vector512.LoadUnsafe(ref ys, i)).StoreUnsafe(ref zs, i);
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
            for (nuint w = (nuint)Vector256<T>.Count; i + w <= n; i += w)
                op.Invoke(Vector256.LoadUnsafe(ref xs, i), Vector256.LoadUnsafe(ref ys, i)).StoreUnsafe(ref zs, i);
        if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported)
            for (nuint w = (nuint)Vector128<T>.Count; i + w <= n; i += w)
                op.Invoke(Vector128.LoadUnsafe(ref xs, i), Vector128.LoadUnsafe(ref ys, i)).StoreUnsafe(ref zs, i);
        for (; i < n; i++)
            Unsafe.Add(ref zs, i) = op.Invoke(Unsafe.Add(ref xs, i), Unsafe.Add(ref ys, i));
    }

    private static void ThrowDestinationTooShort(string name)
        => throw new ArgumentException("Destination is shorter than the source.", name);

    private static void ThrowLengthMismatch(string name)
        => throw new ArgumentException("Source spans must have equal lengths.", name);
}
