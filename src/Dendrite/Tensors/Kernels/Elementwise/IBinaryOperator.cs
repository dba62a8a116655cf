using System.Numerics;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels.Operators;

/// <summary>An elementwise map z = f(x, y), written once for scalars and once per vector width.</summary>
/// <remarks>
/// The scalar and vector overloads must agree bit for bit (same operations in the same order), so a
/// result never depends on whether an element fell in the vector body or the scalar tail.
/// </remarks>
internal interface IBinaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>f(x, y) for one pair of elements.</summary>
    T Invoke(T x, T y);

    /// <summary>f(x, y) lane by lane over 128 bits.</summary>
    Vector128<T> Invoke(Vector128<T> x, Vector128<T> y);

    /// <summary>f(x, y) lane by lane over 256 bits.</summary>
    Vector256<T> Invoke(Vector256<T> x, Vector256<T> y);

    /// <summary>f(x, y) lane by lane over 512 bits.</summary>
    Vector512<T> Invoke(Vector512<T> x, Vector512<T> y);
}
