namespace Dendrite.Autograd;

/// <summary>A contiguous tensor's elements as <see cref="Memory{T}"/> (no copy), so parallel kernel chunks can read and write them.</summary>
internal static class TensorMemory
{
    /// <summary>The elements of contiguous <paramref name="t"/> as memory of <typeparamref name="T"/>; empty for null. Counts as a
    /// write (<see cref="Tensor.Version"/>).</summary>
    public static Memory<T> AsMemory<T>(Tensor? t)
    {
        if (t is null) return default;
        t.MarkWritten();
        return ((T[])t.Storage).AsMemory(t.Offset, t.Count);
    }
}
