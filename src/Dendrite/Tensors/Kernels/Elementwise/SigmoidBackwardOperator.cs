using System.Numerics;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels.Operators;

/// <summary>Sigmoid gradient from the output: f(y, dy) = dy · y · (1 − y), since σ' = σ(1 − σ).</summary>
internal readonly struct SigmoidBackwardOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public T Invoke(T y, T dy) => dy * y * (T.One - y);

    /// <inheritdoc/>
    public Vector128<T> Invoke(Vector128<T> y, Vector128<T> dy) => dy * y * (Vector128<T>.One - y);

    /// <inheritdoc/>
    public Vector256<T> Invoke(Vector256<T> y, Vector256<T> dy) => dy * y * (Vector256<T>.One - y);

    /// <inheritdoc/>
    public Vector512<T> Invoke(Vector512<T> y, Vector512<T> dy) => dy * y * (Vector512<T>.One - y);
}
