using Dendrite.Data;

namespace Dendrite.Cli.Specs;

/// <summary>The data set with its own settings, and how it is shaped, split, scaled and augmented.</summary>
/// <param name="Source">The data set: a <see cref="DatasetKind"/>'s settings.</param>
internal sealed record DataSpec(SpecSettings Source)
{
    /// <summary>The planar data set with its defaults.</summary>
    public DataSpec() : this(new SpecSettings(DatasetKinds.Table.Get("planar"))) { }

    /// <summary>The named data set with its defaults.</summary>
    public DataSpec(string dataset) : this(new SpecSettings(DatasetKinds.Table.Get(dataset))) { }

    /// <summary>The data set's name.</summary>
    public string Dataset => Source.Type;

    /// <summary>The data set's kind.</summary>
    public DatasetKind Kind => (DatasetKind)Source.Kind;

    /// <summary>Fraction of the training examples held out as the dev set (default 0).</summary>
    public double Dev { get; init; }

    /// <summary>
    /// Fraction of the training examples held out as the train-dev set (default 0): data of the training distribution
    /// that the model never trains on, so that <c>dendrite diagnose</c> can tell variance from data mismatch.
    /// </summary>
    public double TrainDev { get; init; }

    /// <summary>Fraction held out as the test set, for data sets without their own (default 0).</summary>
    public double Test { get; init; }

    /// <summary>Seed of the dev/test split (default 0).</summary>
    public int SplitSeed { get; init; }

    /// <summary>Standardize the inputs with the training set's mean and variance (default false).</summary>
    public bool Standardize { get; init; }

    /// <summary>
    /// What to do with NaN or ±∞ in the inputs or targets: error (default) refuses the data naming the file and where the
    /// value is, drop leaves out the examples that hold one, allow keeps them.
    /// </summary>
    public NonFiniteHandling NonFinite { get; init; } = NonFiniteHandling.Error;

    /// <summary>flat (default): examples as rows [m, features]; image: images [m, C, H, W] for convolutional models.</summary>
    public string Layout { get; init; } = "flat";

    /// <summary>
    /// A transform (an augmentation kind's settings) applied once, seeded by split_seed, to the dev and test images: the
    /// distribution the model must work on differs from the training one (the course's data mismatch); null for none.
    /// </summary>
    public SpecSettings? Shift { get; init; }

    /// <summary>Fraction of the training and train-dev images given the same shift (artificial data synthesis); default 0.</summary>
    public double Synthesize { get; init; }

    /// <summary>Random transforms of the training images (each an <see cref="AugmentationKind"/>'s settings), in order.</summary>
    public ValueList<SpecSettings> Augment { get; init; } = ValueList<SpecSettings>.Empty;
}
