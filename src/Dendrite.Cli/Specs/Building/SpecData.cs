using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>Generates or reads the data set a <see cref="DataSpec"/> names, in the run's dtype and layout.</summary>
internal static class SpecData
{
    /// <summary>
    /// Loads <paramref name="spec"/>'s data set: rows [m, features], or images [m, C, H, W] for layout image; NaN and ±∞
    /// in the inputs or float targets are refused, dropped or kept as <see cref="DataSpec.NonFinite"/> says.
    /// </summary>
    public static LoadedData Load(DataSpec spec, DType dtype)
    {
        var data = spec.Kind.Load(spec.Source, dtype, spec.Layout == "image", spec.NonFinite);
        string source = spec.Kind.Field("path") is null ? spec.Dataset : spec.Source.StringOrNull("path") ?? spec.Dataset;
        return FiniteData.Apply(data, spec.NonFinite, source);
    }

    /// <summary>The training set, wrapped in the spec's augmentations (seeded by <paramref name="seed"/>) when it has any.</summary>
    public static IDataset Augmented(DataSpec spec, TensorDataset train, Shape example, int seed)
    {
        if (spec.Augment.Count == 0) return train;
        var transforms = spec.Augment.Select(a => ((AugmentationKind)a.Kind).Build(a, example)).ToArray();
        return new TransformedDataset(train, transforms.Length == 1 ? transforms[0] : new Compose(transforms), seed);
    }
}
