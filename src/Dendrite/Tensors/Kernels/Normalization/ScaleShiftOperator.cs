using System.Numerics;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels.Operators;

/// <summary>Batch norm's per-channel affine map: y = (x − m)·scale + shift.</summary>
internal readonly struct ScaleShiftOperator<T>(T m, T scale, T shift) : IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public T Invoke(T x) => (x - m) * scale + shift;

    /// <inheritdoc/>
    public Vector128<T> Invoke(Vector128<T> x) => (x - Vector128.Create(m)) * Vector128.Create(scale) + Vector128.Create(shift);

    /// <inheritdoc/>
    public Vector256<T> Invoke(Vector256<T> x) => (x - Vector256.Create(m)) * Vector256.Create(scale) + Vector256.Create(shift);

    /// <inheritdoc/>
    public Vector512<T> Invoke(Vector512<T> x) => (x - Vector512.Create(m)) * Vector512.Create(scale) + Vector512.Create(shift);
}
