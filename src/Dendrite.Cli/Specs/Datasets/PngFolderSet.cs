using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>
/// <c>image_folder</c>: PNG images in one sub-folder per class, as torchvision's <c>ImageFolder</c> reads them
/// (<see cref="ImageFolder"/>: classes in ordinal order of the folder names, pixels / 255), optionally resized
/// (bilinear) to one size, with an optional second folder of the same classes as the test set.
/// </summary>
internal sealed class PngFolderSet : DatasetKind
{
    public override string Name => "image_folder";

    public override string Builds => "ImageFolder (Png.Read of root/<class>/*.png)";

    public override string Targets => "class labels, the sub-folder names in ordinal order as class names; own test set when test_path is given";

    public override bool HasTestSet => true;

    public override IReadOnlyList<SpecField> Fields { get; } =
    [
        SpecField.FilePath("path", "the folder with one sub-folder of .png images per class").AsRequired(),
        SpecField.FilePath("test_path", "a folder with the same class sub-folders, read as the test set"),
        SpecField.Int("height", "resize every image to this height (bilinear; give width too)", minimum: 1),
        SpecField.Int("width", "resize every image to this width", minimum: 1),
    ];

    public override LoadedData Load(SpecSettings s, DType dtype, bool images)
    {
        int? height = s.IntOrNull("height"), width = s.IntOrNull("width");
        if (height.HasValue != width.HasValue) throw new CliException("data.height, data.width: give both to resize, or neither");
        Func<Tensor, Tensor>? transform = height is int h && width is int w ? new Resize(h, w).Apply : null;
        var (x, y, classes) = Read(s.String("path"), "path", transform);
        Tensor? testX = null, testY = null;
        if (s.StringOrNull("test_path") is string testPath)
        {
            (testX, testY, var testClasses) = Read(testPath, "test_path", transform);
            if (!testClasses.SequenceEqual(classes))
                throw new CliException($"data.test_path: {testPath} has the classes {string.Join(", ", testClasses)} but data.path has {string.Join(", ", classes)}");
            if (!testX.Shape.ToArray()[1..].SequenceEqual(x.Shape.ToArray()[1..]))
                throw new CliException($"data.test_path: its images are {new Shape(testX.Shape.ToArray()[1..])} but the training images are {new Shape(x.Shape.ToArray()[1..])}; set data.height and data.width");
            testX = DataFiles.Layout(testX, testPath, images).To(dtype);
        }
        return new LoadedData(DataFiles.Layout(x, s.String("path"), images).To(dtype), y, testX, testY, classes, Regression: false);
    }

    private static (Tensor X, Tensor Y, IReadOnlyList<string> Classes) Read(string folder, string field, Func<Tensor, Tensor>? transform)
    {
        if (!Directory.Exists(folder)) throw new CliException($"data.{field}: the folder {folder} does not exist");
        var set = new ImageFolder(folder, transform);
        var batch = set.Get(Enumerable.Range(0, set.Count).ToArray());
        return (batch.Inputs, batch.Targets, set.Classes);
    }
}
