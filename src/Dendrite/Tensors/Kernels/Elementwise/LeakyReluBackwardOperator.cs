using System.Numerics;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels.Operators;

/// <summary>Leaky ReLU gradient: f(x, dy) = dy where x &gt; 0, else slope · dy.</summary>
/// <remarks>The derivative at x = 0 is taken as slope, the left-hand one.</remarks>
internal readonly struct LeakyReluBackwardOperator<T>(T slope) : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public T Invoke(T x, T dy) => x > T.Zero ? dy : slope * dy;

    /// <inheritdoc/>
    public Vector128<T> Invoke(Vector128<T> x, Vector128<T> dy)
        => Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128<T>.Zero), dy, Vector128.Create(slope) * dy);

    /// <inheritdoc/>
    public Vector256<T> Invoke(Vector256<T> x, Vector256<T> dy)
        => Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), dy, Vector256.Create(slope) * dy);

    /// <inheritdoc/>
    public Vector512<T> Invoke(Vector512<T> x, Vector512<T> dy)
        => Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<T>.Zero), dy, Vector512.Create(slope) * dy);
}
