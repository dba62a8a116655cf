using System.Numerics;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels.Operators;

/// <summary>Sign: y = 1 where x &gt; 0, −1 where x &lt; 0, and x itself otherwise (±0 stay ±0, NaN stays NaN).</summary>
/// <remarks>This is the subgradient of |x| used by L1 penalties, as a value of T rather than an int.</remarks>
internal readonly struct SignOperator<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public T Invoke(T x) => x > T.Zero ? T.One : x < T.Zero ? T.NegativeOne : x;

    /// <inheritdoc/>
    public Vector128<T> Invoke(Vector128<T> x)
        => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<T>.Zero), Vector128<T>.One,
            Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128<T>.Zero), -Vector128<T>.One, x));

    /// <inheritdoc/>
    public Vector256<T> Invoke(Vector256<T> x)
        => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), Vector256<T>.One,
            Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<T>.Zero), -Vector256<T>.One, x));

    /// <inheritdoc/>
    public Vector512<T> Invoke(Vector512<T> x)
        => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<T>.Zero), Vector512<T>.One,
            Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<T>.Zero), -Vector512<T>.One, x));
}
