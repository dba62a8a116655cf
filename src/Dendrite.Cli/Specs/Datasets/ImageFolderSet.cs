using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>
/// <c>npy_folder</c>: a CIFAR-style folder as Keras's <c>cifar10.load_data()</c> returns it, saved with numpy:
/// <c>x_train.npy</c>, <c>y_train.npy</c> and, when present, <c>x_test.npy</c>, <c>y_test.npy</c>. Images may be
/// channels-last [m, H, W, C] (Keras) or channels-first [m, C, H, W] (PyTorch); integer pixels become pixel / 255.
/// </summary>
internal sealed class ImageFolderSet : DatasetKind
{
    public override string Name => "npy_folder";

    public override string Builds => "Npy.Read of x_train, y_train, x_test, y_test";

    public override string Targets => "class labels (integers [m] or [m, 1]); own test set when x_test.npy is there";

    public override bool HasTestSet => true;

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.FilePath("folder", "the folder holding the four files").AsRequired(),
        SpecField.Choice("channels", "where the channel axis is", ["auto", "first", "last"], "auto"),
    ];

    public override LoadedData Load(SpecSettings s, DType dtype, bool images)
    {
        string folder = s.String("folder");
        if (!Directory.Exists(folder)) throw new CliException($"data.folder: the folder {folder} does not exist");
        var (x, y) = Read(folder, "train", s.String("channels"), images, dtype);
        bool test = File.Exists(Path.Combine(folder, "x_test.npy"));
        var (tx, ty) = test ? Read(folder, "test", s.String("channels"), images, dtype) : (null, null);
        return new LoadedData(x, y, tx, ty, null, Regression: false);
    }

    private static (Tensor X, Tensor Y) Read(string folder, string part, string channels, bool images, DType dtype)
    {
        string xPath = DataFiles.Existing(Path.Combine(folder, $"x_{part}.npy"), "folder");
        string yPath = DataFiles.Existing(Path.Combine(folder, $"y_{part}.npy"), "folder");
        var x = DataFiles.FloatInputs(Npy.Read(xPath), pixels: true);
        if (x.Rank == 4 && (channels == "last" || (channels == "auto" && x.Shape[3] is 1 or 3 or 4 && x.Shape[1] is not (1 or 3 or 4))))
            x = x.Permute(0, 3, 1, 2).Clone();
        var y = Npy.Read(yPath);
        if (y.Rank == 2 && y.Shape[1] == 1) y = y.Reshape(y.Shape[0]);
        if (y.DType.IsFloatingPoint() || y.Rank != 1)
            throw new CliException($"data.folder: {yPath} holds {y.DType} {y.Shape}; expected integer class labels [m] or [m, 1]");
        if (x.Shape[0] != y.Shape[0])
            throw new CliException($"data.folder: {xPath} has {x.Shape[0]} examples ({x.Shape}) but {yPath} has {y.Shape[0]} ({y.Shape})");
        return (DataFiles.Layout(x, xPath, images).To(dtype), y.To(DType.Int32));
    }
}
