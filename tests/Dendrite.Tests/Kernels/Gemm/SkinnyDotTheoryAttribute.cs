using Dendrite.Tensors.Kernels;

namespace Dendrite.Tests.Kernels;

/// <summary>
/// A theory about the AVX2+FMA batch-1 dot kernel; skipped, with the reason shown, where the CPU (or
/// <c>DOTNET_EnableAVX2=0</c>) leaves it out and the portable <c>Vector&lt;T&gt;</c> loop runs instead.
/// </summary>
public sealed class SkinnyDotTheoryAttribute : TheoryAttribute
{
    /// <summary>Marks the theory skipped when <see cref="SkinnyDot{T}.IsSupported"/> is false.</summary>
    public SkinnyDotTheoryAttribute()
    {
        if (!SkinnyDot<float>.IsSupported)
            Skip = "SkinnyDot needs AVX2 and FMA, which this CPU or runtime does not offer; the portable Vector<T> loop runs instead";
    }
}
