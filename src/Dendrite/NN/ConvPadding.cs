namespace Dendrite.NN;

/// <summary>
/// The zero padding of a <see cref="Conv2d"/>: a number of rows and columns on every side, <c>"valid"</c> (none), or
/// <c>"same"</c> (output size = input size at stride 1). Converts implicitly from an int and from those two strings.
/// </summary>
/// <remarks>
/// "same" pads d·(k − 1) in total; when that is odd the extra row and column go at the bottom and right, as in
/// TensorFlow (so a 2×2 kernel pads 0 on top/left and 1 on bottom/right).
/// </remarks>
public readonly record struct ConvPadding
{
    private ConvPadding(int amount, bool same)
    {
        Amount = amount;
        IsSame = same;
    }

    /// <summary>Rows and columns of zeros on each side (0 for "valid" and for "same", which is resolved per kernel).</summary>
    public int Amount { get; }

    /// <summary>True for "same" padding.</summary>
    public bool IsSame { get; }

    /// <summary>No padding: the window stays inside the image.</summary>
    public static ConvPadding Valid => new(0, false);

    /// <summary>Padding that keeps the spatial size at stride 1.</summary>
    public static ConvPadding Same => new(0, true);

    /// <summary><paramref name="amount"/> rows and columns of zeros on every side.</summary>
    public static implicit operator ConvPadding(int amount) =>
        amount >= 0 ? new(amount, false) : throw new ArgumentOutOfRangeException(nameof(amount), $"Padding must not be negative but is {amount}.");

    /// <summary>"valid" or "same" (case-insensitive).</summary>
    public static implicit operator ConvPadding(string mode) => mode.ToLowerInvariant() switch
    {
        "valid" => Valid,
        "same" => Same,
        _ => throw new ArgumentException($"Padding must be a number, \"valid\" or \"same\" but is \"{mode}\".", nameof(mode)),
    };

    /// <summary>(top, left, bottom, right) for a kernel of span d·(k − 1) + 1.</summary>
    public (int Top, int Left, int Bottom, int Right) Resolve(int kernelSize, int dilation)
    {
        if (!IsSame) return (Amount, Amount, Amount, Amount);
        int total = dilation * (kernelSize - 1), before = total / 2;
        return (before, before, total - before, total - before);
    }

    /// <summary>"same", or the number of zeros per side.</summary>
    public override string ToString() => IsSame ? "same" : Amount.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
