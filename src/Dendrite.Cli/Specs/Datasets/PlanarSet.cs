using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary><c>planar</c>: the course's flower of 400 red and blue points.</summary>
internal sealed class PlanarSet : DatasetKind
{
    public override string Name => "planar";

    public override string Builds => "PlanarFlower.Generate";

    public override string Targets => "binary [m, 1], 400 examples";

    public override IReadOnlyList<SpecField> Fields { get; } = [SpecField.Int("seed", "generator seed (the course's)", 1)];

    public override LoadedData Load(SpecSettings settings, DType dtype, bool images)
    {
        if (images) throw NoImages();
        var (x, y) = PlanarFlower.Generate(settings.Int("seed"), dtype);
        return new LoadedData(x, y, null, null, null, Regression: false);
    }
}
