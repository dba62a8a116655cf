namespace Dendrite.NN;

/// <summary>
/// The Transformer's sinusoidal positional encoding added to its input: PE[pos, 2i] = sin(pos / 10000^(2i/d)),
/// PE[pos, 2i + 1] = cos(pos / 10000^(2i/d)). No parameters. <b>Shape:</b> [T, N, d] (or [N, T, d] batch-first) → same.
/// </summary>
public sealed class PositionalEncoding : Module
{
    private readonly Tensor _table;

    /// <summary>Creates the table for up to <paramref name="maxLength"/> positions.</summary>
    public PositionalEncoding(int dModel, int maxLength = 5000, bool batchFirst = false, DType dtype = DType.Float32)
    {
        if (dModel <= 0 || maxLength <= 0) throw new ArgumentOutOfRangeException(nameof(dModel), $"PositionalEncoding needs positive sizes but got d {dModel}, length {maxLength}.");
        DModel = dModel;
        MaxLength = maxLength;
        BatchFirst = batchFirst;
        _table = Table(maxLength, dModel).To(dtype);
    }

    /// <summary>d.</summary>
    public int DModel { get; }

    /// <summary>The longest sequence.</summary>
    public int MaxLength { get; }

    /// <summary>Whether inputs are [N, T, d].</summary>
    public bool BatchFirst { get; }

    /// <summary>The [length, d] table of encodings.</summary>
    public static Tensor Table(int length, int dModel)
    {
        var values = new double[length * dModel];
        for (int pos = 0; pos < length; pos++)
            for (int i = 0; i < dModel; i += 2)
            {
                double angle = pos / Math.Pow(10000, (double)i / dModel);
                values[pos * dModel + i] = Math.Sin(angle);
                if (i + 1 < dModel) values[pos * dModel + i + 1] = Math.Cos(angle);
            }
        return Tensor.FromArray(values, [length, dModel]);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        int t = BatchFirst ? input.Shape[1] : input.Shape[0];
        if (input.Rank != 3 || input.Shape[2] != DModel || t > MaxLength)
            throw new ArgumentException($"{Describe()} expects {(BatchFirst ? "[N, T, " : "[T, N, ")}{DModel}] with T ≤ {MaxLength} but got {input.Shape}.");
        var table = _table.To(input.DType).Narrow(0, 0, t);
        return input + (BatchFirst ? table.Reshape(1, t, DModel) : table.Reshape(t, 1, DModel));
    }

    /// <inheritdoc/>
    public override string Describe() => $"PositionalEncoding({DModel}, max {MaxLength})";
}
