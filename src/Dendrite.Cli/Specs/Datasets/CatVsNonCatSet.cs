using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary><c>catvnoncat</c>: the course's 209 training and 50 test RGB images of 64×64, cat = 1.</summary>
internal sealed class CatVsNonCatSet : DatasetKind
{
    public override string Name => "catvnoncat";

    public override string Builds => "CatVsNonCat.LoadTrain / LoadTest";

    public override string Targets => "binary; own test set (50); images [3, 64, 64]";

    public override bool HasTestSet => true;

    public override IReadOnlyList<SpecField> Fields { get; } = [SpecField.FilePath("folder", "the folder holding the files (searched first)")];

    public override LoadedData Load(SpecSettings settings, DType dtype, bool images)
    {
        string folder = DataLocations.Find(Name, settings.StringOrNull("folder"));
        var (x, y) = CatVsNonCat.LoadTrain(folder, dtype);
        var (tx, ty) = CatVsNonCat.LoadTest(folder, dtype);
        return new LoadedData(images ? Image(x) : x, y, images ? Image(tx) : tx, ty, CatVsNonCat.ClassNames, Regression: false);
    }

    /// <summary>The course's rows ((row·64 + col)·3 + channel) as images [m, 3, 64, 64].</summary>
    private static Tensor Image(Tensor rows)
    {
        const int side = CatVsNonCat.ImageSize;
        return rows.Reshape(rows.Shape[0], side, side, 3).Permute(0, 3, 1, 2).Clone();
    }
}
