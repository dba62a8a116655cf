namespace Dendrite.NN;

/// <summary>Pads the two spatial axes with zeros (the course's "padding" step, as a layer of its own).</summary>
/// <remarks><b>Shape:</b> (N, C, H, W) → (N, C, H + top + bottom, W + left + right). No parameters.</remarks>
public sealed class ZeroPad2d : Module
{
    /// <summary>Pads <paramref name="padding"/> rows and columns on every side.</summary>
    public ZeroPad2d(int padding) : this(padding, padding, padding, padding)
    {
    }

    /// <summary>Pads each side separately, in PyTorch's order (left, right, top, bottom).</summary>
    public ZeroPad2d(int left, int right, int top, int bottom)
    {
        if (left < 0 || right < 0 || top < 0 || bottom < 0)
            throw new ArgumentOutOfRangeException(nameof(left), $"ZeroPad2d({left}, {right}, {top}, {bottom}) needs non-negative padding.");
        (Left, Right, Top, Bottom) = (left, right, top, bottom);
    }

    /// <summary>Columns added on the left.</summary>
    public int Left { get; }

    /// <summary>Columns added on the right.</summary>
    public int Right { get; }

    /// <summary>Rows added on top.</summary>
    public int Top { get; }

    /// <summary>Rows added at the bottom.</summary>
    public int Bottom { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank != 4) throw new ArgumentException($"{Describe()} expects [N, C, H, W] but got {input.Shape}.");
        var rows = Pad(input, 2, Top, Bottom);
        return Pad(rows, 3, Left, Right);
    }

    /// <summary>Concatenates zero blocks before and after x along <paramref name="axis"/> (the gradient slices them off).</summary>
    private static Tensor Pad(Tensor x, int axis, int before, int after)
    {
        if (before == 0 && after == 0) return x;
        var parts = new List<Tensor>(3);
        if (before > 0) parts.Add(Tensor.Zeros(Sized(x.Shape, axis, before), x.DType));
        parts.Add(x);
        if (after > 0) parts.Add(Tensor.Zeros(Sized(x.Shape, axis, after), x.DType));
        return Tensor.Concat(parts, axis);
    }

    private static Shape Sized(Shape shape, int axis, int size)
    {
        var dims = shape.ToArray();
        dims[axis] = size;
        return new Shape(dims);
    }

    /// <inheritdoc/>
    public override string Describe() => $"ZeroPad2d(left {Left}, right {Right}, top {Top}, bottom {Bottom})";
}
