using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary><c>football</c>: the course's regularization set, where the French goal keeper kicks the ball (2-D points).</summary>
internal sealed class FootballSet : DatasetKind
{
    public override string Name => "football";

    public override string Builds => "Football.Load";

    public override string Targets => "binary; own test set (200)";

    public override bool HasTestSet => true;

    public override IReadOnlyList<SpecField> Fields { get; } = [SpecField.FilePath("folder", "the folder holding the course's regularization set")];

    public override LoadedData Load(SpecSettings settings, DType dtype, bool images)
    {
        if (images) throw NoImages();
        string folder = DataLocations.Find(Name, settings.StringOrNull("folder"));
        var (x, y) = Football.Load(train: true, folder, dtype);
        var (tx, ty) = Football.Load(train: false, folder, dtype);
        return new LoadedData(x, y, tx, ty, ["opponent", "France"], Regression: false);
    }
}
