using System.Numerics;
using System.Runtime.Intrinsics;

namespace Dendrite.Tensors.Kernels.Operators;

/// <summary>An elementwise map y = f(x), written once for scalars and once per vector width.</summary>
/// <remarks>
/// The scalar and vector overloads must agree bit for bit (same operations in the same order), so a
/// result never depends on whether an element fell in the vector body or the scalar tail.
/// </remarks>
internal interface IUnaryOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>f(x) for one element.</summary>
    T Invoke(T x);

    /// <summary>f(x) lane by lane over 128 bits.</summary>
    Vector128<T> Invoke(Vector128<T> x);

    /// <summary>f(x) lane by lane over 256 bits.</summary>
    Vector256<T> Invoke(Vector256<T> x);

    /// <summary>f(x) lane by lane over 512 bits.</summary>
    Vector512<T> Invoke(Vector512<T> x);
}
