using System.Numerics;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels.Operators;

/// <summary>Tanh gradient from the output: f(y, dy) = dy · (1 − y²), since tanh' = 1 − tanh².</summary>
/// <remarks>
/// Plain multiplies rather than a fused multiply-add: FMA is emulated in software when AVX2/FMA are
/// disabled, and the scalar tail must round exactly like the vector body.
/// </remarks>
internal readonly struct TanhBackwardOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public T Invoke(T y, T dy) => dy * (T.One - y * y);

    /// <inheritdoc/>
    public Vector128<T> Invoke(Vector128<T> y, Vector128<T> dy) => dy * (Vector128<T>.One - y * y);

    /// <inheritdoc/>
    public Vector256<T> Invoke(Vector256<T> y, Vector256<T> dy) => dy * (Vector256<T>.One - y * y);

    /// <inheritdoc/>
    public Vector512<T> Invoke(Vector512<T> y, Vector512<T> dy) => dy * (Vector512<T>.One - y * y);
}
