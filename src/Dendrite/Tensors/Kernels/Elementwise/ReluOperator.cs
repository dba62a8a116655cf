using System.Numerics;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels.Operators;

/// <summary>ReLU: y = x where x &gt; 0, else +0.</summary>
/// <remarks>
/// The vector form ANDs x with the mask (x &gt; 0), so negative inputs, −0 and NaN all give +0:
/// ReLU(NaN) = 0, matching the scalar comparison (NaN &gt; 0 is false).
/// </remarks>
internal readonly struct ReluOperator<T> : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public T Invoke(T x) => x > T.Zero ? x : T.Zero;

    /// <inheritdoc/>
    public Vector128<T> Invoke(Vector128<T> x) => x & Vector128.GreaterThan(x, Vector128<T>.Zero);

    /// <inheritdoc/>
    public Vector256<T> Invoke(Vector256<T> x) => x & Vector256.GreaterThan(x, Vector256<T>.Zero);

    /// <inheritdoc/>
    public Vector512<T> Invoke(Vector512<T> x) => x & Vector512.GreaterThan(x, Vector512<T>.Zero);
}
