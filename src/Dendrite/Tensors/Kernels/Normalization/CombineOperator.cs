using System.Numerics;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels.Operators;

/// <summary>Batch norm's input gradient per channel: dx = a·g + (b·(x − m) + c).</summary>
internal readonly struct CombineOperator<T>(T m, T a, T b, T c) : IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public T Invoke(T g, T x) => a * g + (b * (x - m) + c);

    /// <inheritdoc/>
    public Vector128<T> Invoke(Vector128<T> g, Vector128<T> x) =>
        Vector128.Create(a) * g + (Vector128.Create(b) * (x - Vector128.Create(m)) + Vector128.Create(c));

    /// <inheritdoc/>
    public Vector256<T> Invoke(Vector256<T> g, Vector256<T> x) =>
        Vector256.Create(a) * g + (Vector256.Create(b) * (x - Vector256.Create(m)) + Vector256.Create(c));

    /// <inheritdoc/>
    public Vector512<T> Invoke(Vector512<T> g, Vector512<T> x) =>
        Vector512.Create(a) * g + (Vector512.Create(b) * (x - Vector512.Create(m)) + Vector512.Create(c));
}
