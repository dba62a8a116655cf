namespace Dendrite.Autograd;

/// <summary>A contiguous tensor's elements as <see cref="Memory{T}"/> (no copy), so parallel kernel chunks can read and write them.</summary>
internal static class TensorMemory
{
    /// <summary>The elements of contiguous <paramref name="t"/> as memory of <typeparamref name="T"/>; empty for null.</summary>
    public static Memory<T> AsMemory<T>(Tensor? t) => t is null ? default : ((T[])t.Storage).AsMemory(t.Offset, t.Count);
}
