using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>A data set a spec's <c>data.dataset</c> may name: generated, read from the shared folder, or read from the user's files.</summary>
internal abstract class DatasetKind : SpecKind
{
    /// <summary>Whether the data set comes with its own test set (then <c>data.test</c> must be 0).</summary>
    public virtual bool HasTestSet => false;

    /// <summary>The layout when the spec gives none: image for sets whose targets only make sense on images (boxes).</summary>
    public virtual string DefaultLayout => "flat";

    /// <summary>What the targets are, for docs/SPEC.md.</summary>
    public abstract string Targets { get; }

    /// <summary>Reads or generates the examples; inputs are images [m, C, H, W] when <paramref name="images"/>, else rows [m, features].</summary>
    public abstract LoadedData Load(SpecSettings settings, DType dtype, bool images);

    /// <summary>
    /// <see cref="Load(SpecSettings, DType, bool)"/> for a reader that handles NaN and ±∞ itself (CSV, which names the line
    /// and column); the others leave it to <see cref="SpecData"/>'s check of the loaded tensors.
    /// </summary>
    public virtual LoadedData Load(SpecSettings settings, DType dtype, bool images, NonFiniteHandling nonFinite) => Load(settings, dtype, images);

    /// <summary>An error for <c>layout: image</c> on a data set without images.</summary>
    protected CliException NoImages() => new($"data.layout: {Name} has no images (its examples are feature rows); expected layout flat");
}
