namespace Dendrite.Data;

/// <summary>
/// The course's 2-D "football" data set (the Regularization exercise): where the French goalkeeper kicked the ball,
/// labelled 1 when a French player headed it and 0 for an opponent; 211 training and 200 test points.
/// </summary>
/// <remarks>
/// The CSVs in <c>regularization/</c> hold the course's orientation, X (2, m) and Y (1, m), one matrix row per line;
/// they are transposed here to examples as rows: X [m, 2], Y [m, 1].
/// </remarks>
public static class Football
{
    /// <summary>Loads the training (211) or test (200) points: X [m, 2] and binary labels Y [m, 1].</summary>
    /// <param name="train">The training set when true, the test set when false.</param>
    /// <param name="folder">The folder of the CSVs; default <c>regularization/</c> in <see cref="DataFolder.Find"/>.</param>
    /// <param name="dtype">Float32 (default) or Float64 for both X and Y.</param>
    public static (Tensor X, Tensor Y) Load(bool train = true, string? folder = null, DType dtype = DType.Float32)
    {
        folder ??= Path.Combine(DataFolder.Require("Football"), "regularization");
        string prefix = train ? "train" : "test";
        string xPath = Path.Combine(folder, $"{prefix}_X.csv"), yPath = Path.Combine(folder, $"{prefix}_Y.csv");
        var x = Csv.ReadMatrix(xPath, dtype);
        var y = Csv.ReadMatrix(yPath, dtype);
        if (x.Shape[0] != 2) throw new InvalidDataException($"{xPath}: expected 2 rows (one per feature) but found {x.Shape[0]}.");
        if (y.Shape[0] != 1) throw new InvalidDataException($"{yPath}: expected 1 row of labels but found {y.Shape[0]}.");
        if (x.Shape[1] != y.Shape[1])
            throw new InvalidDataException($"{yPath}: holds {y.Shape[1]} labels but {xPath} holds {x.Shape[1]} examples; the counts must match.");
        return (x.T.Contiguous(), y.T.Contiguous());
    }
}
