using System.Numerics;
using System.Runtime.CompilerServices;
using Dendrite.Tensors.Kernels;

namespace Dendrite.NN;

/// <summary>
/// The weights of a fused run of <see cref="Dense"/> layers kept in <see cref="SkinnyPacking{T}"/>'s layout for batches of
/// one to four rows, repacked when the weights change: what oneDNN's weight reorder (PyTorch's prepacked linear) does for
/// inference.
/// </summary>
/// <remarks>
/// An entry records the weight tensor, its storage, offset and <see cref="Tensor.Version"/>. Every write to the weights — an
/// optimizer step, a loaded checkpoint (<see cref="Tensor.Assign"/>), a write through a view — bumps the version or
/// replaces the storage, so the next call packs again: one pass over the weights, about what the batch-1 forward itself
/// reads. The packed copy lives on the pinned heap, 32-byte aligned, as long as the model's fusion plan.
/// </remarks>
internal sealed class WeightPacks(int layers)
{
    private readonly Entry?[] _entries = new Entry?[layers];

    /// <summary>Largest weight kept packed: the copy doubles its memory, and the packed stream pays off most where the
    /// weights live in the caches between calls (a few MB).</summary>
    public const long MaxBytes = 8L << 20;

    /// <summary>Layer <paramref name="layer"/>'s weight [n, k] packed, packing it first when it is new or has changed;
    /// empty (read in place) for a weight over <see cref="MaxBytes"/>.</summary>
    public unsafe ReadOnlySpan<T> For<T>(int layer, Tensor weight) where T : unmanaged, INumber<T>
    {
        if ((long)weight.Count * sizeof(T) > MaxBytes) return default;
        Entry? entry = _entries[layer];
        if (entry is null || !ReferenceEquals(entry.Weight, weight) || !ReferenceEquals(entry.Storage, weight.Storage) || entry.Offset != weight.Offset || entry.Version != weight.Version)
            _entries[layer] = entry = Pack<T>(weight);
        return new ReadOnlySpan<T>((T[])entry.Packed, entry.Start, entry.Length);
    }

    private static unsafe Entry Pack<T>(Tensor weight) where T : unmanaged, INumber<T>
    {
        int n = weight.Shape[0], k = weight.Shape[1], version = weight.Version;
        int length = checked((int)SkinnyPacking<T>.Length(n, k)), slack = 32 / sizeof(T);
        T[] packed = GC.AllocateUninitializedArray<T>(length + slack, pinned: true);
        int start = (int)((32 - (nuint)Unsafe.AsPointer(ref packed[0]) % 32) % 32) / sizeof(T);
        SkinnyPacking<T>.Pack(weight.ReadSpan<T>(), k, n, k, packed.AsSpan(start, length));
        return new Entry(weight, weight.Storage, weight.Offset, version, packed, start, length);
    }

    private sealed record Entry(Tensor Weight, Array Storage, int Offset, int Version, Array Packed, int Start, int Length);
}
