using System.Runtime.CompilerServices;

namespace Dendrite;

/// <summary>An immutable list of dimension sizes, e.g. [N, C, H, W].</summary>
/// <remarks>Write shapes as collection expressions: <c>Shape s = [64, 784];</c>.</remarks>
[CollectionBuilder(typeof(Shape), nameof(Create))]
public readonly struct Shape : IEquatable<Shape>
{
    private readonly int[]? _dims;

    /// <summary>Creates a shape from dimension sizes (each must be ≥ 0).</summary>
    public Shape(params int[] dims) : this(dims.AsSpan())
    {
    }

    private Shape(ReadOnlySpan<int> dims)
    {
        foreach (int d in dims)
            if (d < 0) throw new ArgumentException($"Shape {Format(dims)} has a negative dimension.");
        _dims = dims.ToArray();
    }

    /// <summary>Builds a shape from a span; used by collection expressions.</summary>
    public static Shape Create(ReadOnlySpan<int> dims) => new(dims);

    /// <summary>Number of dimensions.</summary>
    public int Rank => _dims?.Length ?? 0;

    /// <summary>Size of dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int this[int axis] => Dims[NormalizeAxis(axis)];

    /// <summary>Size of dimension <paramref name="axis"/> counted as an index into the dimensions (<c>shape[^1]</c> is the last one, not an element count).</summary>
    public int this[Index axis] => Dims[axis];

    /// <summary>Total number of elements (1 for a scalar shape).</summary>
    public int Count
    {
        get
        {
            if (Dims.Contains(0)) return 0;
            long n = 1;
            foreach (int d in Dims)
            {
                n *= d; // n ≤ 2^31 − 1 and d < 2^31 before this step, so the product fits in a long
                if (n > int.MaxValue) throw new OverflowException($"Shape {this} has more than 2^31 − 1 elements.");
            }
            return (int)n;
        }
    }

    /// <summary>The dimension sizes.</summary>
    public ReadOnlySpan<int> Dims => _dims ?? [];

    /// <summary>Enumerates the dimension sizes.</summary>
    public ReadOnlySpan<int>.Enumerator GetEnumerator() => Dims.GetEnumerator();

    /// <summary>A copy of the dimension sizes.</summary>
    public int[] ToArray() => Dims.ToArray();

    /// <summary>Maps a possibly negative axis into [0, Rank).</summary>
    public int NormalizeAxis(int axis)
    {
        int a = axis < 0 ? axis + Rank : axis;
        if (a < 0 || a >= Rank) throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is out of range for shape {this}.");
        return a;
    }

    /// <summary>Row-major strides of a contiguous tensor of this shape.</summary>
    public int[] ContiguousStrides()
    {
        var strides = new int[Rank];
        int s = 1;
        for (int i = Rank - 1; i >= 0; i--) { strides[i] = s; s *= Dims[i]; }
        return strides;
    }

    /// <summary>Product of the sizes in [from, to).</summary>
    internal int Product(int from, int to)
    {
        int p = 1;
        for (int i = from; i < to; i++) p *= Dims[i];
        return p;
    }

    /// <summary>The shape two operands broadcast to (NumPy rules), or an error naming both shapes.</summary>
    public static Shape Broadcast(Shape a, Shape b)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Rank ? 1 : a.Dims[i - (rank - a.Rank)];
            int db = i < rank - b.Rank ? 1 : b.Dims[i - (rank - b.Rank)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"Shapes {a} and {b} cannot be broadcast together (dimension {i}: {da} vs {db}).");
            dims[i] = da == 1 ? db : da;
        }
        return new Shape(dims);
    }

    /// <inheritdoc/>
    public bool Equals(Shape other) => Dims.SequenceEqual(other.Dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int d in Dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Shapes are equal when their dimensions are.</summary>
    public static bool operator ==(Shape a, Shape b) => a.Equals(b);

    /// <summary>Shapes differ when any dimension does.</summary>
    public static bool operator !=(Shape a, Shape b) => !a.Equals(b);

    /// <summary>Formats as [d0, d1, ...].</summary>
    public override string ToString() => Format(Dims);

    private static string Format(ReadOnlySpan<int> dims) => "[" + string.Join(", ", dims.ToArray()) + "]";
}
