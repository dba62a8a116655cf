using System.Numerics;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels.Operators;

/// <summary>Leaky ReLU: y = x where x &gt; 0, else slope · x.</summary>
/// <remarks>NaN is not &gt; 0, so it takes the slope branch and stays NaN.</remarks>
internal readonly struct LeakyReluOperator<T>(T slope) : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public T Invoke(T x) => x > T.Zero ? x : slope * x;

    /// <inheritdoc/>
    public Vector128<T> Invoke(Vector128<T> x)
        => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<T>.Zero), x, Vector128.Create(slope) * x);

    /// <inheritdoc/>
    public Vector256<T> Invoke(Vector256<T> x)
        => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), x, Vector256.Create(slope) * x);

    /// <inheritdoc/>
    public Vector512<T> Invoke(Vector512<T> x)
        => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<T>.Zero), x, Vector512.Create(slope) * x);
}
