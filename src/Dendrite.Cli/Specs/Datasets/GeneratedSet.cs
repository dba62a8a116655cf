using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>
/// The generated 2-D sets <c>moons</c>, <c>circles</c>, <c>xor</c>, <c>spirals</c> and <c>blobs</c>: a count, a noise level
/// and a seed (spirals and blobs also a number of classes).
/// </summary>
internal sealed class GeneratedSet : DatasetKind
{
    private readonly Func<SpecSettings, DType, (Tensor X, Tensor Y)> _generate;

    private GeneratedSet(string name, string builds, string targets, IReadOnlyList<SpecField> fields, Func<SpecSettings, DType, (Tensor X, Tensor Y)> generate)
    {
        Name = name;
        Builds = builds;
        Targets = targets;
        Fields = fields;
        _generate = generate;
    }

    public override string Name { get; }

    public override string Builds { get; }

    public override string Targets { get; }

    public override IReadOnlyList<SpecField> Fields { get; }

    /// <summary>The five generated sets.</summary>
    public static IEnumerable<GeneratedSet> All()
    {
        static SpecField Count(int d, string doc = "number of examples") => SpecField.Int("count", doc, d, minimum: 1, maximum: DatasetLimits.MaxExamples);
        static SpecField Noise(double d, string doc = "noise level") => SpecField.NonNegative("noise", doc, d);
        var seed = SpecField.Int("seed", "generator seed", 0);
        static SpecField Classes(string doc) => SpecField.Int("classes", doc, 3, minimum: 1);
        yield return new("moons", "Moons.Generate", "binary", [Count(300), Noise(0.2), seed],
            (s, t) => Moons.Generate(s.Int("count"), s.Double("noise"), s.Int("seed"), dtype: t));
        yield return new("circles", "Circles.Generate", "binary", [Count(300), Noise(0.05), seed],
            (s, t) => Circles.Generate(s.Int("count"), s.Double("noise"), s.Int("seed"), dtype: t));
        yield return new("xor", "Xor.Generate", "binary", [Count(200), Noise(0), seed],
            (s, t) => Xor.Generate(s.Int("count"), s.Double("noise"), s.Int("seed"), t));
        yield return new("spirals", "Spirals.Generate", "class labels", [Count(100, "points per class"), Noise(0.2), seed, Classes("number of classes")],
            (s, t) => Spirals.Generate(s.Int("count"), s.Int("classes"), s.Double("noise"), s.Int("seed"), t));
        yield return new("blobs", "Blobs.Generate", "class labels", [Count(300), Noise(1.0, "cluster std"), seed, Classes("number of centers")],
            (s, t) => Blobs.Generate(s.Int("count"), s.Int("classes"), s.Double("noise"), s.Int("seed"), dtype: t));
    }

    public override LoadedData Load(SpecSettings settings, DType dtype, bool images)
    {
        if (images) throw NoImages();
        var (x, y) = _generate(settings, dtype);
        return new LoadedData(x, y, null, null, null, Regression: false);
    }
}
