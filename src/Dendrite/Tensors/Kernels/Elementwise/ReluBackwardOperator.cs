using System.Numerics;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels.Operators;

/// <summary>ReLU gradient: f(x, dy) = dy where x &gt; 0, else +0, since ReLU'(x) = [x &gt; 0].</summary>
/// <remarks>The subgradient at x = 0 (and at NaN) is taken as 0.</remarks>
internal readonly struct ReluBackwardOperator<T> : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public T Invoke(T x, T dy) => x > T.Zero ? dy : T.Zero;

    /// <inheritdoc/>
    public Vector128<T> Invoke(Vector128<T> x, Vector128<T> dy) => dy & Vector128.GreaterThan(x, Vector128<T>.Zero);

    /// <inheritdoc/>
    public Vector256<T> Invoke(Vector256<T> x, Vector256<T> dy) => dy & Vector256.GreaterThan(x, Vector256<T>.Zero);

    /// <inheritdoc/>
    public Vector512<T> Invoke(Vector512<T> x, Vector512<T> dy) => dy & Vector512.GreaterThan(x, Vector512<T>.Zero);
}
