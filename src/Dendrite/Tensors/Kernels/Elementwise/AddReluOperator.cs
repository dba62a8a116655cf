using System.Numerics;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels.Operators;

/// <summary>Residual sum then ReLU in one pass: f(x, s) = max(x + s, 0), rounded exactly as the add then the ReLU.</summary>
internal readonly struct AddReluOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public T Invoke(T x, T s)
    {
        T sum = x + s;
        return sum > T.Zero ? sum : T.Zero;
    }

    /// <inheritdoc/>
    public Vector128<T> Invoke(Vector128<T> x, Vector128<T> s)
    {
        Vector128<T> sum = x + s;
        return sum & Vector128.GreaterThan(sum, Vector128<T>.Zero);
    }

    /// <inheritdoc/>
    public Vector256<T> Invoke(Vector256<T> x, Vector256<T> s)
    {
        Vector256<T> sum = x + s;
        return sum & Vector256.GreaterThan(sum, Vector256<T>.Zero);
    }

    /// <inheritdoc/>
    public Vector512<T> Invoke(Vector512<T> x, Vector512<T> s)
    {
        Vector512<T> sum = x + s;
        return sum & Vector512.GreaterThan(sum, Vector512<T>.Zero);
    }
}
