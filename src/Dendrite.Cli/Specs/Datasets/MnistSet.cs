using System.Globalization;
using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary><c>mnist</c> and <c>fashion-mnist</c>: 60,000 training and 10,000 test images of 28×28, pixel / 255.</summary>
/// <param name="fashion">True for Fashion-MNIST.</param>
internal sealed class MnistSet(bool fashion) : DatasetKind
{
    public override string Name => fashion ? "fashion-mnist" : "mnist";

    public override string Builds => fashion ? "FashionMnist.Load" : "Mnist.Load";

    public override string Targets => "class labels; own test set (10,000); images [1, 28, 28]";

    public override bool HasTestSet => true;

    public override IReadOnlyList<SpecField> Fields { get; } = [SpecField.FilePath("folder", "the folder holding the files (searched first)")];

    public override LoadedData Load(SpecSettings settings, DType dtype, bool images)
    {
        string folder = DataLocations.Find(Name, settings.StringOrNull("folder"));
        var (x, y) = fashion ? FashionMnist.Load(folder, train: true, flatten: !images) : Mnist.Load(folder, train: true, flatten: !images);
        var (tx, ty) = fashion ? FashionMnist.Load(folder, train: false, flatten: !images) : Mnist.Load(folder, train: false, flatten: !images);
        var names = fashion ? FashionMnist.ClassNames : [.. Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture))];
        return new LoadedData(x.To(dtype), y, tx.To(dtype), ty, names, Regression: false);
    }
}
