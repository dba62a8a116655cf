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
        return Functional.Pad(input, Left, Right, Top, Bottom);
    }

    /// <inheritdoc/>
    public override string Describe() => $"ZeroPad2d(left {Left}, right {Right}, top {Top}, bottom {Bottom})";
}
